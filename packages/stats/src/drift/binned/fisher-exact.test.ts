import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { countCases } from "./count-fixture.js";
import { fisherExact } from "./fisher-exact.js";

// Against scipy.stats.fisher_exact([reference, current]): odds ratio 1e-9 relative (NaN and
// Infinity exactly), p-value 1e-6 relative.
describe("fisherExact matches scipy.stats.fisher_exact", () => {
  const cases = countCases().filter((c) => c.fisher_exact !== undefined);
  it("has 2x2 cases", () => expect(cases.length).toBeGreaterThan(50));
  for (const c of cases) {
    it(c.name, () => {
      const expected = c.fisher_exact as { statistic: number; p_value: number };
      const r = fisherExact(c.reference, c.current);
      expect(isClose(r.statistic, expected.statistic, 1e-9), `${r.statistic}`).toBe(true);
      expect(isClose(r.p_value ?? Number.NaN, expected.p_value, 1e-6), `${r.p_value}`).toBe(true);
    });
  }
});

const table = fc
  .tuple(fc.nat(60), fc.nat(60), fc.nat(60), fc.nat(60))
  .filter(([a, b, c, d]) => a + b > 0 && c + d > 0);

describe("fisherExact properties", () => {
  it("gives p = 1 for identical rows", () => {
    fc.assert(fc.property(table, ([a, b]) => isClose(fisherExact([a, b], [a, b]).p_value ?? 0, 1, 1e-9)));
  });
  it("gives a p-value in (0, 1], the same when rows or columns are swapped", () => {
    fc.assert(
      fc.property(table, ([a, b, c, d]) => {
        const p = fisherExact([a, b], [c, d]).p_value ?? Number.NaN;
        const rows = fisherExact([c, d], [a, b]).p_value ?? Number.NaN;
        const cols = fisherExact([b, a], [d, c]).p_value ?? Number.NaN;
        return p > 0 && p <= 1 && isClose(rows, p, 1e-9) && isClose(cols, p, 1e-9);
      }),
    );
  });
  it("rejects fractional counts", () => {
    expect(() => fisherExact([1.5, 2], [1, 2])).toThrow(RangeError);
  });
  it("handles large tables quickly", () => {
    const r = fisherExact([600000, 400000], [580000, 420000]);
    expect(r.p_value).toBeGreaterThanOrEqual(0);
    expect(r.p_value).toBeLessThan(1e-100);
  });
});
