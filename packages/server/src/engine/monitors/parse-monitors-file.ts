import { parse } from "yaml";
import { SightlineError } from "../../errors.js";
import type { Monitor, NotifierConfig } from "./monitor.js";
import { parseMonitor } from "./parse-monitor.js";

/** What a monitors file declares: monitors, overrides of defaults (`{ name, enabled }`) and notifiers. */
export interface MonitorsFile {
  monitors: Monitor[];
  /** Monitors (usually defaults) switched on or off by name without restating them. */
  enabled: Record<string, boolean>;
  notifiers: NotifierConfig[];
}

const notifierTypes = ["webhook", "slack", "alertmanager", "retraining"] as const;

function fail(file: string, field: string, reason: string): never {
  throw new SightlineError("SL_INVALID_MONITOR", `${file}: ${field} ${reason}`, { field });
}

/**
 * Parses a monitors file, YAML or JSON (JSON is YAML): `{ monitors: [...], notifiers: [{ name, type, url }] }`.
 * Every error names the file and the field, e.g. `monitors.yaml: monitors[1].window must be a duration`.
 *
 * @example
 * const { monitors, notifiers } = parseMonitorsFile(readFileSync("monitors.yaml", "utf8"), "monitors.yaml");
 */
export function parseMonitorsFile(text: string, file: string): MonitorsFile {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    fail(file, "$", `is not valid YAML or JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (doc === null || doc === undefined) return { monitors: [], enabled: {}, notifiers: [] };
  if (typeof doc !== "object" || Array.isArray(doc))
    fail(file, "$", "must be an object with monitors and notifiers");
  const root = doc as Record<string, unknown>;
  for (const key of Object.keys(root)) {
    if (key !== "monitors" && key !== "notifiers")
      fail(file, key, "is not a known section (monitors, notifiers)");
  }
  const monitorList = root.monitors ?? [];
  const notifierList = root.notifiers ?? [];
  if (!Array.isArray(monitorList)) fail(file, "monitors", "must be a list");
  if (!Array.isArray(notifierList)) fail(file, "notifiers", "must be a list");
  const notifiers: NotifierConfig[] = [];
  notifierList.forEach((n: unknown, i) => {
    const path = `notifiers[${i}]`;
    if (typeof n !== "object" || n === null) fail(file, path, "must be { name, type, url }");
    const { name, type, url, ...rest } = n as Record<string, unknown>;
    const [extra] = Object.keys(rest);
    if (extra !== undefined) fail(file, `${path}.${extra}`, "is not a notifier field (name, type, url)");
    if (typeof name !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
      fail(file, `${path}.name`, "must be 1-64 characters from A-Z a-z 0-9 . _ -");
    }
    if (notifiers.some((other) => other.name === name))
      fail(file, `${path}.name`, `'${name}' is declared twice`);
    if (typeof type !== "string" || !(notifierTypes as readonly string[]).includes(type)) {
      fail(file, `${path}.type`, `must be one of ${notifierTypes.join(", ")}`);
    }
    let parsed: URL | undefined;
    try {
      parsed = typeof url === "string" ? new URL(url) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
      fail(file, `${path}.url`, "must be an http(s) URL");
    }
    notifiers.push({ name, type: type as NotifierConfig["type"], url: url as string });
  });
  const monitors: Monitor[] = [];
  const enabled: Record<string, boolean> = {};
  monitorList.forEach((m: unknown, i) => {
    const path = `monitors[${i}]`;
    const keys = typeof m === "object" && m !== null ? Object.keys(m) : [];
    const entry = m as Record<string, unknown>;
    if (keys.length === 2 && keys.includes("name") && keys.includes("enabled")) {
      if (typeof entry.name !== "string") fail(file, `${path}.name`, "must be a string");
      if (typeof entry.enabled !== "boolean") fail(file, `${path}.enabled`, "must be true or false");
      enabled[entry.name] = entry.enabled;
      return;
    }
    let monitor: Monitor;
    try {
      monitor = parseMonitor(m, path, "file");
    } catch (error) {
      if (error instanceof SightlineError) {
        throw new SightlineError("SL_INVALID_MONITOR", `${file}: ${error.message}`, error.details);
      }
      throw error;
    }
    if (monitors.some((other) => other.name === monitor.name)) {
      fail(file, `${path}.name`, `'${monitor.name}' is declared twice`);
    }
    for (const [j, target] of monitor.notify.entries()) {
      if (!notifiers.some((n) => n.name === target)) {
        fail(file, `${path}.notify[${j}]`, `names no notifier declared in this file ('${target}')`);
      }
    }
    monitors.push(monitor);
  });
  return { monitors, enabled, notifiers };
}
