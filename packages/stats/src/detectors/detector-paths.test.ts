import { describe, expect, it } from "vitest";
import { loadFixture } from "../internal/fixture.js";
import { Cusum } from "./cusum.js";
import { PageHinkley } from "./page-hinkley.js";

interface PageHinkleyCase {
  detector: "page-hinkley";
  name: string;
  params: {
    min_instances: number;
    delta: number;
    threshold: number;
    alpha: number;
    mode: "up" | "down" | "both";
  };
  stream: number[];
  increase: number[];
  decrease: number[];
  drift: boolean[];
}

interface CusumCase {
  detector: "cusum";
  name: string;
  params: { mu0: number; sd: number; k: number; h: number };
  stream: number[];
  upper: number[];
  lower: number[];
  drift: boolean[];
}

const cases = loadFixture<PageHinkleyCase | CusumCase>("detectors-paths");

// The reference is an independent plain-Python implementation doing the same floating-point
// operations in the same order, so the paths must agree exactly, not merely closely.
describe("Page–Hinkley and CUSUM statistic paths equal the Python reference exactly", () => {
  it("has cases with drifts and resets", () => {
    expect(cases.length).toBeGreaterThanOrEqual(16);
    expect(cases.filter((c) => c.drift.filter(Boolean).length > 1).length).toBeGreaterThan(4);
  });

  for (const c of cases) {
    it(`${c.detector} ${c.name} ${JSON.stringify(c.params)}`, () => {
      if (c.detector === "page-hinkley") {
        const ph = new PageHinkley({
          minInstances: c.params.min_instances,
          delta: c.params.delta,
          threshold: c.params.threshold,
          alpha: c.params.alpha,
          mode: c.params.mode,
        });
        c.stream.forEach((x, i) => {
          const u = ph.update(x);
          expect([u.increase, u.decrease, u.drift], `at ${i}`).toEqual([
            c.increase[i],
            c.decrease[i],
            c.drift[i],
          ]);
        });
      } else {
        const cusum = new Cusum({ mean: c.params.mu0, sd: c.params.sd, k: c.params.k, h: c.params.h });
        c.stream.forEach((x, i) => {
          const u = cusum.update(x);
          expect([u.upper, u.lower, u.drift], `at ${i}`).toEqual([c.upper[i], c.lower[i], c.drift[i]]);
        });
      }
    });
  }
});
