import { describe, expect, it } from "vitest";
import { binomialGreaterP, shareExcess } from "./share-excess.js";

// scipy.stats.binomtest(k, n, p, alternative="greater").pvalue, SciPy 1.10.1.
const scipy: [number, number, number, number][] = [
  [18, 300, 0.01, 2.4824761895988245e-9],
  [3, 50, 0.01, 0.013817270830600381],
  [5, 300, 0.01, 0.1838888325303633],
  [12, 300, 0.03, 0.19401319191195748],
  [0, 300, 0.01, 1.0],
  [300, 300, 0.5, 4.909093465297727e-91],
  [40, 1000, 0.03, 0.04373437893478382],
];

describe("binomialGreaterP", () => {
  it("matches SciPy's one-sided binomtest within 1e-10 relative", () => {
    for (const [k, n, p, expected] of scipy) {
      const got = binomialGreaterP(k, n, p);
      expect(Math.abs(got - expected) / expected, `${k}/${n} at ${p}`).toBeLessThan(1e-10);
    }
  });
});

// Regression: the default quality monitor never fired on missing values, because quality checks
// carried no threshold.
describe("shareExcess", () => {
  it("flags a broken join that nulls 6% of a feature in a 300-row window", () => {
    expect(shareExcess(18, 300, 0)).toMatchObject({ breached: true, threshold: 0.01 });
  });

  it("does not flag a share within the reference's share + margin, nor a small window's few rows", () => {
    expect(shareExcess(12, 300, 0.03).breached).toBe(false);
    expect(shareExcess(3, 50, 0).breached).toBe(false);
    expect(shareExcess(0, 0, 0).breached).toBe(false);
  });

  it("needs the excess above the margin even in a huge window", () => {
    expect(shareExcess(1_500, 100_000, 0.005).breached).toBe(false);
    expect(shareExcess(2_000, 100_000, 0.005).breached).toBe(true);
  });
});
