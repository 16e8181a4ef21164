// Limiting CDF of the Cramér–von Mises statistic (one-sample, n = ∞), equation 1.2/1.3 of Csörgő & Faraway
// (1996), "The exact and asymptotic distributions of Cramér–von Mises statistics", JRSS B 58(1):
//   V(x) = 1/(π^1.5 sqrt(x)) Σ_k Γ(k + 1/2)/Γ(k + 1) sqrt(4k + 1) exp(-q_k) K_{1/4}(q_k),
//   q_k = (4k + 1)^2 / (16 x),
// summed as SciPy 1.10.1's `_cdf_cvm_inf` (scipy/stats/_hypotests.py): terms are added until one is
// below 1e-7 in absolute value (that term included). Not accurate for x > 4, as SciPy notes.

import gammaln from "@stdlib/math-base-special-gammaln";
import { besselKScaled } from "./bessel-k.js";

/**
 * CDF of the limiting Cramér–von Mises distribution, as SciPy's `_cdf_cvm_inf(x)`.
 *
 * @example
 * cvmAsymptoticCdf(0.461); // ≈ 0.94989
 */
export function cvmAsymptoticCdf(x: number): number {
  let total = 0;
  for (let k = 0; ; k++) {
    const u = Math.exp(gammaln(k + 0.5) - gammaln(k + 1)) / (Math.PI ** 1.5 * Math.sqrt(x));
    const y = 4 * k + 1;
    const q = (y * y) / (16 * x);
    // exp(-q) K_{1/4}(q) = ∫ exp(-q (cosh t + 1)) cosh(t / 4) dt
    const z = u * Math.sqrt(y) * besselKScaled(0.25, q, 2);
    total += z;
    if (!(Math.abs(z) >= 1e-7)) break;
  }
  return total;
}
