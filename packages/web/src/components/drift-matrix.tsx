import { type KeyboardEvent, memo, useMemo } from "react";
import type { DriftAnswer, DriftColumn } from "../api/types.js";
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

function describe(column: DriftColumn): string {
  const numbers =
    column.p_value === null
      ? `${column.method} ${formatNumber(column.statistic)}, threshold ${formatNumber(column.threshold)}`
      : `${column.method} p ${formatNumber(column.p_value)}, threshold ${formatNumber(column.threshold)}`;
  return `${numbers}${column.drift_detected ? ", drift" : ""}`;
}

/**
 * The drift matrix: one row per column (features, then prediction and label), one cell per window, each
 * coloured by its result relative to its threshold and marked `data-drift="true"` when drift was detected.
 * Cells are buttons reached with Tab (one stop) and the arrow keys; Enter or a click opens the cell.
 *
 * @example
 * <DriftMatrix answer={drift} selected={null} onSelect={(cell) => open(cell)} />
 */
export const DriftMatrix = memo(function DriftMatrix(props: {
  answer: DriftAnswer;
  selected: DriftCellRef | null;
  onSelect: (cell: DriftCellRef) => void;
}) {
  const { answer, selected, onSelect } = props;
  const { columns, cells } = useMemo(() => {
    const names: string[] = [];
    const byKey = new Map<string, DriftColumn>();
    for (const window of answer.windows) {
      for (const c of window.columns) {
        const key = `${c.column}\u0000${window.from}`;
        if (byKey.has(key)) continue;
        if (!names.includes(c.column)) names.push(c.column);
        byKey.set(key, c);
      }
    }
    return { columns: names, cells: byKey };
  }, [answer]);
  const hourly = answer.windows.some((w) => Date.parse(w.to) - Date.parse(w.from) < 86_400_000);
  const labelEvery = Math.max(1, Math.ceil(answer.windows.length / 30));
  const focusKey = selected ? `${selected.column}\u0000${selected.from}` : null;
  const firstKey =
    columns[0] !== undefined && answer.windows[0] ? `${columns[0]}\u0000${answer.windows[0].from}` : null;
  const tabStop = focusKey !== null && cells.has(focusKey) ? focusKey : firstKey;

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
            {answer.windows.map((w, i) => (
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
              {answer.windows.map((w, col) => {
                const key = `${name}\u0000${w.from}`;
                const cell = cells.get(key);
                if (!cell) return <td key={w.from} className="empty" />;
                return (
                  <td key={w.from}>
                    <button
                      type="button"
                      className={`cell sev-${driftSeverity(cell)}`}
                      tabIndex={key === tabStop ? 0 : -1}
                      aria-pressed={key === focusKey}
                      aria-label={`${name}, window ${w.from.slice(0, 16)}: ${describe(cell)}`}
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
