import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";
import { loadChartAssets } from "./chart-assets.js";
import { computeDriftReport } from "./compute-drift-report.js";
import { renderDriftHtml } from "./render-html.js";
import { quoteLiteral } from "./sql-quote.js";

let dir: string;
const ROWS = 1_000_000;

// A million rows per file, written by DuckDB: a normal-ish numeric column (shifted in the current
// file), a 200-category text column and a boolean.
async function writeMillionRows(path: string, shift: number, seed: number): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    await conn.run(`SELECT setseed(${seed})`);
    await conn.run(
      `COPY (SELECT random() + random() + random() + ${shift} AS amount,
                    'shop-' || CAST(floor(random() * 200) AS INTEGER) AS shop,
                    random() < 0.3 AS returned
             FROM range(${ROWS})) TO ${quoteLiteral(path)} (FORMAT parquet)`,
    );
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function tags(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, "gi"))].map((m) => m[0]);
}

beforeAll(async () => {
  dir = await makeTempDir("sightline-drift-html-");
  await writeMillionRows(join(dir, "ref.parquet"), 0, 0.25);
  await writeMillionRows(join(dir, "cur.parquet"), 0.3, 0.75);
});

afterAll(async () => {
  await removeTempDir(dir);
});

describe("renderDriftHtml", () => {
  it("a 1,000,000-row input gives one self-contained page under 1 MB with every chart's data", async () => {
    const report = await computeDriftReport({
      reference: join(dir, "ref.parquet"),
      current: join(dir, "cur.parquet"),
      method: "auto",
      bins: 10,
      datasetShare: 0.5,
    });
    expect(report.reference.rows).toBe(ROWS);
    expect(report.columns.map((c) => [c.column, c.method, c.drift_detected])).toEqual([
      ["amount", "wasserstein", true],
      ["shop", "jensen-shannon", false],
      ["returned", "jensen-shannon", false],
    ]);
    const html = renderDriftHtml(report, loadChartAssets());
    expect(Buffer.byteLength(html)).toBeLessThan(1_000_000);
    // Self-contained: no external script or stylesheet, no http(s) address in any script/link tag.
    expect(tags(html, "link")).toEqual([]);
    const scripts = tags(html, "script");
    expect(scripts.length).toBe(3);
    for (const tag of scripts) {
      expect(tag).not.toMatch(/\bsrc\s*=/i);
      expect(tag).not.toMatch(/https?:/i);
    }
    expect(html).toContain("uPlot");
    const embedded = html.match(/<script type="application\/json" id="drift-data">([^<]*)<\/script>/);
    const charts = JSON.parse(embedded?.[1] as string);
    expect(charts.map((c: { kind: string }) => c.kind)).toEqual(["histogram", "bars", "bars"]);
    // Only aggregates: the histogram counts add up to the rows, and 200 shops become 30 bars + "(other)".
    expect(charts[0].reference.reduce((s: number, v: number) => s + v, 0)).toBe(ROWS);
    expect(charts[1].categories.length).toBe(31);
    expect(charts[1].categories.at(-1)).toBe("(other)");
    expect(html).toContain("p-values collapse at large n");
  });

  it("escapes column names in the page", async () => {
    const report = await computeDriftReport({
      reference: join(dir, "ref.parquet"),
      current: join(dir, "cur.parquet"),
      columns: ["returned"],
      method: "two-proportion-z",
      bins: 10,
      datasetShare: 0.5,
    });
    const evil = {
      ...report,
      columns: report.columns.map((c) => ({ ...c, column: "<img src=x onerror=alert(1)>" })),
    };
    const html = renderDriftHtml(evil, { script: "", style: "" });
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;img src=x onerror=alert(1)&#62;");
  });
});
