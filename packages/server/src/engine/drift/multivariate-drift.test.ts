import { pcaReconstructionError } from "@sightline/stats";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../test-support/seeded-random.js";
import {
  fitMultivariate,
  MULTIVARIATE_MIN_ROWS,
  multivariateDrift,
  withChunkBand,
} from "./multivariate-drift.js";

const next = mulberry32(11);
const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());

/** One day of rows: y follows x, and z's spread changes from day to day (as real days do). */
function day(rows: number, spread: number, coupling = 0.9): number[][] {
  return Array.from({ length: rows }, () => {
    const x = normal();
    return [x, coupling * x + Math.sqrt(1 - coupling * coupling) * normal(), spread * normal()];
  });
}

const spreads = (n: number) => Array.from({ length: n }, () => 0.6 + 0.8 * next());
const referenceDays = spreads(21).map((s) => day(500, s));
const pooled = referenceDays.flat().filter((_, i) => i % 2 === 0);
const names = ["x", "y", "z"];

describe("withChunkBand", () => {
  const rowBand = fitMultivariate(pooled);
  const widened = withChunkBand(rowBand, referenceDays);

  it("is mean ± 3 sd of the reference days' errors, joined with the row-chunk band", () => {
    const errors = referenceDays.map((rows) => pcaReconstructionError(rowBand.model, rows).error);
    const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
    const sd = Math.sqrt(errors.reduce((s, e) => s + (e - mean) ** 2, 0) / (errors.length - 1));
    expect(widened).toMatchObject({ band: "reference_chunks", bandChunks: 21 });
    expect(widened.model.threshold.upper).toBeCloseTo(
      Math.max(rowBand.model.threshold.upper, mean + 3 * sd),
      12,
    );
    expect(widened.model.threshold.lower).toBeCloseTo(
      Math.min(rowBand.model.threshold.lower, mean - 3 * sd),
      12,
    );
  });

  it("stops ordinary new days from alarming while a broken relation still does", () => {
    const newDays = spreads(30).map((s) => day(500, s));
    const alarms = (fitted: typeof rowBand) =>
      newDays.filter((rows) => multivariateDrift(fitted, names, rows).drift_detected).length;
    const rowAlarms = alarms(rowBand);
    const widenedAlarms = alarms(widened);
    expect(widenedAlarms).toBeLessThanOrEqual(1);
    expect(rowAlarms).toBeGreaterThanOrEqual(widenedAlarms + 3);
    const broken = multivariateDrift(widened, names, day(500, 1, 0));
    expect(broken).toMatchObject({ drift_detected: true, band: "reference_chunks", band_chunks: 21 });
  });

  it("keeps the row-chunk band with fewer than three usable chunks", () => {
    const small = [day(MULTIVARIATE_MIN_ROWS - 1, 1), ...referenceDays.slice(0, 2)];
    expect(withChunkBand(rowBand, small)).toBe(rowBand);
    expect(multivariateDrift(rowBand, names, referenceDays[0] as number[][])).toMatchObject({
      band: "row_chunks",
      band_chunks: rowBand.model.reference_errors.length,
    });
  });
});
