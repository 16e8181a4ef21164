import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import { regressionMetrics } from "./regression-metrics.js";

interface RegressionCase {
  kind: string;
  name: string;
  y_true: number[];
  y_pred: number[];
  mae: number;
  mse: number;
  rmse: number;
  mape: number;
  r2: number;
  max_error: number;
}

const cases = loadFixture<RegressionCase>("metrics").filter((c) => c.kind === "regression");

describe("regressionMetrics vs sklearn.metrics (MAE, MSE, RMSE, MAPE, R², max error)", () => {
  it("has cases, including zero and constant targets", () => {
    expect(cases.length).toBeGreaterThan(20);
    expect(cases.some((c) => c.y_true.includes(0))).toBe(true);
  });
  for (const c of cases) {
    it(c.name, () => {
      const m = regressionMetrics(c.y_true, c.y_pred);
      const pairs: [string, number, number][] = [
        ["mae", m.meanAbsoluteError, c.mae],
        ["mse", m.meanSquaredError, c.mse],
        ["rmse", m.rootMeanSquaredError, c.rmse],
        ["mape", m.meanAbsolutePercentageError, c.mape],
        ["r2", m.r2, c.r2],
        ["max", m.maxError, c.max_error],
      ];
      for (const [name, got, want] of pairs)
        expect(isClose(got, want), `${name}: ${got} vs ${want}`).toBe(true);
    });
  }
});
