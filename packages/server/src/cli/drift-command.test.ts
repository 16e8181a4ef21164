import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  chiSquare,
  jensenShannon,
  kolmogorovSmirnovTest,
  normalizedWassersteinDistance,
  RandomSource,
  twoProportionZ,
} from "@sightline/stats";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type TestColumn, writeTestFile } from "../report/drift-test-files.js";
import { runSightline } from "../test-support/run-sightline.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";
import { main } from "./main.js";

let dir: string;

/** Values of one window: `shifted` moves by `shift`, `color` changes its mix when `changed`. */
function windowColumns(rng: RandomSource, n: number, shift: number, changed: boolean): TestColumn[] {
  const colors = changed ? [0.2, 0.5] : [0.5, 0.8];
  return [
    { name: "shifted", type: "DOUBLE", values: Array.from({ length: n }, () => rng.normal(shift, 1)) },
    {
      name: "stable",
      type: "DOUBLE",
      values: Array.from({ length: n }, (_, i) => (i % 50 === 0 ? null : rng.normal(0, 1))),
    },
    {
      name: "color",
      type: "VARCHAR",
      values: Array.from({ length: n }, () => {
        const u = rng.uniform();
        return u < (colors[0] as number) ? "red" : u < (colors[1] as number) ? "green" : "blue";
      }),
    },
    {
      name: "city",
      type: "VARCHAR",
      values: Array.from({ length: n }, () => ["Oslo", "Lima", "Pune"][rng.integer(0, 2)] as string),
    },
    { name: "flag", type: "BOOLEAN", values: Array.from({ length: n }, () => rng.uniform() < 0.3) },
  ];
}

const data: Record<string, TestColumn[]> = {};

async function drift(args: string[]): Promise<{ code: number; stderr: string }> {
  const messages: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => {
    messages.push(parts.join(" "));
  });
  try {
    const code = await main(["node", "sightline", "drift", ...args]);
    return { code, stderr: messages.join("\n") };
  } finally {
    spy.mockRestore();
  }
}

async function driftJson(
  args: string[],
): Promise<Record<string, unknown> & { columns: Record<string, unknown>[] }> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.json`);
  const { code, stderr } = await drift([...args, "--format", "json", "--out", out]);
  expect(stderr).toContain("drift report written");
  expect(code).toBe(0);
  return JSON.parse(readFileSync(out, "utf8"));
}

function values(name: string, column: string): number[] {
  const found = (data[name] as TestColumn[]).find((c) => c.name === column) as TestColumn;
  return found.values.filter((v): v is number => typeof v === "number");
}

function counts(name: string, column: string, categories: readonly (string | boolean)[]): number[] {
  const found = (data[name] as TestColumn[]).find((c) => c.name === column) as TestColumn;
  return categories.map((k) => found.values.filter((v) => v === k).length);
}

beforeAll(async () => {
  dir = await makeTempDir("sightline-drift-");
  const rng = new RandomSource(2024);
  data.smallRef = windowColumns(rng, 600, 0, false);
  data.smallCur = windowColumns(rng, 600, 0.5, true);
  data.largeRef = windowColumns(rng, 4000, 0, false);
  data.largeCur = windowColumns(rng, 4000, 0.5, true);
  await writeTestFile(join(dir, "small-ref.parquet"), data.smallRef);
  await writeTestFile(join(dir, "small-cur.csv"), data.smallCur);
  await writeTestFile(join(dir, "large-ref.csv"), data.largeRef);
  await writeTestFile(join(dir, "large-ref.parquet"), data.largeRef);
  await writeTestFile(join(dir, "large-ref.ndjson"), data.largeRef);
  await writeTestFile(join(dir, "large-cur.parquet"), data.largeCur);
  const text = data.smallCur.map((c) =>
    c.name === "shifted" ? { ...c, type: "VARCHAR" as const, values: c.values.map((v) => `about ${v}`) } : c,
  );
  await writeTestFile(join(dir, "cur-text.csv"), text);
  const empty = data.smallCur.map((c) =>
    c.name === "stable" ? { ...c, values: c.values.map(() => null) } : c,
  );
  await writeTestFile(join(dir, "cur-empty.parquet"), empty);
});

afterAll(async () => {
  await removeTempDir(dir);
});

describe("sightline drift, auto method", () => {
  it("large windows: flags the shifted numeric and the changed categorical with distances", async () => {
    const report = await driftJson([
      "--reference",
      join(dir, "large-ref.csv"),
      "--current",
      join(dir, "large-cur.parquet"),
    ]);
    expect(Object.keys(report).slice(0, 4)).toEqual([
      "columns",
      "drifted_columns",
      "share_drifted",
      "dataset_drift",
    ]);
    const byName = Object.fromEntries(report.columns.map((c) => [c.column, c]));
    for (const c of report.columns) {
      expect(Object.keys(c).slice(0, 7)).toEqual([
        "column",
        "type",
        "method",
        "statistic",
        "p_value",
        "threshold",
        "drift_detected",
      ]);
    }
    expect(report.columns.map((c) => [c.column, c.type, c.method, c.drift_detected])).toEqual([
      ["shifted", "numeric", "wasserstein", true],
      ["stable", "numeric", "wasserstein", false],
      ["color", "categorical", "jensen-shannon", true],
      ["city", "categorical", "jensen-shannon", false],
      ["flag", "boolean", "jensen-shannon", false],
    ]);
    expect(report).toMatchObject({ drifted_columns: 2, share_drifted: 0.4, dataset_drift: false });
    expect(byName.shifted).toMatchObject({ p_value: null, threshold: 0.1, reference_count: 4000 });
    expect(byName.stable?.reference_count).toBe(4000 - 80);
    const expected = normalizedWassersteinDistance(
      values("largeRef", "shifted"),
      values("largeCur", "shifted"),
    );
    expect(byName.shifted?.statistic).toBeCloseTo(expected.statistic, 10);
    const colors = ["red", "green", "blue"];
    const js = jensenShannon(counts("largeRef", "color", colors), counts("largeCur", "color", colors));
    expect(byName.color?.statistic).toBeCloseTo(js.statistic, 12);
  });

  it("small windows: KS, chi-square and the two-proportion Z-test with p-values", async () => {
    const report = await driftJson([
      "--reference",
      join(dir, "small-ref.parquet"),
      "--current",
      join(dir, "small-cur.csv"),
    ]);
    expect(report.columns.map((c) => [c.column, c.method, c.drift_detected])).toEqual([
      ["shifted", "ks", true],
      ["stable", "ks", false],
      ["color", "chi-square", true],
      ["city", "chi-square", false],
      ["flag", "two-proportion-z", false],
    ]);
    const [shifted, , color, , flag] = report.columns;
    const ks = kolmogorovSmirnovTest(values("smallRef", "shifted"), values("smallCur", "shifted"));
    expect(shifted?.statistic).toBeCloseTo(ks.statistic, 12);
    expect(shifted?.p_value).toBeCloseTo(ks.p_value as number, 12);
    expect(shifted?.threshold).toBe(0.05);
    // The reference order of categories is by reference count; chi-square depends on the pairing only.
    const colors = ["red", "green", "blue"];
    const chi = chiSquare(counts("smallRef", "color", colors), counts("smallCur", "color", colors));
    expect(color?.statistic).toBeCloseTo(chi.statistic, 9);
    const z = twoProportionZ(
      counts("smallRef", "flag", [false, true]),
      counts("smallCur", "flag", [false, true]),
    );
    expect(flag?.p_value).toBeCloseTo(z.p_value as number, 12);
    expect(String(shifted?.reason)).toContain("Kolmogorov");
  });

  it("reads CSV, Parquet and NDJSON to the same report", async () => {
    // One after the other: drift() swaps console.error while it runs.
    const reports: Awaited<ReturnType<typeof driftJson>>[] = [];
    for (const ext of ["csv", "parquet", "ndjson"]) {
      reports.push(
        await driftJson([
          "--reference",
          join(dir, `large-ref.${ext}`),
          "--current",
          join(dir, "large-cur.parquet"),
        ]),
      );
    }
    const strip = (r: (typeof reports)[number]) =>
      r.columns.map((c) => [c.column, c.method, c.drift_detected]);
    expect(strip(reports[1] as (typeof reports)[number])).toEqual(
      strip(reports[0] as (typeof reports)[number]),
    );
    expect(strip(reports[2] as (typeof reports)[number])).toEqual(
      strip(reports[0] as (typeof reports)[number]),
    );
    const stats = reports.map((r) => r.columns.map((c) => c.statistic as number));
    for (const [i, s] of (stats[0] as number[]).entries()) {
      expect(stats[1]?.[i]).toBeCloseTo(s, 10);
      expect(stats[2]?.[i]).toBeCloseTo(s, 10);
    }
  });
});

describe("sightline drift, options", () => {
  it("--method, --threshold, --columns and --dataset-share", async () => {
    const args = ["--reference", join(dir, "large-ref.parquet"), "--current", join(dir, "large-cur.parquet")];
    const psi = await driftJson([...args, "--method", "psi", "--columns", "shifted,color", "--bins", "20"]);
    expect(psi.columns.map((c) => [c.column, c.method, c.threshold, c.drift_detected])).toEqual([
      ["shifted", "psi", 0.2, true],
      ["color", "psi", 0.2, true],
    ]);
    expect(psi).toMatchObject({ drifted_columns: 2, share_drifted: 1, dataset_drift: true });
    const strict = await driftJson([...args, "--method", "psi", "--columns", "shifted", "--threshold", "5"]);
    expect(strict.columns[0]).toMatchObject({ threshold: 5, drift_detected: false });
    const share = await driftJson([...args, "--dataset-share", "0.4"]);
    expect(share).toMatchObject({ share_drifted: 0.4, dataset_drift: true, dataset_share: 0.4 });
  });

  it("prints a table with the method reasons and the dataset verdict", async () => {
    const out = join(dir, "table.txt");
    const args = ["--reference", join(dir, "large-ref.parquet"), "--current", join(dir, "large-cur.parquet")];
    expect((await drift([...args, "--out", out])).code).toBe(0);
    const table = readFileSync(out, "utf8");
    expect(table).toMatch(/^shifted\s+numeric\s+wasserstein\s+\S+\s+-\s+> 0\.1\s+DRIFT$/m);
    expect(table).toMatch(/^city\s+categorical\s+jensen-shannon\s+\S+\s+-\s+> 0\.1\s+ok$/m);
    expect(table).toContain("p-values collapse at large n");
    expect(table).toContain("2 of 5 columns drifted (40%); dataset drift: no");
  });
});

describe("sightline drift, wrong inputs", () => {
  const ref = () => join(dir, "small-ref.parquet");
  const cur = () => join(dir, "small-cur.csv");
  const cases: [string, () => string[], RegExp][] = [
    [
      "missing file",
      () => ["--reference", join(dir, "nope.csv"), "--current", cur()],
      /reference file not found: .*nope\.csv/,
    ],
    [
      "unknown column",
      () => ["--reference", ref(), "--current", cur(), "--columns", "shifted,nope"],
      /unknown column 'nope'/,
    ],
    [
      "mismatched types",
      () => ["--reference", ref(), "--current", join(dir, "cur-text.csv")],
      /column 'shifted' has mismatched types: numeric \(DOUBLE\) in the reference, categorical \(VARCHAR\)/,
    ],
    [
      "empty column",
      () => ["--reference", ref(), "--current", join(dir, "cur-empty.parquet")],
      /column 'stable' is empty in the current file/,
    ],
    [
      "unknown method",
      () => ["--reference", ref(), "--current", cur(), "--method", "magic"],
      /unknown --method 'magic'/,
    ],
    ["zero bins", () => ["--reference", ref(), "--current", cur(), "--bins", "0"], /bad --bins '0'/],
    [
      "non-numeric bins",
      () => ["--reference", ref(), "--current", cur(), "--bins", "ten"],
      /bad --bins 'ten'/,
    ],
    [
      "numeric method on text",
      () => ["--reference", ref(), "--current", cur(), "--method", "ks"],
      /column 'color': method ks needs a numeric column/,
    ],
    [
      "unknown format",
      () => ["--reference", ref(), "--current", join(dir, "x.xlsx")],
      /current file not found/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: exit 1 and a message naming the problem`, async () => {
      const { code, stderr } = await drift(args());
      expect(code).toBe(1);
      expect(stderr).toMatch(message);
    });
  }

  it("the spawned CLI exits non-zero with the message on stderr", async () => {
    const { code, stderr, stdout } = await runSightline([
      "drift",
      "--reference",
      ref(),
      "--current",
      cur(),
      "--columns",
      "nope",
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/unknown column 'nope'/);
  });

  it("the spawned CLI prints JSON to stdout", async () => {
    const { code, stdout } = await runSightline([
      "drift",
      "--reference",
      ref(),
      "--current",
      cur(),
      "--format",
      "json",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ drifted_columns: 2, dataset_drift: false });
  });
});
