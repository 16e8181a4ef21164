/**
 * A fitted non-decreasing isotonic regression: the knots of a piecewise-linear function, `x` ascending.
 * Plain data, so it can be stored (e.g. as JSON beside a model version) and applied later.
 */
export interface IsotonicFit {
  x: number[];
  y: number[];
}

// scikit-learn merges x values closer than float64 resolution (np.finfo(float64).resolution = 1e-15).
const X_RESOLUTION = 1e-15;

/**
 * Pool adjacent violators in place on (y, w), as scikit-learn's `_inplace_contiguous_isotonic_regression`
 * (the same pass order and pooling rule, so results agree to the last bits).
 */
function poolAdjacentViolators(y: Float64Array, w: Float64Array): void {
  const n = y.length;
  const target = Int32Array.from({ length: n }, (_, i) => i);
  let i = 0;
  while (i < n) {
    let k = (target[i] as number) + 1;
    if (k === n) break;
    if ((y[i] as number) < (y[k] as number)) {
      i = k;
      continue;
    }
    let sumWy = (w[i] as number) * (y[i] as number);
    let sumW = w[i] as number;
    for (;;) {
      const prevY = y[k] as number;
      sumWy += (w[k] as number) * (y[k] as number);
      sumW += w[k] as number;
      k = (target[k] as number) + 1;
      if (k === n || prevY < (y[k] as number)) {
        y[i] = sumWy / sumW;
        w[i] = sumW;
        target[i] = k - 1;
        target[k - 1] = i;
        if (i > 0) i = target[i - 1] as number;
        break;
      }
    }
  }
  i = 0;
  while (i < n) {
    const k = (target[i] as number) + 1;
    y.fill(y[i] as number, i + 1, k);
    i = k;
  }
}

/**
 * Non-decreasing isotonic regression of y on x by pool adjacent violators, as scikit-learn's
 * `IsotonicRegression(increasing=True).fit`: rows sorted by (x, y), rows with equal x merged into their
 * weighted mean, PAV, then knots inside flat runs dropped. Rows with a non-finite x or y, or weight ≤ 0,
 * are left out (scikit-learn rejects NaN and drops zero weights). Throws when no row remains.
 *
 * @example
 * isotonicRegression([1, 2, 3, 4], [1, 3, 2, 4]); // { x: [1, 2, 3, 4], y: [1, 2.5, 2.5, 4] }
 */
export function isotonicRegression(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  weights?: ArrayLike<number>,
): IsotonicFit {
  if (x.length !== y.length || (weights && weights.length !== x.length)) {
    throw new RangeError("x, y and weights must have the same length");
  }
  const rows: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const w = weights ? (weights[i] as number) : 1;
    if (Number.isFinite(x[i]) && Number.isFinite(y[i]) && w > 0) rows.push(i);
  }
  if (rows.length === 0) throw new RangeError("Isotonic regression needs at least one finite row");
  rows.sort((a, b) => (x[a] as number) - (x[b] as number) || (y[a] as number) - (y[b] as number));
  // As scikit-learn's _make_unique: a new group starts when x exceeds the group's first x by 1e-15.
  const ux: number[] = [];
  const uy: number[] = [];
  const uw: number[] = [];
  let currentX = x[rows[0] as number] as number;
  let currentWy = 0;
  let currentW = 0;
  for (const r of rows) {
    const xr = x[r] as number;
    const wr = weights ? (weights[r] as number) : 1;
    if (xr - currentX >= X_RESOLUTION) {
      ux.push(currentX);
      uy.push(currentWy / currentW);
      uw.push(currentW);
      currentX = xr;
      currentW = wr;
      currentWy = (y[r] as number) * wr;
    } else {
      currentW += wr;
      currentWy += (y[r] as number) * wr;
    }
  }
  ux.push(currentX);
  uy.push(currentWy / currentW);
  uw.push(currentW);
  const fitted = Float64Array.from(uy);
  poolAdjacentViolators(fitted, Float64Array.from(uw));
  const keepX: number[] = [];
  const keepY: number[] = [];
  const last = fitted.length - 1;
  for (let i = 0; i <= last; i++) {
    const v = fitted[i] as number;
    if (i === 0 || i === last || v !== fitted[i - 1] || v !== fitted[i + 1]) {
      keepX.push(ux[i] as number);
      keepY.push(v);
    }
  }
  return { x: keepX, y: keepY };
}

/**
 * Evaluates a fit at `value`: linear interpolation between knots, clipped to the end knots outside them,
 * as scikit-learn's `IsotonicRegression(out_of_bounds="clip").predict` (which uses `numpy.interp`).
 * NaN in, NaN out.
 *
 * @example
 * predictIsotonic({ x: [0, 1], y: [0.2, 0.6] }, 0.5); // 0.4
 */
export function predictIsotonic(fit: IsotonicFit, value: number): number {
  const { x, y } = fit;
  const n = x.length;
  if (Number.isNaN(value)) return Number.NaN;
  if (n === 1 || value <= (x[0] as number)) return y[0] as number;
  if (value >= (x[n - 1] as number)) return y[n - 1] as number;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] as number) <= value) lo = mid;
    else hi = mid;
  }
  if (value === x[lo]) return y[lo] as number;
  const slope = ((y[lo + 1] as number) - (y[lo] as number)) / ((x[lo + 1] as number) - (x[lo] as number));
  return slope * (value - (x[lo] as number)) + (y[lo] as number);
}
