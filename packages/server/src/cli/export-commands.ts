import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { SightlineError } from "../errors.js";
import { buildModelDashboard } from "../exporters/grafana-dashboard.js";
import { renderAlertRules } from "../exporters/prometheus-rules.js";

function output(text: string, out: string | undefined): void {
  if (out) {
    writeFileSync(out, text);
    console.error(`wrote ${out}`);
  } else {
    process.stdout.write(text);
  }
}

function positiveNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new SightlineError("SL_INVALID_QUERY", `${flag} must be a positive number, got '${text}'`);
  }
  return value;
}

/** `sightline grafana dashboard --model M`: a Grafana dashboard JSON for one model. */
export function grafanaCommand(): Command {
  const grafana = new Command("grafana").description("generate Grafana dashboards over Sightline's metrics");
  grafana
    .command("dashboard")
    .description("write a dashboard (JSON) for one model: traffic, latency, outputs, drift, performance")
    .requiredOption("--model <name>", "the model")
    .option("--refresh <interval>", "Grafana refresh interval", "1m")
    .option("--out <file>", "write to a file instead of stdout")
    .action((flags: { model: string; refresh: string; out?: string }) => {
      const dashboard = buildModelDashboard({ model: flags.model, refresh: flags.refresh });
      output(`${JSON.stringify(dashboard, null, 2)}\n`, flags.out);
    });
  return grafana;
}

/** `sightline prometheus rules --model M`: alerting rules for one model. */
export function prometheusCommand(): Command {
  const prometheus = new Command("prometheus").description("generate Prometheus alerting rules");
  prometheus
    .command("rules")
    .description("write alerting rules (YAML) for one model; check them with `promtool check rules`")
    .requiredOption("--model <name>", "the model")
    .option("--error-rate <share>", "share of failed inferences that alerts (default 0.05)")
    .option("--latency-p99 <seconds>", "p99 inference latency that alerts (default 1)")
    .option("--violations <per-prediction>", "contract violations per prediction that alert (default 0.01)")
    .option("--for <duration>", "how long rate conditions must hold (default 10m)")
    .option("--out <file>", "write to a file instead of stdout")
    .action(
      (flags: {
        model: string;
        errorRate?: string;
        latencyP99?: string;
        violations?: string;
        for?: string;
        out?: string;
      }) => {
        const options: Parameters<typeof renderAlertRules>[0] = { model: flags.model };
        const errorRate = positiveNumber("--error-rate", flags.errorRate);
        const latency = positiveNumber("--latency-p99", flags.latencyP99);
        const violations = positiveNumber("--violations", flags.violations);
        if (errorRate !== undefined) options.errorRate = errorRate;
        if (latency !== undefined) options.latencyP99Seconds = latency;
        if (violations !== undefined) options.violationsPerPrediction = violations;
        if (flags.for !== undefined) options.for = flags.for;
        output(renderAlertRules(options), flags.out);
      },
    );
  return prometheus;
}
