import type { WindowScope } from "../store/window-store.js";
import type { Check, CheckProvider, CheckQuery } from "./check.js";
import type { DriftService } from "./drift/drift-service.js";
import type { OutputsService } from "./outputs/outputs-service.js";
import type { QualityService } from "./quality/quality-service.js";
import { shareExcess } from "./quality/share-excess.js";

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
              reference_chunks: c.reference_chunks,
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
 * Data-quality checks per feature: `missing_rate`, `unseen_share` and `out_of_range_share`, each judged
 * by share-excess.ts (above the reference's share + 1 point, and a one-sided binomial test on the window's
 * rows at 0.001; the reference's missing rate, and 0 for unseen and out-of-range values), plus one
 * `violations` check per violation kind (no threshold of its own: monitors set one).
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
          const judged = (metric: string, value: number, count: number, baseline: number): Check => {
            const verdict = shareExcess(count, w.rows, baseline);
            return {
              ...base,
              subject: c.column,
              metric,
              value,
              threshold: verdict.threshold,
              breached: verdict.breached,
              rows: w.rows,
              evidence: { ...c, rows: w.rows, ...verdict },
            };
          };
          checks.push(judged("missing_rate", c.missing_rate, c.missing, c.reference_missing_rate));
          if (c.unseen_share !== null && c.unseen !== null)
            checks.push(judged("unseen_share", c.unseen_share, c.unseen, 0));
          if (c.out_of_range_share !== null && c.out_of_range !== null)
            checks.push(judged("out_of_range_share", c.out_of_range_share, c.out_of_range, 0));
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
