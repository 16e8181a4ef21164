import { useMemo } from "react";
import type { VersionComparison } from "../api/types.js";
import { formatCount, formatDateTime, formatNumber, formatPercent } from "../format.js";
import { type IntervalRow, RegistryIntervalChart } from "./registry-interval-chart.js";

const verdicts = {
  candidate_better: "Candidate is better",
  candidate_worse: "Candidate is worse",
  no_significant_difference: "No significant difference",
  insufficient_data: "Not enough data to decide",
} as const;

interface Row {
  key: string;
  label: string;
  baseline: string;
  candidate: string;
  difference: string;
  evidence: string;
}

function rowsOf(c: VersionComparison): Row[] {
  const rows: Row[] = [
    {
      key: "predictions",
      label: "predictions",
      baseline: formatCount(c.baseline.predictions),
      candidate: formatCount(c.candidate.predictions),
      difference: "",
      evidence: "",
    },
  ];
  const p = c.performance;
  if (p) {
    rows.push({
      key: "performance",
      label: `${p.metric} (${p.task}, ${p.higher_is_better ? "higher" : "lower"} is better)`,
      baseline: `${formatNumber(p.baseline.value)} (n=${formatCount(p.baseline.rows)})`,
      candidate: `${formatNumber(p.candidate.value)} (n=${formatCount(p.candidate.rows)})`,
      difference: formatNumber(p.difference),
      evidence: `${formatPercent(p.confidence)} CI [${formatNumber(p.ci[0])}, ${formatNumber(p.ci[1])}], bootstrap of ${formatCount(p.iterations)}`,
    });
  }
  const e = c.error_rate;
  rows.push({
    key: "error_rate",
    label: "error rate",
    baseline: formatPercent(c.baseline.error_rate),
    candidate: formatPercent(c.candidate.error_rate),
    difference: e ? formatPercent(e.difference) : "—",
    evidence: e ? `p=${formatNumber(e.p_value)}${e.significant ? ", significant" : ""}` : "",
  });
  rows.push({
    key: "latency_p95",
    label: "latency p95",
    baseline: c.baseline.latency_p95_ms === null ? "—" : `${formatNumber(c.baseline.latency_p95_ms)} ms`,
    candidate: c.candidate.latency_p95_ms === null ? "—" : `${formatNumber(c.candidate.latency_p95_ms)} ms`,
    difference:
      c.latency.p95_difference_ms === null ? "—" : `${formatNumber(c.latency.p95_difference_ms)} ms`,
    evidence: c.latency.p95_ratio === null ? "" : `ratio ${formatNumber(c.latency.p95_ratio)}`,
  });
  const o = c.outputs;
  if (o) {
    rows.push({
      key: "outputs",
      label: `output distribution (${o.source}, ${o.kind})`,
      baseline: `n=${formatCount(o.baseline_rows)}`,
      candidate: `n=${formatCount(o.candidate_rows)}`,
      difference: `${o.distance_method.replace("_", "-")} ${formatNumber(o.distance)}`,
      evidence: `${o.test === "ks" ? "KS" : "chi-square"} ${formatNumber(o.statistic)}, p=${formatNumber(o.p_value)}${o.significant ? ", significant" : ""}`,
    });
  }
  return rows;
}

/** A comparison's verdict, its reasons, and each difference with its interval or test. */
export function RegistryComparisonResult(props: { comparison: VersionComparison }) {
  const c = props.comparison;
  const performance = c.performance;
  const intervals = useMemo<IntervalRow[]>(
    () =>
      performance
        ? [
            {
              label: `${performance.metric} difference`,
              difference: performance.difference,
              ci: performance.ci,
            },
          ]
        : [],
    [performance],
  );
  return (
    <div className="comparison" data-verdict={c.verdict}>
      <p>
        <span className={`verdict verdict-${c.verdict}`}>{verdicts[c.verdict]}</span>{" "}
        <span className="muted">
          {c.candidate.version} vs {c.baseline.version}, {formatDateTime(c.window.from)} to{" "}
          {formatDateTime(c.window.to)}
        </span>
      </p>
      {c.reasons.length > 0 ? (
        <ul aria-label="reasons">
          {c.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      {performance ? (
        <RegistryIntervalChart
          label={`candidate minus baseline ${performance.metric}, ${formatPercent(performance.confidence)} confidence interval`}
          rows={intervals}
        />
      ) : null}
      <table className="data" aria-label="differences">
        <thead>
          <tr>
            <th>Measure</th>
            <th>Baseline {c.baseline.version}</th>
            <th>Candidate {c.candidate.version}</th>
            <th>Difference</th>
            <th>Confidence</th>
          </tr>
        </thead>
        <tbody>
          {rowsOf(c).map((r) => (
            <tr key={r.key} data-measure={r.key}>
              <td>{r.label}</td>
              <td className="num">{r.baseline}</td>
              <td className="num">{r.candidate}</td>
              <td className="num">{r.difference}</td>
              <td>{r.evidence}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
