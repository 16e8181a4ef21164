import { DuckDBInstance } from "@duckdb/node-api";
import { binEdges, histogram, RandomSource } from "@sightline/stats";
import { describe, expect, it } from "vitest";
import {
  binCounts,
  categoryCounts,
  equalWidthCounts,
  numericValues,
  profileColumn,
  quantileCuts,
} from "./column-aggregates.js";

async function withTable<T>(
  values: (number | null)[],
  run: (conn: import("@duckdb/node-api").DuckDBConnection) => Promise<T>,
) {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    await conn.run('CREATE TABLE reference ("x" DOUBLE)');
    const appender = await conn.createAppender("reference");
    for (const v of values) {
      if (v === null) appender.appendNull();
      else appender.appendDouble(v);
      appender.endRow();
    }
    appender.closeSync();
    return await run(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const rng = new RandomSource(99);
// Normal values, a few ties, nulls and non-finite values the numeric aggregates must skip.
const sample: (number | null)[] = [
  ...Array.from({ length: 997 }, () => Math.round(rng.normal(10, 3) * 100) / 100),
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
];
const finite = sample.filter((v): v is number => v !== null && Number.isFinite(v));

describe("DuckDB column aggregates", () => {
  it("quantile cuts equal the stats package's binEdges (NumPy linear quantiles)", async () => {
    for (const bins of [2, 10, 37]) {
      const cuts = await withTable(sample, (conn) => quantileCuts(conn, "reference", "x", bins));
      const expected = binEdges(finite, { bins });
      expect(cuts.length).toBe(expected.length);
      cuts.forEach((c, i) => {
        expect(c).toBeCloseTo(expected[i] as number, 10);
      });
    }
  });

  it("bin counts and means equal histogram() over the same cuts, right-closed", async () => {
    const cuts = [7, 9.5, 10, 12.25];
    const { counts, means } = await withTable(sample, (conn) => binCounts(conn, "reference", "x", cuts));
    expect([...counts]).toEqual([...histogram(finite, cuts).counts]);
    const first = finite.filter((v) => v <= 7);
    expect(means[0]).toBeCloseTo(first.reduce((s, v) => s + v, 0) / first.length, 10);
    const onCut = await withTable([7, 7, 9.5, 13], (conn) => binCounts(conn, "reference", "x", cuts));
    expect([...onCut.counts]).toEqual([2, 1, 0, 0, 1]);
  });

  it("equal-width counts cover every finite value; the maximum falls in the last bin", async () => {
    const counts = await withTable([0, 1, 2, 3, 4, null], (conn) =>
      equalWidthCounts(conn, "reference", "x", 0, 4, 4),
    );
    expect(counts).toEqual([1, 1, 1, 2]);
    const constant = await withTable([5, 5, 5], (conn) => equalWidthCounts(conn, "reference", "x", 5, 5, 4));
    expect(constant).toEqual([3]);
  });

  it("profiles count finite values only, and raw values come back in full", async () => {
    const profile = await withTable(sample, (conn) => profileColumn(conn, "reference", "x", "numeric"));
    expect(profile.count).toBe(finite.length);
    expect(profile.min).toBe(Math.min(...finite));
    expect(profile.max).toBe(Math.max(...finite));
    const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
    const sd = Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / finite.length);
    expect(profile.std).toBeCloseTo(sd, 10);
    const values = await withTable(sample, (conn) => numericValues(conn, "reference", "x", profile.count));
    expect([...values].sort((a, b) => a - b)).toEqual([...finite].sort((a, b) => a - b));
    const counts = await withTable([1, 1, 2, null], async (conn) => {
      // Integers are keyed as their DOUBLE text, so they match the same values read as DOUBLE elsewhere.
      await conn.run('CREATE TABLE current AS SELECT CAST("x" AS BIGINT) AS "x" FROM reference');
      expect(await categoryCounts(conn, "current", "x", "numeric")).toEqual(
        await categoryCounts(conn, "reference", "x", "numeric"),
      );
      return categoryCounts(conn, "reference", "x", "numeric");
    });
    expect(counts).toEqual(
      new Map([
        ["1.0", 2],
        ["2.0", 1],
      ]),
    );
  });
});
