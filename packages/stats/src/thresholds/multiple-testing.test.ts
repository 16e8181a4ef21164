import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import {
  adjustPValues,
  benjaminiHochberg,
  bonferroni,
  holm,
  type MultipleTestingMethod,
} from "./multiple-testing.js";

interface Case {
  name: string;
  p: number[];
  bonferroni: number[];
  holm: number[];
  bh: number[];
  reject: Record<string, Record<MultipleTestingMethod, boolean[]>>;
}

const cases = loadFixture<Case>("thresholds-multiple-testing");
const methods: MultipleTestingMethod[] = ["bonferroni", "holm", "bh"];

describe("multiple-testing corrections against the NumPy textbook reference", () => {
  it("has at least 60 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  for (const c of cases) {
    it(c.name, () => {
      for (const method of methods) {
        const result = adjustPValues(c.p, method);
        expect(result.adjusted.length).toBe(c.p.length);
        result.adjusted.forEach((actual, i) => {
          const expected = c[method][i] as number;
          expect(isClose(actual, expected, 1e-12), `${method}[${i}]: ${actual} vs ${expected}`).toBe(true);
        });
        for (const [alpha, expected] of Object.entries(c.reject)) {
          expect(result.reject(Number(alpha)), `${method} reject at ${alpha}`).toEqual(expected[method]);
        }
      }
    });
  }
});

describe("multiple-testing properties", () => {
  const pArray = fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(Number.NaN)), {
    maxLength: 40,
  });

  it("orders the corrections: raw <= BH <= Holm <= Bonferroni <= 1", () => {
    fc.assert(
      fc.property(pArray, (p) => {
        const b = bonferroni(p);
        const h = holm(p);
        const f = benjaminiHochberg(p);
        p.forEach((raw, i) => {
          if (Number.isNaN(raw)) {
            expect(
              Number.isNaN(b[i] as number) && Number.isNaN(h[i] as number) && Number.isNaN(f[i] as number),
            ).toBe(true);
            return;
          }
          const eps = 1e-15;
          expect(raw).toBeLessThanOrEqual((f[i] as number) + eps);
          expect(f[i] as number).toBeLessThanOrEqual((h[i] as number) + eps);
          expect(h[i] as number).toBeLessThanOrEqual((b[i] as number) + eps);
          expect(b[i] as number).toBeLessThanOrEqual(1);
        });
      }),
    );
  });

  it("does not depend on the order of the input", () => {
    fc.assert(
      fc.property(pArray, (p) => {
        const reversed = [...p].reverse();
        for (const method of methods) {
          const forward = adjustPValues(p, method).adjusted;
          const backward = adjustPValues(reversed, method).adjusted.reverse();
          expect(backward).toEqual(forward);
        }
      }),
    );
  });

  it("counts only non-NaN p-values in the family and rejects invalid input", () => {
    expect(adjustPValues([0.01, Number.NaN, 0.02], "bonferroni").n_tests).toBe(2);
    expect(() => adjustPValues([1.5], "bh")).toThrow(RangeError);
    expect(() => adjustPValues([-0.1], "holm")).toThrow(RangeError);
    expect(() => adjustPValues([0.1], "holm").reject(0)).toThrow(RangeError);
  });
});
