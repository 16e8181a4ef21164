import { formatNumber, formatPercent, formatUtc, renderTable } from "./render-table.js";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the window endpoints, read as they come
type Json = any;

// A window's label: its start in UTC, without the time of day when every window starts at midnight.
function windowLabels(windows: readonly Json[]): string[] {
  const starts = windows.map((w) => formatUtc(w.from));
  return starts.every((s) => s.endsWith(" 00:00Z")) ? starts.map((s) => s.slice(0, 10)) : starts;
}

function scopeLine(answer: Json): string {
  const parts = [`model ${answer.model}`];
  if (answer.version) parts.push(`version ${answer.version}`);
  if (answer.segment) parts.push(`segment ${answer.segment}`);
  return parts.join(", ");
}

/**
 * The drift answer as a features × windows grid: each cell the statistic, `*` marking drift; then the
 * multivariate (PCA) row when present.
 *
 * @example
 * console.log(renderDrift(await (await fetch(`${url}/api/v1/models/m/drift`)).json()));
 */
export function renderDrift(answer: Json): string {
  const windows: Json[] = answer.windows ?? [];
  if (windows.length === 0) return `${scopeLine(answer)}: no windows`;
  const keys: string[] = [];
  const methods = new Map<string, string>();
  for (const w of windows) {
    for (const c of w.columns) {
      const key = `${c.column}\u0000${c.method}`;
      if (!methods.has(key)) {
        keys.push(key);
        methods.set(key, c.method);
      }
    }
  }
  const rows = [["FEATURE", "METHOD", ...windowLabels(windows)]];
  rows.push(["(rows)", "", ...windows.map((w) => String(w.rows))]);
  for (const key of keys) {
    const [column = ""] = key.split("\u0000");
    const cells = windows.map((w) => {
      const c = w.columns.find((x: Json) => `${x.column}\u0000${x.method}` === key);
      return c ? `${formatNumber(c.statistic, 3)}${c.drift_detected ? "*" : ""}` : "-";
    });
    rows.push([column, methods.get(key) ?? "", ...cells]);
  }
  if (windows.some((w) => w.multivariate)) {
    rows.push([
      "(multivariate)",
      "pca",
      ...windows.map((w) =>
        w.multivariate
          ? `${formatNumber(w.multivariate.statistic, 3)}${w.multivariate.drift_detected ? "*" : ""}`
          : "-",
      ),
    ]);
  }
  const drifted = windows.reduce((n, w) => n + w.columns.filter((c: Json) => c.drift_detected).length, 0);
  return [
    `${scopeLine(answer)}; reference ${answer.reference_rows} rows; ${drifted} drifted cell(s)`,
    renderTable(rows),
    "* drift: p-value below, or distance above, its threshold",
  ].join("\n");
}

/**
 * The quality answer, one line per window: rows, rows with violations, violations by kind, and the
 * features with the highest missing rate.
 *
 * @example
 * console.log(renderQuality(answer));
 */
export function renderQuality(answer: Json): string {
  const windows: Json[] = answer.windows ?? [];
  if (windows.length === 0) return `${scopeLine(answer)}: no windows`;
  const labels = windowLabels(windows);
  const rows = [["WINDOW", "ROWS", "VIOLATING", "SHARE", "VIOLATIONS BY KIND", "MOST MISSING"]];
  windows.forEach((w, i) => {
    const kinds = Object.entries(w.violations_by_kind as Record<string, number>)
      .map(([kind, n]) => `${kind}=${n}`)
      .join(",");
    const missing = [...(w.columns as Json[])]
      .filter((c) => c.missing > 0)
      .sort((a, b) => b.missing_rate - a.missing_rate)
      .slice(0, 3)
      .map((c) => `${c.column} ${formatPercent(c.missing_rate)}`)
      .join(", ");
    rows.push([
      labels[i] ?? "",
      String(w.rows),
      String(w.rows_with_violations),
      formatPercent(w.rows > 0 ? w.rows_with_violations / w.rows : null),
      kinds || "-",
      missing || "-",
    ]);
  });
  return [scopeLine(answer), renderTable(rows)].join("\n");
}

/**
 * The outputs answer, one line per window: rows, errors, latency percentiles, score mean and the
 * stuck-output verdict.
 *
 * @example
 * console.log(renderOutputs(answer));
 */
export function renderOutputs(answer: Json): string {
  const windows: Json[] = answer.windows ?? [];
  if (windows.length === 0) return `${scopeLine(answer)}: no windows`;
  const labels = windowLabels(windows);
  const rows = [
    ["WINDOW", "ROWS", "ERRORS", "ERROR RATE", "P50 MS", "P90 MS", "P99 MS", "SCORE MEAN", "STUCK"],
  ];
  windows.forEach((w, i) => {
    rows.push([
      labels[i] ?? "",
      String(w.rows),
      String(w.errors),
      formatPercent(w.error_rate),
      formatNumber(w.latency_ms?.p50),
      formatNumber(w.latency_ms?.p90),
      formatNumber(w.latency_ms?.p99),
      formatNumber(w.score?.mean),
      w.stuck?.stuck ? `yes (${w.stuck.basis})` : "no",
    ]);
  });
  return [scopeLine(answer), renderTable(rows)].join("\n");
}

const mainMetrics: Record<string, string[]> = {
  binary: ["accuracy", "f1", "roc_auc"],
  multiclass: ["accuracy", "macro_f1", "weighted_f1"],
  regression: ["mae", "rmse", "r2"],
};

/**
 * The performance answer, one line per window: rows, labelled, label coverage, the task's main metrics
 * in the window and cumulative, and the CBPE estimate of accuracy where there is one.
 *
 * @example
 * console.log(renderPerformance("fraud", answer));
 */
export function renderPerformance(model: string, answer: Json): string {
  const windows: Json[] = answer.windows ?? [];
  const task = answer.task ? String(answer.task) : null;
  const head = `model ${model}; task ${task ?? "unknown (no labels yet)"}`;
  if (windows.length === 0) return `${head}: no windows`;
  const metrics = task ? (mainMetrics[task] ?? []) : [];
  const labels = windowLabels(windows);
  const rows = [
    [
      "WINDOW",
      "ROWS",
      "LABELLED",
      "COVERAGE",
      ...metrics.map((m) => m.toUpperCase()),
      ...metrics.map((m) => `CUM ${m.toUpperCase()}`),
      "EST ACCURACY",
    ],
  ];
  windows.forEach((w, i) => {
    rows.push([
      labels[i] ?? "",
      String(w.rows),
      String(w.labelled),
      formatPercent(w.label_coverage),
      ...metrics.map((m) => formatNumber(w.metrics?.[m])),
      ...metrics.map((m) => formatNumber(w.cumulative?.metrics?.[m])),
      w.estimated
        ? `${formatNumber(w.estimated.metrics.accuracy)} ± ${formatNumber(w.estimated.expected_error.accuracy, 2)}`
        : "-",
    ]);
  });
  return [head, renderTable(rows)].join("\n");
}
