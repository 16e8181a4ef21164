import type { Monitor, MonitorKind, MonitorThreshold } from "./monitor.js";

const day = 86_400_000;

const defaults: readonly {
  suffix: string;
  kind: MonitorKind;
  threshold: MonitorThreshold;
  severity: Monitor["severity"];
}[] = [
  { suffix: "drift", kind: "drift", threshold: { calibrated: true }, severity: "warning" },
  { suffix: "performance", kind: "performance", threshold: { calibrated: true }, severity: "critical" },
  { suffix: "quality", kind: "quality", threshold: { calibrated: true }, severity: "warning" },
  { suffix: "latency", kind: "latency", threshold: { calibrated: true }, severity: "warning" },
  { suffix: "error_rate", kind: "error_rate", threshold: { above: 0.05 }, severity: "critical" },
  { suffix: "volume", kind: "volume", threshold: { calibrated: true }, severity: "warning" },
  { suffix: "stuck_output", kind: "stuck_output", threshold: { calibrated: true }, severity: "critical" },
  { suffix: "serving_version", kind: "serving_version", threshold: { calibrated: true }, severity: "info" },
];

/**
 * The monitors every model with a reference gets, named `<model>.<kind>`, daily, on every subject: drift of
 * each feature and the output, performance drop, data quality, latency (calibrated), error rate above 5%,
 * volume anomaly (EWMA band), stuck output and serving version. A file or API monitor of the same name
 * replaces one; `{ name, enabled: false }` switches it off.
 *
 * @example
 * defaultMonitors(["flight-delay"]).map((m) => m.name); // ["flight-delay.drift", "flight-delay.performance", ...]
 */
export function defaultMonitors(models: readonly string[]): Monitor[] {
  return [...new Set(models)].flatMap((model) =>
    defaults.map((d) => ({
      name: `${model}.${d.suffix}`,
      model,
      kind: d.kind,
      subject: "*",
      metric: null,
      window: "1d",
      windowMs: day,
      threshold: d.threshold,
      forMs: 0,
      severity: d.severity,
      segment: null,
      version: null,
      labels: {},
      notify: [],
      enabled: true,
      source: "default" as const,
    })),
  );
}

/**
 * Merges monitor sources by name, later ones winning (defaults, then the file, then the API), and applies
 * the file's `{ name, enabled }` switches to monitors the file did not restate.
 *
 * @example
 * const monitors = mergeMonitors([defaultMonitors(models), file.monitors, apiMonitors], file.enabled);
 */
export function mergeMonitors(
  sources: readonly (readonly Monitor[])[],
  enabled: Record<string, boolean>,
): Monitor[] {
  const byName = new Map<string, Monitor>();
  for (const [index, source] of sources.entries()) {
    for (const monitor of source) {
      const switched =
        index === 0 && monitor.name in enabled
          ? { ...monitor, enabled: enabled[monitor.name] === true }
          : monitor;
      byName.set(monitor.name, switched);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
