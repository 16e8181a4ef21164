// Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, Pr(D_n > x): SciPy's
// `scipy.stats.kstwo.sf(x, n)`. The choice of method follows Simard & L'Ecuyer (2011), "Computing the
// two-sided Kolmogorov–Smirnov distribution", J. Stat. Softw. 39(11), exactly as SciPy's `_kolmogn`
// (scipy/stats/_ksstats.py, SciPy 1.10.1): Ruben–Gambino closed forms near the ends of the support,
// twice the one-sided Smirnov tail for large n x^2, Durbin/MTW for small n x^2, Pomeranz in between
// (n <= 140) and Pelz–Good otherwise.

import { kolmogorovDurbinCdf } from "./kolmogorov-durbin.js";
import { kolmogorovPelzGoodCdf } from "./kolmogorov-pelz-good.js";
import { kolmogorovPomeranzCdf } from "./kolmogorov-pomeranz.js";
import { smirnovSf } from "./smirnov.js";

const LOG_2PI = Math.log(2 * Math.PI);
// Stirling coefficients B_{2j}/(2j)/(2j-1), j = 8..1, as SciPy's _STIRLING_COEFFS.
const STIRLING = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

function logFactorialOverPower(n: number): number {
  // log(n! / n^n) by Stirling's series with n log n removed up front.
  const rn = 1 / n;
  const y = rn / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * y + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

function clip01(p: number): number {
  return p < 0 ? 0 : Math.min(p, 1);
}

/**
 * Pr(D_n > x) for the two-sided one-sample KS statistic, as SciPy's `kstwo.sf(x, n)`.
 *
 * @example
 * kstwoSf(10, 0.3); // ≈ 0.27054
 */
export function kstwoSf(n: number, x: number): number {
  if (Number.isNaN(n) || Number.isNaN(x)) return Number.NaN;
  if (!Number.isInteger(n) || n <= 0) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - prob);
  }
  if (t >= n - 1) return clip01(2 * (1 - x) ** n);
  if (x >= 0.5) return clip01(2 * smirnovSf(n, x));

  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip01(1 - kolmogorovDurbinCdf(n, x));
    if (nxSquared <= 4) return clip01(1 - kolmogorovPomeranzCdf(n, x));
    return clip01(2 * smirnovSf(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? kolmogorovDurbinCdf(n, x) : kolmogorovPelzGoodCdf(n, x);
  return clip01(1 - cdf);
}
