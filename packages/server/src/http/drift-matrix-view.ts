import type { DriftAnswer } from "../engine/drift/drift-service.js";

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
 * result in the window (labels absent). `method` indexes the answer's `methods`.
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
  multivariate: DriftMatrixMultivariate | null;
}

/** `GET /api/v1/models/{m}/drift/matrix`: the drift answer with each name listed once and one array per field. */
export interface DriftMatrixAnswer {
  model: string;
  version: string;
  segment: string | null;
  reference_rows: number;
  columns: string[];
  methods: string[];
  windows: DriftMatrixWindow[];
}

/**
 * The compact matrix form of a drift answer: what the drift matrix draws (statistic, p-value, threshold,
 * verdict and method per column and window, the multivariate band) and nothing else; reasons, row counts
 * and the p-value correction stay in the full answer. With several methods a column keeps its first result
 * in each window.
 *
 * @example
 * const matrix = driftMatrixView(await services.windows.drift.drift(scope));
 * matrix.windows[0]?.drift[matrix.columns.indexOf("distance")]; // true
 */
export function driftMatrixView(answer: DriftAnswer): DriftMatrixAnswer {
  const columns: string[] = [];
  const columnIndex = new Map<string, number>();
  const methods: string[] = [];
  const methodIndex = new Map<string, number>();
  const indexOf = (names: string[], index: Map<string, number>, name: string): number => {
    let at = index.get(name);
    if (at === undefined) {
      at = names.length;
      names.push(name);
      index.set(name, at);
    }
    return at;
  };
  for (const window of answer.windows) {
    for (const c of window.columns) indexOf(columns, columnIndex, c.column);
  }
  const windows = answer.windows.map((window): DriftMatrixWindow => {
    const empty = () => new Array<null>(columns.length).fill(null);
    const out: DriftMatrixWindow = {
      from: window.from,
      to: window.to,
      rows: window.rows,
      statistic: empty(),
      p_value: empty(),
      threshold: empty(),
      drift: empty(),
      method: empty(),
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
      const at = columnIndex.get(c.column) as number;
      if (out.drift[at] !== null) continue;
      out.statistic[at] = c.statistic;
      out.p_value[at] = c.p_value;
      out.threshold[at] = c.threshold;
      out.drift[at] = c.drift_detected;
      out.method[at] = indexOf(methods, methodIndex, c.method);
    }
    return out;
  });
  return {
    model: answer.model,
    version: answer.version,
    segment: answer.segment,
    reference_rows: answer.reference_rows,
    columns,
    methods,
    windows,
  };
}
