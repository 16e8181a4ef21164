import { useQuery } from "@tanstack/react-query";
import { getJson } from "../api/client.js";
import type { ContractColumn, DriftDistribution } from "../api/types.js";
import type { DriftCellNumbers, DriftCellResult } from "../drift-cell-result.js";
import { formatCount, formatDateTime, formatNumber, formatPercent } from "../format.js";
import { DistributionChart } from "./distribution-chart.js";
import { DriftHistoryChart } from "./drift-history-chart.js";
import type { DriftCellRef } from "./drift-matrix.js";
import { ReferenceCdfChart } from "./reference-cdf-chart.js";
import { thresholdSourceText } from "./threshold-source.js";

/**
 * An opened drift cell: the test's record from the matrix (method, statistic, p-value, threshold and its
 * source, rows, reason), the column's test over every window against its threshold, its reference distribution, and its missing
 * rate in the window against the reference's, and the reference against the window over the test's bins
 * (fetched from `distributionPath`, null for a row without one such as the multivariate one).
 *
 * @example
 * <DriftCellDetail cell={cell} numbers={numbers} result={result} history={points} reference={column} missing={quality} onClose={close} />
 */
export function DriftCellDetail(props: {
  cell: DriftCellRef;
  /** The cell's numbers from the matrix: shown at once. */
  numbers: (DriftCellNumbers & { method: string }) | undefined;
  /** The full record (threshold source, rows, reason), from the matrix answer. */
  result: DriftCellResult | undefined;
  windowTo: string | undefined;
  history: { from: string; result: DriftCellNumbers }[];
  reference: ContractColumn | undefined;
  missing: { missing_rate: number; reference_missing_rate: number } | undefined;
  distributionPath: string | null;
  onClose: () => void;
}) {
  const { cell, numbers, result, distributionPath } = props;
  const distribution = useQuery({
    queryKey: ["drift-distribution", distributionPath],
    queryFn: () => getJson<DriftDistribution>(distributionPath ?? ""),
    enabled: distributionPath !== null,
    staleTime: 60_000,
  });
  return (
    <section className="cell-detail" aria-label="drift cell" data-testid="drift-cell">
      <header className="detail-header">
        <h3>
          {cell.column} · {formatDateTime(cell.from)} to {formatDateTime(props.windowTo ?? null)}
        </h3>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </header>
      {numbers ? (
        <dl
          className="facts"
          data-complete={result ? "true" : "false"}
          data-values={JSON.stringify({
            method: numbers.method,
            statistic: numbers.statistic,
            p_value: numbers.p_value,
            threshold: numbers.threshold,
            drift_detected: numbers.drift_detected,
          })}
        >
          <dt>Verdict</dt>
          <dd className={numbers.drift_detected ? "error-box" : "ok-box"}>
            {numbers.drift_detected ? "drift detected" : "no drift"}
          </dd>
          <dt>Method</dt>
          <dd>{numbers.method}</dd>
          <dt>Statistic</dt>
          <dd data-field="statistic">{formatNumber(numbers.statistic, 4)}</dd>
          <dt>p-value</dt>
          <dd data-field="p_value">{formatNumber(numbers.p_value, 3)}</dd>
          <dt>Threshold</dt>
          <dd data-field="threshold">
            {numbers.p_value === null ? "statistic > " : "p < "}
            {formatNumber(numbers.threshold, 4)}
            {result ? ` (${thresholdSourceText[result.threshold_source]})` : ""}
          </dd>
          {result ? (
            <>
              <dt>Rows</dt>
              <dd>
                {formatCount(result.rows)} in the window, {formatCount(result.reference_rows)} in the
                reference
              </dd>
              <dt>Why</dt>
              <dd data-field="reason">{result.reason}</dd>
            </>
          ) : null}
          {props.missing ? (
            <>
              <dt>Missing</dt>
              <dd>
                {formatPercent(props.missing.missing_rate)} (reference{" "}
                {formatPercent(props.missing.reference_missing_rate)})
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>No result for this column in this window.</p>
      )}
      <div className="chart-pair">
        <div>
          <h4>Test per window</h4>
          <DriftHistoryChart column={cell.column} points={props.history} selectedFrom={cell.from} />
        </div>
        <div>
          <h4>Reference against the window</h4>
          {distribution.data ? (
            <DistributionChart distribution={distribution.data} />
          ) : distribution.error ? (
            <p className="error-box">{distribution.error.message}</p>
          ) : distributionPath !== null ? (
            <p className="muted">Loading the distribution…</p>
          ) : props.reference?.type === "numeric" && props.reference.quantiles ? (
            <ReferenceCdfChart column={props.reference} />
          ) : (
            <p className="muted">No distribution for this row.</p>
          )}
        </div>
      </div>
    </section>
  );
}
