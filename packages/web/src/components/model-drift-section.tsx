import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { DriftMatrixAnswer } from "sightline/api-types";
import { getJson } from "../api/client.js";
import type { ContractAnswer, QualityAnswer } from "../api/types.js";
import { matrixCellRecord } from "../drift-cell-record.js";
import { MULTIVARIATE_ROW, multivariateResult, withMultivariateRow } from "../drift-multivariate.js";
import { DriftCellDetail } from "./drift-cell-detail.js";
import { type DriftCellRef, DriftMatrix, matrixCell } from "./drift-matrix.js";
import { QueryState } from "./query-state.js";

/**
 * The drift matrix of a model over the page's range (the page's `/drift/matrix` query, with the
 * multivariate result as a last row) and the opened cell (`focus` = column, `cell` = window start, in the
 * URL; an alert link's `focus` alone opens that column's last window). An opened cell shows its full record
 * (reason, rows, threshold source) from the matrix answer: asking `/drift` for its window would wait behind
 * the page's other queries (quality, advice) that the server is still computing.
 *
 * @example
 * <ModelDriftSection model="m" version="v1" drift={matrixQuery} quality={quality.data} />
 */
export function ModelDriftSection(props: {
  model: string;
  version: string;
  drift: UseQueryResult<DriftMatrixAnswer>;
  quality: QualityAnswer | undefined;
}) {
  const { model, version, drift } = props;
  const base = `/api/v1/models/${encodeURIComponent(model)}`;
  const contract = useQuery({
    queryKey: ["contract", model, version],
    queryFn: () => getJson<ContractAnswer>(`${base}/versions/${encodeURIComponent(version)}/contract`),
    staleTime: 300_000,
  });
  const matrix = useMemo(() => (drift.data ? withMultivariateRow(drift.data) : undefined), [drift.data]);
  const [params, setParams] = useSearchParams();
  const focus = params.get("focus");
  const selected = useMemo((): DriftCellRef | null => {
    if (!focus || !matrix) return null;
    const row = matrix.columns.indexOf(focus);
    const from =
      params.get("cell") ?? (row < 0 ? null : matrix.windows.findLast((w) => w.drift[row] !== null)?.from);
    return from === null || from === undefined ? null : { column: focus, from };
  }, [focus, params, matrix]);
  const window = selected && matrix ? matrix.windows.find((w) => w.from === selected.from) : undefined;
  const onSelect = useCallback(
    (cell: DriftCellRef) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          next.set("focus", cell.column);
          next.set("cell", cell.from);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const close = () =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      next.delete("focus");
      next.delete("cell");
      return next;
    });
  return (
    <QueryState query={drift}>
      {(data) => {
        const answer = matrix ?? data;
        const row = selected ? answer.columns.indexOf(selected.column) : -1;
        const history = answer.windows.flatMap((w, i) => {
          const result = row < 0 ? null : matrixCell(answer, i, row);
          return result ? [{ from: w.from, result }] : [];
        });
        const at = window ? answer.windows.indexOf(window) : -1;
        const result =
          !window || row < 0
            ? undefined
            : selected?.column === MULTIVARIATE_ROW
              ? multivariateResult(window)
              : (matrixCellRecord(answer, at, row) ?? undefined);
        const c = contract.data?.contract;
        const reference = selected
          ? (c?.features.find((f) => f.name === selected.column) ??
            (selected.column === "prediction" ? (c?.prediction ?? undefined) : undefined))
          : undefined;
        const missing = selected
          ? props.quality?.windows
              .find((w) => w.from === selected.from)
              ?.columns.find((q) => q.column === selected.column)
          : undefined;
        const drifted = answer.windows.reduce((n, w) => n + w.drift.filter((d) => d === true).length, 0);
        return (
          <>
            <p className="muted">
              Version {answer.version} against its reference of{" "}
              {answer.reference_rows.toLocaleString("en-US")} rows; {drifted} drifted cells. Colour: the
              result relative to its threshold; arrow keys move, Enter opens.
            </p>
            <div className="legend" aria-hidden="true">
              <span className="cell sev-0" /> far below <span className="cell sev-1" /> approaching{" "}
              <span className="cell sev-2" /> drift <span className="cell sev-3" /> over 4× the threshold
            </div>
            <DriftMatrix matrix={answer} selected={selected} onSelect={onSelect} />
            {selected ? (
              <DriftCellDetail
                cell={selected}
                numbers={history.find((h) => h.from === selected.from)?.result}
                result={result}
                windowTo={window?.to}
                history={history}
                reference={reference}
                missing={missing}
                distributionPath={
                  window &&
                  history.some((h) => h.from === window.from) &&
                  selected.column !== MULTIVARIATE_ROW
                    ? `${base}/drift/distribution?${new URLSearchParams({
                        column: selected.column,
                        from: window.from,
                        to: window.to,
                        version: answer.version,
                        ...(answer.segment === null ? {} : { segment: answer.segment }),
                      })}`
                    : null
                }
                onClose={close}
              />
            ) : null}
          </>
        );
      }}
    </QueryState>
  );
}
