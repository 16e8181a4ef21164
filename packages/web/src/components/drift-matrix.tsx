import { type KeyboardEvent, memo } from "react";
import type { DriftMatrixAnswer } from "sightline/api-types";
import type { DriftCellNumbers } from "../drift-cell-result.js";
import { driftSeverity } from "../drift-severity.js";
import { formatNumber } from "../format.js";

/** A cell of the matrix: one column in one window (by the window's start). */
export interface DriftCellRef {
  column: string;
  from: string;
}

function windowLabel(iso: string, hourly: boolean): string {
  return hourly ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(5, 10);
}

function describe(method: string, cell: DriftCellNumbers): string {
  const numbers =
    cell.p_value === null
      ? `${method} ${formatNumber(cell.statistic)}, threshold ${formatNumber(cell.threshold)}`
      : `${method} p ${formatNumber(cell.p_value)}, threshold ${formatNumber(cell.threshold)}`;
  return `${numbers}${cell.drift_detected ? ", drift" : ""}`;
}

/**
 * The numbers of the cell at `column` (an index into `matrix.columns`) in window `w`; null without a result.
 *
 * @example
 * matrixCell(matrix, 0, matrix.columns.indexOf("distance"))?.drift_detected;
 */
export function matrixCell(
  matrix: DriftMatrixAnswer,
  w: number,
  column: number,
): (DriftCellNumbers & { method: string }) | null {
  const window = matrix.windows[w];
  const drift = window?.drift[column];
  if (!window || drift === null || drift === undefined) return null;
  return {
    statistic: window.statistic[column] ?? Number.NaN,
    p_value: window.p_value[column] ?? null,
    threshold: window.threshold[column] ?? Number.NaN,
    drift_detected: drift,
    method: matrix.methods[window.method[column] ?? -1] ?? "",
  };
}

/**
 * The drift matrix: one row per column (features, then prediction and label), one cell per window, each
 * coloured by its result relative to its threshold and marked `data-drift="true"` when drift was detected.
 * Cells are buttons reached with Tab (one stop) and the arrow keys; Enter or a click opens the cell.
 *
 * @example
 * <DriftMatrix matrix={matrix} selected={null} onSelect={(cell) => open(cell)} />
 */
export const DriftMatrix = memo(function DriftMatrix(props: {
  matrix: DriftMatrixAnswer;
  selected: DriftCellRef | null;
  onSelect: (cell: DriftCellRef) => void;
}) {
  const { matrix, selected, onSelect } = props;
  const { columns, windows } = matrix;
  const hourly = windows.some((w) => Date.parse(w.to) - Date.parse(w.from) < 86_400_000);
  const labelEvery = Math.max(1, Math.ceil(windows.length / 30));
  const selectedRow = selected ? columns.indexOf(selected.column) : -1;
  const selectedCol = selected ? windows.findIndex((w) => w.from === selected.from) : -1;
  const hasSelected =
    selectedRow >= 0 && selectedCol >= 0 && windows[selectedCol]?.drift[selectedRow] !== null;
  const tabStop: [number, number] = hasSelected ? [selectedRow, selectedCol] : [0, 0];

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const target = event.target as HTMLElement;
    const row = Number(target.dataset.row);
    const col = Number(target.dataset.col);
    if (!Number.isInteger(row) || !Number.isInteger(col)) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const next = event.currentTarget.querySelector<HTMLElement>(
      `[data-row="${row + move[0]}"][data-col="${col + move[1]}"]`,
    );
    next?.focus();
  };

  if (columns.length === 0) return <p>No drift result in this range.</p>;
  return (
    <div className="matrix-scroll">
      <table
        className="drift-matrix"
        aria-label="drift matrix"
        data-testid="drift-matrix"
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            <th scope="col">Column</th>
            {windows.map((w, i) => (
              <th key={w.from} scope="col" title={w.from}>
                <span className={i % labelEvery === 0 ? "tick" : "visually-hidden"}>
                  {windowLabel(w.from, hourly)}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {columns.map((name, row) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              {windows.map((w, col) => {
                const cell = matrixCell(matrix, col, row);
                if (!cell) return <td key={w.from} className="empty" />;
                return (
                  <td key={w.from}>
                    <button
                      type="button"
                      className={`cell sev-${driftSeverity(cell)}`}
                      tabIndex={row === tabStop[0] && col === tabStop[1] ? 0 : -1}
                      aria-pressed={row === selectedRow && col === selectedCol}
                      aria-label={`${name}, window ${w.from.slice(0, 16)}: ${describe(cell.method, cell)}`}
                      data-row={row}
                      data-col={col}
                      data-column={name}
                      data-window={w.from}
                      data-drift={cell.drift_detected ? "true" : "false"}
                      data-values={JSON.stringify({
                        method: cell.method,
                        statistic: cell.statistic,
                        p_value: cell.p_value,
                        threshold: cell.threshold,
                      })}
                      onClick={() => onSelect({ column: name, from: w.from })}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
