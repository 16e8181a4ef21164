import { SightlineError } from "../../errors.js";
import { isValidName } from "../../names.js";
import { checkKinds } from "../check.js";
import { parseDuration } from "../window.js";
import {
  type Monitor,
  type MonitorKind,
  type MonitorSource,
  type MonitorThreshold,
  type Severity,
  severities,
} from "./monitor.js";

const monitorKinds: readonly MonitorKind[] = [...checkKinds, "advice"];
const fields = new Set([
  "name",
  "model",
  "kind",
  "subject",
  "metric",
  "exclude",
  "window",
  "threshold",
  "for",
  "delay",
  "severity",
  "segment",
  "version",
  "labels",
  "notify",
  "enabled",
]);

function fail(field: string, reason: string): never {
  throw new SightlineError("SL_INVALID_MONITOR", `${field} ${reason}`, { field });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function name(value: unknown, field: string): string {
  if (typeof value !== "string" || !isValidName(value)) {
    fail(field, "must be 1-128 characters from A-Z a-z 0-9 . _ - starting with a letter or digit");
  }
  return value;
}

function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || value.length === 0 || value.length > 256) {
    fail(field, "must be a non-empty string of at most 256 characters");
  }
  return value;
}

function duration(value: unknown, field: string): number {
  if (typeof value !== "string") fail(field, "must be a duration like 15m, 1h, 1d or 1w");
  try {
    return parseDuration(value, field);
  } catch {
    fail(field, `must be a duration like 15m, 1h, 1d or 1w; got '${value}'`);
  }
}

function threshold(value: unknown, field: string): MonitorThreshold {
  if (value === undefined) return { calibrated: true };
  if (!isObject(value)) fail(field, "must be { calibrated: true }, { above: x } or { below: x }");
  const keys = Object.keys(value);
  const [key] = keys;
  if (keys.length !== 1 || key === undefined) {
    fail(field, "must have exactly one of calibrated, above, below");
  }
  if (key === "calibrated") {
    if (value.calibrated !== true) fail(`${field}.calibrated`, "must be true");
    return { calibrated: true };
  }
  if (key !== "above" && key !== "below")
    fail(field, `has unknown key '${key}'; use calibrated, above or below`);
  const bound = value[key];
  if (typeof bound !== "number" || !Number.isFinite(bound))
    fail(`${field}.${key}`, "must be a finite number");
  return key === "above" ? { above: bound } : { below: bound };
}

function labels(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) fail(field, "must be an object of string values");
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key)) fail(`${field}.${key}`, "is not a valid label name");
    if (typeof v !== "string") fail(`${field}.${key}`, "must be a string");
    out[key] = v;
  }
  return out;
}

/**
 * Validates one monitor definition (from a file or an API body) and fills in its defaults: subject `*`,
 * calibrated threshold, no excluded subjects, window `1d`, `for` 0, the kind's `delay` (label-delay.ts),
 * severity `warning`. `for` is a number of windows or a duration.
 * Throws SL_INVALID_MONITOR naming the field (prefixed by `path`, e.g. `monitors[2].threshold.above`).
 *
 * @example
 * parseMonitor({ name: "lat", model: "m", kind: "latency", threshold: { above: 250 }, for: 2 }, "monitor", "api");
 */
export function parseMonitor(value: unknown, path: string, source: MonitorSource): Monitor {
  if (!isObject(value)) fail(path, "must be an object");
  for (const key of Object.keys(value)) {
    if (!fields.has(key)) fail(`${path}.${key}`, `is not a monitor field (known: ${[...fields].join(", ")})`);
  }
  const kind = value.kind;
  if (typeof kind !== "string" || !(monitorKinds as readonly string[]).includes(kind)) {
    fail(`${path}.kind`, `must be one of ${monitorKinds.join(", ")}`);
  }
  const window = value.window ?? "1d";
  const windowMs = duration(window, `${path}.window`);
  let forMs = 0;
  const forValue = value.for;
  if (typeof forValue === "number") {
    if (!Number.isInteger(forValue) || forValue < 0 || forValue > 1000) {
      fail(`${path}.for`, "must be a whole number of windows (0-1000) or a duration like 2h");
    }
    forMs = forValue * windowMs;
  } else if (forValue !== undefined && forValue !== null) {
    forMs = duration(forValue, `${path}.for`);
  }
  let delayMs: number | undefined;
  if (value.delay === 0 || value.delay === "0") delayMs = 0;
  else if (value.delay !== undefined && value.delay !== null)
    delayMs = duration(value.delay, `${path}.delay`);
  const severity = value.severity ?? "warning";
  if (typeof severity !== "string" || !(severities as readonly string[]).includes(severity)) {
    fail(`${path}.severity`, `must be one of ${severities.join(", ")}`);
  }
  let segment: Monitor["segment"] = null;
  const segmentText = optionalText(value.segment, `${path}.segment`);
  if (segmentText !== null) {
    const match = /^([^:=]+)[:=](.+)$/.exec(segmentText);
    if (!match?.[1] || !match[2]) fail(`${path}.segment`, "must be tag:value");
    segment = { tag: match[1], value: match[2] };
  }
  const notify = value.notify ?? [];
  if (!Array.isArray(notify)) fail(`${path}.notify`, "must be a list of notifier names");
  for (const [i, n] of notify.entries()) name(n, `${path}.notify[${i}]`);
  const exclude = value.exclude ?? [];
  if (!Array.isArray(exclude)) fail(`${path}.exclude`, "must be a list of subjects");
  for (const [i, s] of exclude.entries()) {
    if (typeof s !== "string" || s.length === 0 || s.length > 256) {
      fail(`${path}.exclude[${i}]`, "must be a non-empty string of at most 256 characters");
    }
  }
  const enabled = value.enabled ?? true;
  if (typeof enabled !== "boolean") fail(`${path}.enabled`, "must be true or false");
  return {
    name: name(value.name, `${path}.name`),
    model: name(value.model, `${path}.model`),
    kind: kind as MonitorKind,
    subject: optionalText(value.subject, `${path}.subject`) ?? "*",
    metric: optionalText(value.metric, `${path}.metric`),
    exclude: [...new Set(exclude as string[])],
    window: String(window),
    windowMs,
    threshold: threshold(value.threshold, `${path}.threshold`),
    forMs,
    ...(delayMs === undefined ? {} : { delayMs }),
    severity: severity as Severity,
    segment,
    version:
      value.version === undefined || value.version === null ? null : name(value.version, `${path}.version`),
    labels: labels(value.labels, `${path}.labels`),
    notify: notify as string[],
    enabled,
    source,
  };
}
