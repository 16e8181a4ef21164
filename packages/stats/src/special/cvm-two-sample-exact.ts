// Exact null distribution of the two-sample Cramér–von Mises statistic by the recursive frequency tables
// of Xiao, Gordon & Yakovlev (2006), "A C++ program for the Cramér–von Mises two-sample test",
// J. Stat. Softw. 17(8), Algorithm 1, with T. W. Anderson's (1962) U; as SciPy 1.10.1's
// `_pval_cvm_2samp_exact` (scipy/stats/_hypotests.py). Counts are integers below 2^53 for the sizes
// SciPy uses it at (both samples <= 20), so the sums are exact.

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** NumPy's float floor_divide (npy_divmod), which rounds differently from Math.floor(a / b). */
function floorDivide(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0;
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return floordiv;
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

/**
 * Pr(U >= u) for the two-sample Cramér–von Mises U of samples of sizes m and n (no ties assumed).
 *
 * @example
 * cvmTwoSampleExactSf(256, 4, 4); // 0.02857 (= 2 / 70: [1..4] vs [5..8] or the reverse)
 */
export function cvmTwoSampleExactSf(u: number, m: number, n: number): number {
  const lcm = (m / gcd(m, n)) * n;
  const a = lcm / m;
  const b = lcm / n;
  const mn = m * n;
  const zeta = floorDivide(lcm ** 2 * (m + n) * (6 * u - mn * (4 * mn - 1)), 6 * mn ** 2);

  // gs[v]: frequency table (value -> count) of g_{u,v}; start with g_{0,0} = {0: 1}.
  let gs: Map<number, number>[] = [new Map([[0, 1]])];
  for (let v = 1; v <= m; v++) gs.push(new Map());
  for (let uu = 0; uu <= n; uu++) {
    const next: Map<number, number>[] = [];
    let tmp = new Map<number, number>();
    for (let v = 0; v <= m; v++) {
      const merged = new Map(tmp);
      for (const [value, freq] of gs[v]!) merged.set(value, (merged.get(value) ?? 0) + freq);
      const shift = (a * v - b * uu) ** 2;
      tmp = new Map();
      for (const [value, freq] of merged) tmp.set(value + shift, freq);
      next.push(tmp);
    }
    gs = next;
  }
  let count = 0;
  for (const [value, freq] of gs[m]!) if (value >= zeta) count += freq;
  return count / binomial(m + n, m);
}
