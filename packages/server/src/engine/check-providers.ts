import type { WindowScope } from "../store/window-store.js";
import type { Check, CheckProvider, CheckQuery } from "./check.js";
import type { DriftService } from "./drift/drift-service.js";
import type { OutputsService } from "./outputs/outputs-service.js";
import type { QualityService } from "./quality/quality-service.js";

function scopeOf(query: CheckQuery): WindowScope {
  const { fromMs, toMs } = query.window;
  const scope: WindowScope = { model: query.model, fromMs, toMs, sizeMs: toMs - fromMs, originMs: fromMs };
  if (query.version !== undefined) scope.version = query.version;
  if (query.segment !== undefined) scope.segment = query.segment;
  return scope;
}

function segmentOf(query: CheckQuery): string | null {
  return query.segment ? `${query.segment.tag}=${query.segment.value}` : null;
}

/**
 * Drift checks: one per column of the version's reference (features, prediction, label) for the
 * query's window, and one `multivariate_drift` check (PCA reconstruction error; breached outside the band). Distances: `value` is the statistic, breached when above `threshold`; tests:
 * `metric` is `p_value`, `value` the raw p-value, breached when the Holm-adjusted p-value of the window
 * (`evidence.p_adjusted`) is below `threshold`.
 *
 * @example
 * const checks = await driftCheckProvider(drift).checks({ model: "m", window, nowMs });
 */
export function driftCheckProvider(drift: DriftService): CheckProvider {
  return {
    kinds: ["drift", "multivariate_drift"],
    async checks(query) {
      const answer = await drift.drift(scopeOf(query));
      const checks: Check[] = [];
      for (const window of answer.windows) {
        for (const c of window.columns) {
          const test = c.p_value !== null;
          checks.push({
            model: query.model,
            version: answer.version,
            segment: segmentOf(query),
            window: query.window,
            kind: "drift",
            subject: c.column,
            metric: test ? "p_value" : c.method,
            value: test ? c.p_value : c.statistic,
            threshold: c.threshold,
            breached: c.drift_detected,
            rows: c.rows,
            evidence: {
              method: c.method,
              statistic: c.statistic,
              p_value: c.p_value,
              p_adjusted: c.p_adjusted,
              p_adjustment: c.p_adjustment,
              tests_in_window: c.tests_in_window,
              threshold: c.threshold,
              threshold_source: c.threshold_source,
              direction: test ? "below" : "above",
              rows: c.rows,
              reference_rows: c.reference_rows,
              reason: c.reason,
            },
          });
        }
        const m = window.multivariate;
        if (m) {
          checks.push({
            model: query.model,
            version: answer.version,
            segment: segmentOf(query),
            window: query.window,
            kind: "multivariate_drift",
            subject: m.columns.join(","),
            metric: m.method,
            value: m.statistic,
            threshold: m.upper,
            breached: m.drift_detected,
            rows: m.rows,
            evidence: { ...m },
          });
        }
      }
      return checks;
    },
  };
}

/**
 * Data-quality checks per feature: `missing_rate`, `unseen_share` and `out_of_range_share`, plus one
 * `violations` check per violation kind. No threshold of their own: monitors set one.
 *
 * @example
 * await qualityCheckProvider(quality).checks({ model: "m", window, nowMs });
 */
export function qualityCheckProvider(quality: QualityService): CheckProvider {
  return {
    kinds: ["quality"],
    async checks(query) {
      const answer = await quality.quality(scopeOf(query));
      const checks: Check[] = [];
      const base = {
        model: query.model,
        version: answer.version,
        segment: segmentOf(query),
        window: query.window,
        kind: "quality" as const,
        threshold: null,
        breached: false,
      };
      for (const w of answer.windows) {
        for (const c of w.columns) {
          const evidence = { ...c, rows: w.rows };
          checks.push({
            ...base,
            subject: c.column,
            metric: "missing_rate",
            value: c.missing_rate,
            rows: w.rows,
            evidence,
          });
          if (c.unseen_share !== null)
            checks.push({
              ...base,
              subject: c.column,
              metric: "unseen_share",
              value: c.unseen_share,
              rows: w.rows,
              evidence,
            });
          if (c.out_of_range_share !== null) {
            checks.push({
              ...base,
              subject: c.column,
              metric: "out_of_range_share",
              value: c.out_of_range_share,
              rows: w.rows,
              evidence,
            });
          }
        }
        for (const [kind, count] of Object.entries(w.violations_by_kind)) {
          checks.push({
            ...base,
            subject: kind,
            metric: "violations",
            value: count,
            rows: w.rows,
            evidence: { kind, count, rows: w.rows, rows_with_violations: w.rows_with_violations },
          });
        }
      }
      return checks;
    },
  };
}

/**
 * Operational checks: `volume` (rows), `latency` (p50/p90/p99 ms), `error_rate`, and `stuck_output`
 * (breached by the stuck rule of stuck-output.ts).
 *
 * @example
 * await operationalCheckProvider(outputs).checks({ model: "m", window, nowMs });
 */
export function operationalCheckProvider(outputs: OutputsService): CheckProvider {
  return {
    kinds: ["volume", "latency", "error_rate", "stuck_output"],
    async checks(query) {
      const answer = await outputs.outputs(scopeOf(query));
      const base = {
        model: query.model,
        version: query.version ?? null,
        segment: segmentOf(query),
        window: query.window,
        threshold: null,
        breached: false,
      };
      const w = answer.windows[0];
      const rows = w?.rows ?? 0;
      const checks: Check[] = [
        {
          ...base,
          kind: "volume",
          subject: "overall",
          metric: "rows",
          value: rows,
          rows,
          evidence: { rows },
        },
      ];
      if (!w) return checks;
      for (const p of ["p50", "p90", "p99"] as const) {
        checks.push({
          ...base,
          kind: "latency",
          subject: "overall",
          metric: `${p}_ms`,
          value: w.latency_ms ? w.latency_ms[p] : null,
          rows: w.latency_ms?.count ?? 0,
          evidence: { latency_ms: w.latency_ms },
        });
      }
      checks.push({
        ...base,
        kind: "error_rate",
        subject: "overall",
        metric: "error_rate",
        value: w.error_rate,
        rows,
        evidence: { errors: w.errors, rows },
      });
      checks.push({
        ...base,
        kind: "stuck_output",
        subject: w.stuck.basis ?? "prediction",
        metric: w.stuck.basis === "class" ? "top_class_share" : "std",
        value: w.stuck.value,
        breached: w.stuck.stuck,
        rows,
        evidence: { ...w.stuck },
      });
      return checks;
    },
  };
}
