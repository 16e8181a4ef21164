import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { getJson } from "../api/client.js";
import type { ContractAnswer, DriftAnswer, QualityAnswer } from "../api/types.js";
import { MULTIVARIATE_ROW, withMultivariateRow } from "../drift-multivariate.js";
import { DriftCellDetail } from "./drift-cell-detail.js";
import { type DriftCellRef, DriftMatrix } from "./drift-matrix.js";
import { QueryState } from "./query-state.js";

/**
 * The drift matrix of a model over the page's range (the page's drift query, with the multivariate result
 * as a last row) and the opened cell (`focus` = column, `cell` = window
 * start, in the URL; an alert link's `focus` alone opens that column's last window).
 *
 * @example
 * <ModelDriftSection model="m" version="v1" drift={driftQuery} quality={quality.data} />
 */
export function ModelDriftSection(props: {
  model: string;
  version: string;
  drift: UseQueryResult<DriftAnswer>;
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
    const from =
      params.get("cell") ??
      matrix.windows.findLast((w) => w.columns.some((c) => c.column === focus))?.from ??
      null;
    return from === null ? null : { column: focus, from };
  }, [focus, params, matrix]);
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
        const history = selected
          ? answer.windows.flatMap((w) => {
              const result = w.columns.find((c) => c.column === selected.column);
              return result ? [{ from: w.from, result }] : [];
            })
          : [];
        const window = selected ? answer.windows.find((w) => w.from === selected.from) : undefined;
        const result = window?.columns.find((col) => col.column === selected?.column);
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
        return (
          <>
            <p className="muted">
              Version {answer.version} against its reference of{" "}
              {answer.reference_rows.toLocaleString("en-US")} rows;{" "}
              {answer.windows.reduce((n, w) => n + w.columns.filter((col) => col.drift_detected).length, 0)}{" "}
              drifted cells. Colour: the result relative to its threshold; arrow keys move, Enter opens.
            </p>
            <div className="legend" aria-hidden="true">
              <span className="cell sev-0" /> far below <span className="cell sev-1" /> approaching{" "}
              <span className="cell sev-2" /> drift <span className="cell sev-3" /> over 4× the threshold
            </div>
            <DriftMatrix answer={answer} selected={selected} onSelect={onSelect} />
            {selected ? (
              <DriftCellDetail
                cell={selected}
                result={result}
                windowTo={window?.to}
                history={history}
                reference={reference}
                missing={missing}
                distributionPath={
                  window && result && selected.column !== MULTIVARIATE_ROW
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
