import type { Check, CheckProvider, CheckQuery } from "../check.js";
import type { PerformanceTask } from "./detect-task.js";
import type {
  PerformanceMetricsJson,
  PerformanceReport,
  PerformanceWindowJson,
} from "./performance-report.js";
import type { PerformanceQuery, PerformanceService } from "./performance-service.js";

/** How performance checks judge a window. */
export interface PerformanceCheckOptions {
  /** A score metric (accuracy, F1, ROC AUC, R²) breaches below reference − this. Default 0.05. */
  absoluteTolerance: number;
  /** An error metric (MAE, RMSE) breaches above reference × (1 + this). Default 0.2. */
  relativeTolerance: number;
  /**
   * Fewer labelled rows (performance) or rows (estimated performance) than this give a value but never a
   * breach: a verdict on a handful of labels is noise. Default 100.
   */
  minRows: number;
}

const defaults: PerformanceCheckOptions = { absoluteTolerance: 0.05, relativeTolerance: 0.2, minRows: 100 };

/** The metrics checked per task and whether higher is better. */
export const checkedMetrics: Record<PerformanceTask, readonly { metric: string; higherIsBetter: boolean }[]> =
  {
    binary: [
      { metric: "accuracy", higherIsBetter: true },
      { metric: "f1", higherIsBetter: true },
      { metric: "roc_auc", higherIsBetter: true },
    ],
    multiclass: [
      { metric: "accuracy", higherIsBetter: true },
      { metric: "macro_f1", higherIsBetter: true },
    ],
    regression: [
      { metric: "mae", higherIsBetter: false },
      { metric: "rmse", higherIsBetter: false },
      { metric: "r2", higherIsBetter: true },
    ],
  };

const metricOf = (metrics: PerformanceMetricsJson | null | undefined, name: string): number | null => {
  const value = (metrics as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === "number" ? value : null;
};

/**
 * Turns one window's performance answer into checks (pure). `performance`: the realised metric against
 * the reference's metric minus `absoluteTolerance` (score metrics) or times 1 + `relativeTolerance`
 * (error metrics); `estimated_performance`: the CBPE estimate against the same threshold, for binary
 * classifiers with a calibrated reference. No breach below `minRows` labelled rows (or rows, for
 * estimates), nor without a reference value; a `performance` check below `minRows` labels is `immature`
 * (monitors wait for its labels); evidence carries label coverage, the reference value and the tolerance.
 *
 * @example
 * performanceChecks(query, report, { accuracy: 0.9 }, defaults); // [{ kind: "performance", metric: "accuracy", ... }]
 */
export function performanceChecks(
  query: CheckQuery,
  report: PerformanceReport,
  reference: PerformanceMetricsJson | null,
  options: PerformanceCheckOptions = defaults,
): Check[] {
  const window = report.windows[0] as PerformanceWindowJson | undefined;
  if (!report.task || !window) return [];
  const checks: Check[] = [];
  const base = {
    model: query.model,
    version: query.version ?? null,
    segment: query.segment ? `${query.segment.tag}=${query.segment.value}` : null,
    window: query.window,
    subject: "overall",
  };
  for (const { metric, higherIsBetter } of checkedMetrics[report.task]) {
    const referenceValue = metricOf(reference, metric);
    const threshold =
      referenceValue === null
        ? null
        : higherIsBetter
          ? referenceValue - options.absoluteTolerance
          : referenceValue * (1 + options.relativeTolerance);
    const breach = (value: number | null, rows: number): boolean =>
      value !== null &&
      threshold !== null &&
      rows >= options.minRows &&
      (higherIsBetter ? value < threshold : value > threshold);
    const evidence = {
      task: report.task,
      label_coverage: window.label_coverage,
      labelled: window.labelled,
      reference_value: referenceValue,
      tolerance: higherIsBetter ? options.absoluteTolerance : options.relativeTolerance,
      tolerance_kind: higherIsBetter ? "absolute" : "relative",
      min_rows: options.minRows,
    };
    const value = metricOf(window.metrics, metric);
    checks.push({
      ...base,
      kind: "performance",
      metric,
      value,
      threshold,
      breached: breach(value, window.labelled),
      rows: window.labelled,
      evidence,
      ...(window.labelled < options.minRows ? { immature: true } : {}),
    });
    const estimated = window.estimated;
    if (estimated && metric in estimated.metrics) {
      const name = metric as keyof typeof estimated.metrics;
      const estimate = estimated.metrics[name];
      checks.push({
        ...base,
        kind: "estimated_performance",
        metric,
        value: estimate,
        threshold,
        breached: breach(estimate, estimated.rows),
        rows: estimated.rows,
        evidence: {
          ...evidence,
          method: "cbpe",
          expected_error: estimated.expected_error[name],
          realised: value,
        },
      });
    }
  }
  return checks;
}

/**
 * The performance source of checks for monitors (kinds `performance` and `estimated_performance`): one
 * window's realised and CBPE-estimated metrics against the version's reference metrics minus a stated
 * tolerance, never breached below `minRows` labels.
 *
 * @example
 * const provider = performanceCheckProvider(new PerformanceService(store.performance));
 * await provider.checks({ model: "m", version: "v1", window: { fromMs, toMs }, nowMs });
 */
export function performanceCheckProvider(
  service: PerformanceService,
  options: Partial<PerformanceCheckOptions> = {},
): CheckProvider {
  const resolved = { ...defaults, ...options };
  return {
    kinds: ["performance", "estimated_performance"],
    async checks(query: CheckQuery): Promise<Check[]> {
      const request: PerformanceQuery = {
        model: query.model,
        fromMs: query.window.fromMs,
        toMs: query.window.toMs,
        ...(query.version === undefined ? {} : { version: query.version }),
        ...(query.segment === undefined ? {} : { segment: query.segment }),
      };
      const report = await service.report(request);
      if (!report.task) return [];
      // The reference's positive class follows the same rule on its own classes (positiveClass).
      const reference =
        query.version === undefined
          ? null
          : await service.referenceMetrics(query.model, query.version, report.task);
      return performanceChecks(query, report, reference, resolved);
    },
  };
}
