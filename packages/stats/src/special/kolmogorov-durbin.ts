// CDF of the two-sided one-sample Kolmogorov–Smirnov statistic, Pr(D_n <= d), by Durbin's (1968) matrix
// algorithm in the form of Marsaglia, Tsang & Wang (2003), "Evaluating Kolmogorov's distribution",
// J. Stat. Softw. 8(18). Ported from SciPy's `_kolmogn_DMTW` (scipy/stats/_ksstats.py, SciPy 1.10.1),
// including its power-of-two rescaling, so that it agrees with SciPy to rounding.

const E128 = 128;
const P128 = 2 ** 128;
const M128 = 2 ** -128;

/** x * 2^e without intermediate overflow or underflow. */
export function ldexp(x: number, e: number): number {
  let r = x;
  let k = e;
  while (k > 512) {
    r *= 2 ** 512;
    k -= 512;
  }
  while (k < -512) {
    r *= 2 ** -512;
    k += 512;
  }
  return r * 2 ** k;
}

/** Row-major m×m product. */
function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]!;
      if (aik === 0) continue;
      const rowB = k * m;
      const rowC = i * m;
      for (let j = 0; j < m; j++) c[rowC + j]! += aik * b[rowB + j]!;
    }
  }
  return c;
}

/**
 * Pr(D_n <= d) by the Durbin / Marsaglia–Tsang–Wang matrix method (O(m^2 log n), m = 2 ceil(nd) - 1).
 *
 * @example
 * kolmogorovDurbinCdf(10, 0.274); // ≈ 0.62848
 */
export function kolmogorovDurbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;

  let hm: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) hm[r * m + i] = w[r - i + 1]!;
  }
  for (let r = 0; r < m; r++) hm[r * m] = v[r]!;
  for (let c = 0; c < m; c++) hm[(m - 1) * m + c] = v[m - 1 - c]!;

  let hpwr: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) hpwr[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let hExpnt = 0;
  const diag = (k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2) {
      hpwr = matmul(hpwr, hm, m);
      expnt += hExpnt;
    }
    hm = matmul(hm, hm, m);
    hExpnt *= 2;
    if (Math.abs(hm[diag]!) > P128) {
      for (let i = 0; i < hm.length; i++) hm[i]! /= P128;
      hExpnt += E128;
    }
    nn = Math.floor(nn / 2);
  }

  let p = hpwr[diag]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < M128) {
      p *= P128;
      expnt -= E128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return p < 0 ? 0 : Math.min(p, 1);
}
