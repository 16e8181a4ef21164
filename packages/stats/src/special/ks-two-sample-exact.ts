// Exact null distribution of the two-sided two-sample Kolmogorov–Smirnov statistic D_{m,n}, counting
// lattice paths (Hodges 1958, "The significance probability of the Smirnov two-sample test", Ark. Mat.
// 3(43), following Drion/Gnedenko/Korolyuk). Ported from SciPy 1.10.1: `_compute_prob_outside_square`
// (m = n, scipy/stats/_stats_py.py) and the pythran `_compute_outer_prob_inside_method` (m != n,
// scipy/stats/_stats_pythran.py), which runs the "inside" recursion on 1 - p directly (Viehmann 2021,
// arXiv:2102.08037) with a sliding window of one column of the path-count matrix.

/**
 * Pr(D_{n,n} >= h/n) for two samples of equal size n, 0 < h <= n.
 *
 * @example
 * ksProbOutsideSquare(10, 5); // ≈ 0.1678
 */
export function ksProbOutsideSquare(n: number, h: number): number {
  // P = 2 A0 (1 - A1 (1 - A2 (1 - ...))), each A_k a ratio of binomials with h factors (Horner form).
  let p = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
    k -= 1;
  }
  return 2 * p;
}

/**
 * Pr(D_{m,n} >= h / lcm(m, n)) for samples of sizes m and n with gcd g, 0 < h <= lcm(m, n).
 *
 * @example
 * ksProbOutsideRectangle(7, 5, 1, 20); // ≈ 0.2374
 */
export function ksProbOutsideRectangle(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const a = new Float64Array(lenA).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (a[jj + minj - lastminj]! * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return a[maxj - minj - 1]!;
}
