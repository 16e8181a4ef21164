// CDF of the two-sided one-sample Kolmogorov–Smirnov statistic, Pr(D_n <= x), by Pomeranz's (1974)
// recursion (Algorithm 487, CACM 17(12)). Ported from SciPy's `_kolmogn_Pomeranz`
// (scipy/stats/_ksstats.py, SciPy 1.10.1), including its rescaling by 2^128.

import { ldexp } from "./kolmogorov-durbin.js";

const E128 = 128;
const P128 = 2 ** 128;
const M128 = 2 ** -128;

function rowBounds(
  i: number,
  n: number,
  ll: number,
  ceilf: number,
  roundf: number,
): [first: number, last: number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/**
 * Pr(D_n <= x) by the Pomeranz recursion (O(n (nx)^2)); SciPy uses it for n <= 140, 0.754693 < n x^2 <= 4.
 *
 * @example
 * kolmogorovPomeranzCdf(20, 0.3); // ≈ 0.95693
 */
export function kolmogorovPomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  let expnt = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1]! * gOverN) / m;
    twogpower[m] = (twogpower[m - 1]! * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1]! * oneMinusTwoGOverN) / m;
  }

  let v0 = new Float64Array(npwrs);
  let v1 = new Float64Array(npwrs);
  v1[0] = 1;
  let v0s = 0;
  let v1s = 0;
  let [j1, j2] = rowBounds(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0s, v1s] = [v1s, v0s];
    v1.fill(0);
    [j1, j2] = rowBounds(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // conv = convolve(V0[k1 - V0s : k1 - V0s + ln2], pwrs[:ln2]); keep conv[j1-k1 : j1-k1 + (j2-j1+1)]
      const base = k1 - v0s;
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      // NumPy slices stop at the end of the array.
      const lenA = Math.max(0, Math.min(ln2, npwrs - base));
      const lenB = Math.min(ln2, npwrs);
      let max = 0;
      for (let c = 0; c < convLen; c++) {
        const idx = convStart + c;
        let s = 0;
        const lo = Math.max(0, idx - lenB + 1);
        const hi = Math.min(idx, lenA - 1);
        for (let a = lo; a <= hi; a++) s += v0[base + a]! * pwrs[idx - a]!;
        v1[c] = s;
        if (s > max) max = s;
      }
      if (max > 0 && max < M128) {
        for (let c = 0; c < v1.length; c++) v1[c]! *= P128;
        expnt -= E128;
      }
      v1s = v0s + j1 - k1;
    }
  }

  let ans = v1[n - v1s]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > P128) {
      ans *= M128;
      expnt += E128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return ans < 0 ? 0 : Math.min(ans, 1);
}
