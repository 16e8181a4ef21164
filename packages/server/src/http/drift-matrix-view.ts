import type { DriftAnswer } from "../engine/drift/drift-service.js";
import type { ColumnDriftResult } from "../engine/drift/histogram-drift.js";

/** The multivariate (PCA reconstruction error) result of one window, as the matrix draws it. */
export interface DriftMatrixMultivariate {
  statistic: number;
  lower: number;
  upper: number;
  drift_detected: boolean;
  rows: number;
  reference_rows: number;
}

/**
 * One window of the drift matrix. The arrays run parallel to `columns`; `null` where the column has no
 * result in the window (labels absent). `method`, `threshold_source` and `reason` index the answer's
 * `methods`, `threshold_sources` and `reasons`; `column_rows` counts the window's rows with the column present.
 */
export interface DriftMatrixWindow {
  from: string;
  to: string;
  rows: number;
  statistic: (number | null)[];
  p_value: (number | null)[];
  threshold: (number | null)[];
  drift: (boolean | null)[];
  method: (number | null)[];
  threshold_source: (number | null)[];
  reason: (number | null)[];
  column_rows: (number | null)[];
  multivariate: DriftMatrixMultivariate | null;
}

/**
 * `GET /api/v1/models/{m}/drift/matrix`: the drift answer with each name and reason listed once and one
 * array per field. `column_reference_rows` runs parallel to `columns`: the reference's rows with the column present.
 */
export interface DriftMatrixAnswer {
  model: string;
  version: string;
  segment: string | null;
  reference_rows: number;
  columns: string[];
  column_reference_rows: number[];
  methods: string[];
  threshold_sources: ColumnDriftResult["threshold_source"][];
  reasons: string[];
  windows: DriftMatrixWindow[];
}

/** Lists each distinct value once, in order of first appearance, and hands out its index. */
class Names<T> {
  readonly list: T[] = [];
  private readonly index = new Map<T, number>();

  of(value: T): number {
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.list.length;
      this.list.push(value);
      this.index.set(value, at);
    }
    return at;
  }
}

/**
 * The compact matrix form of a drift answer: what the drift matrix draws (statistic, p-value, threshold,
 * verdict and method per column and window, the multivariate band) and what an opened cell shows of its
 * test (threshold source, rows, reason), so that opening a cell asks the server nothing more; the p-value
 * correction and the reference chunks stay in the full answer. With several methods a column keeps its first
 * result in each window.
 *
 * @example
 * const matrix = driftMatrixView(await services.windows.drift.drift(scope));
 * matrix.windows[0]?.drift[matrix.columns.indexOf("distance")]; // true
 */
export function driftMatrixView(answer: DriftAnswer): DriftMatrixAnswer {
  const columns = new Names<string>();
  const columnReferenceRows: number[] = [];
  const methods = new Names<string>();
  const sources = new Names<ColumnDriftResult["threshold_source"]>();
  const reasons = new Names<string>();
  for (const window of answer.windows) {
    for (const c of window.columns) {
      columnReferenceRows[columns.of(c.column)] ??= c.reference_rows;
    }
  }
  const width = columns.list.length;
  const windows = answer.windows.map((window): DriftMatrixWindow => {
    const empty = () => new Array<null>(width).fill(null);
    const out: DriftMatrixWindow = {
      from: window.from,
      to: window.to,
      rows: window.rows,
      statistic: empty(),
      p_value: empty(),
      threshold: empty(),
      drift: empty(),
      method: empty(),
      threshold_source: empty(),
      reason: empty(),
      column_rows: empty(),
      multivariate: window.multivariate
        ? {
            statistic: window.multivariate.statistic,
            lower: window.multivariate.lower,
            upper: window.multivariate.upper,
            drift_detected: window.multivariate.drift_detected,
            rows: window.multivariate.rows,
            reference_rows: window.multivariate.reference_rows,
          }
        : null,
    };
    for (const c of window.columns) {
      const at = columns.of(c.column);
      if (out.drift[at] !== null) continue;
      out.statistic[at] = c.statistic;
      out.p_value[at] = c.p_value;
      out.threshold[at] = c.threshold;
      out.drift[at] = c.drift_detected;
      out.method[at] = methods.of(c.method);
      out.threshold_source[at] = sources.of(c.threshold_source);
      out.reason[at] = reasons.of(c.reason);
      out.column_rows[at] = c.rows;
    }
    return out;
  });
  return {
    model: answer.model,
    version: answer.version,
    segment: answer.segment,
    reference_rows: answer.reference_rows,
    columns: columns.list,
    column_reference_rows: columnReferenceRows,
    methods: methods.list,
    threshold_sources: sources.list,
    reasons: reasons.list,
    windows,
  };
}
