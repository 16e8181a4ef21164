import { useMemo } from "react";
import type { QualityAnswer } from "../api/types.js";
import { formatCount, formatPercent } from "../format.js";
import { BarChart } from "./bar-chart.js";

/**
 * Data quality over the range: contract violations summed by feature and kind (chart and table) and the
 * share of rows with a violation.
 *
 * @example
 * <QualityViolations quality={quality} />
 */
export function QualityViolations(props: { quality: QualityAnswer }) {
  const { quality } = props;
  const { rows, total, flagged } = useMemo(() => {
    const counts = new Map<string, { field: string; kind: string; count: number }>();
    let all = 0;
    let bad = 0;
    for (const window of quality.windows) {
      all += window.rows;
      bad += window.rows_with_violations;
      for (const v of window.violations) {
        const key = `${v.field}\u0000${v.kind}`;
        const entry = counts.get(key) ?? { field: v.field, kind: v.kind, count: 0 };
        entry.count += v.count;
        counts.set(key, entry);
      }
    }
    return { rows: [...counts.values()].sort((a, b) => b.count - a.count), total: all, flagged: bad };
  }, [quality]);
  return (
    <div data-testid="quality">
      <p>
        {formatCount(flagged)} of {formatCount(total)} predictions (
        {formatPercent(total > 0 ? flagged / total : null)}) broke the contract of {quality.version}.
      </p>
      {rows.length === 0 ? null : (
        <>
          <BarChart
            label="contract violations by feature and kind"
            categories={rows.map((r) => `${r.field} · ${r.kind}`)}
            values={rows.map((r) => r.count)}
          />
          <table className="data compact" aria-label="violations">
            <thead>
              <tr>
                <th>Feature</th>
                <th>Kind</th>
                <th>Count</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.field}|${r.kind}`}>
                  <td>{r.field}</td>
                  <td>{r.kind.replaceAll("_", " ")}</td>
                  <td className="num">{formatCount(r.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
