import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Contract } from "../../contract/contract.js";
import type { PredictionRow } from "../../ingest/prediction-row.js";
import { predictionRow } from "../../test-support/store-rows.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";
import type { BinnedColumn, WindowScope } from "../window-store.js";
import { DuckDbSegmentStore } from "./duckdb-segment-store.js";
import { DuckDbStore } from "./duckdb-store.js";
import { DuckDbWindowStore } from "./duckdb-window-store.js";
import { maxTagColumns } from "./typed-tags.js";

const DAY = 86_400_000;

// Per-bin sums are floating-point sums in whatever order DuckDB's threads add them: compare them to 12
// significant digits, everything else exactly.
function rounded<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) =>
      v instanceof Map
        ? Object.fromEntries(v)
        : typeof v === "number" && !Number.isInteger(v)
          ? Number(v.toPrecision(12))
          : v,
    ),
  ) as T;
}
const START = Date.UTC(2024, 0, 1);

function row(id: string, tsMs: number, features: Record<string, unknown>): PredictionRow {
  return predictionRow({
    model: "m",
    id,
    tsMs,
    featuresJson: JSON.stringify(features),
    predictionJson: String(Number(id.length % 2)),
    predictionNum: id.length % 2,
    tagsJson: tags(Number(id.slice(1))),
  });
}

// Segment tags with the awkward cases: none, an empty object, a key that is no plain JSON path, a second key
// on some rows only.
function tags(i: number): string | null {
  if (i % 23 === 0) return null;
  if (i % 29 === 0) return "{}";
  const out: Record<string, string> = { region: i % 2 === 0 ? "eu" : "us" };
  if (i % 3 === 0) out.tier = i % 9 === 0 ? "gold" : "silver";
  if (i % 5 === 0) out['a.b "c"'] = String(i % 4);
  return JSON.stringify(out);
}

// Integers that repeat, a continuous value, categories, and the awkward cases: missing, text in a numeric
// column, non-finite numbers as text.
function features(i: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    count: i % 7,
    score: Math.sin(i) * 10,
    city: ["a", "b", "c", "d"][i % 4],
  };
  if (i % 11 === 0) delete out.score;
  if (i % 13 === 0) out.count = "n/a";
  if (i % 17 === 0) out.score = "NaN";
  if (i % 19 === 0) out.city = 5;
  return out;
}

const contract = {
  model: "m",
  version: "v1",
  rows: 300,
  features: [
    { name: "count", type: "numeric" },
    { name: "score", type: "numeric" },
    { name: "city", type: "categorical" },
  ],
  prediction: { name: "prediction", type: "numeric" },
  label: null,
  createdMs: 0,
} as unknown as Contract;

const columns: BinnedColumn[] = [
  { name: "count", source: "feature", binning: "cuts", cuts: [1, 2, 4] },
  { name: "score", source: "feature", binning: "cuts", cuts: [-5, -0.5, 0, 2.5, 7] },
  { name: "city", source: "feature", binning: "categories", numeric: false, categories: ["a", "b", "5"] },
  { name: "count", source: "feature", binning: "categories", numeric: true, categories: ["1.0", "3.0"] },
  { name: "prediction", source: "prediction", binning: "categories", numeric: true, categories: ["1.0"] },
];

const scope: WindowScope = { model: "m", fromMs: START, toMs: START + 3 * DAY, sizeMs: DAY, originMs: 0 };

describe("FeatureMaterializer", () => {
  let dir: string;
  let store: DuckDbStore;
  let json: DuckDbWindowStore;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-typed-");
    store = await DuckDbStore.open(dir);
    // The same database read through the JSON only: the answer the typed tables must reproduce.
    json = new DuckDbWindowStore(store.db);
    await store.saveContract(contract);
    await store.insertPredictions(
      Array.from({ length: 300 }, (_, i) => row(`p${i}`, START + Math.floor((i / 100) * DAY), features(i))),
    );
    await store.db.write((conn) =>
      store.db.run(
        conn,
        `INSERT INTO reference_rows SELECT 'm', 'v1', i, json_object('count', i % 5, 'score', i / 7, 'city', 'a',
           'timestamp', ${START} + i * 3600000)::VARCHAR, '1', NULL FROM range(200) t(i)`,
      ),
    );
  });

  afterAll(async () => {
    await store?.close();
    await removeTempDir(dir);
  });

  it("gives the same window counts as reading the JSON", async () => {
    const typed = await store.windows.columnCounts(scope, columns);
    expect(rounded(typed)).toEqual(rounded(await json.columnCounts(scope, columns)));
    expect(typed.map((w) => w.rows)).toEqual([100, 100, 100]);
    const [copied] = await store.db.read("SELECT sum(next_rowid) AS n FROM typed_feature_tables");
    expect(Number(copied?.n)).toBe(300);
  });

  it("gives the same reference shapes, counts, chunks and samples as reading the JSON", async () => {
    const wanted = [
      { name: "count", source: "feature" as const, numeric: true },
      { name: "score", source: "feature" as const, numeric: true },
      { name: "city", source: "feature" as const, numeric: false },
    ];
    expect(rounded(await store.windows.referenceShapes("m", "v1", wanted, 10, 5))).toEqual(
      rounded(await json.referenceShapes("m", "v1", wanted, 10, 5)),
    );
    expect(rounded(await store.windows.referenceCounts("m", "v1", columns))).toEqual(
      rounded(await json.referenceCounts("m", "v1", columns)),
    );
    expect(rounded(await store.windows.referenceChunkCounts("m", "v1", columns, DAY, 0))).toEqual(
      rounded(await json.referenceChunkCounts("m", "v1", columns, DAY, 0)),
    );
    const numeric = wanted.slice(0, 2);
    expect(rounded(await store.windows.referenceNumericSample("m", "v1", numeric, 50))).toEqual(
      rounded(await json.referenceNumericSample("m", "v1", numeric, 50)),
    );
    expect(rounded(await store.windows.referenceChunkSample("m", "v1", numeric, DAY, 0, 10))).toEqual(
      rounded(await json.referenceChunkSample("m", "v1", numeric, DAY, 0, 10)),
    );
    expect(rounded(await store.windows.numericSample(scope, numeric, 20))).toEqual(
      rounded(await json.numericSample(scope, numeric, 20)),
    );
  });

  it("counts late data in its window on the next query", async () => {
    const before = await store.windows.columnCounts(scope, columns);
    await store.insertPredictions([row("late-1", START + 5, { count: 3, score: 1, city: "b" })]);
    const after = await store.windows.columnCounts(scope, columns);
    expect(after[0]?.rows).toBe((before[0]?.rows ?? 0) + 1);
    expect(after[0]?.columns.get("city")?.counts[1]).toBe(
      (before[0]?.columns.get("city")?.counts[1] ?? 0) + 1,
    );
    expect(rounded(after.slice(1))).toEqual(rounded(before.slice(1)));
    expect(rounded(after)).toEqual(rounded(await json.columnCounts(scope, columns)));
  });

  it("counts rows written behind the store's back (no insert hook) before answering", async () => {
    await store.db.write((conn) =>
      store.db.run(
        conn,
        `INSERT INTO predictions (model, id, ts_ms, version, features, violation_count, received_ms)
         VALUES ('m', 'raw-1', ${START + DAY + 7}, 'v1', '{"count": 2, "score": 3, "city": "c"}', 0, 0)`,
      ),
    );
    const typed = await store.windows.columnCounts(scope, columns);
    expect(typed[1]?.rows).toBe(101);
    expect(rounded(typed)).toEqual(rounded(await json.columnCounts(scope, columns)));
  });

  it("filters segments on the typed tags with the same answer as on the JSON", async () => {
    for (const segment of [
      { tag: "region", value: "eu" },
      { tag: "tier", value: "gold" },
      { tag: 'a.b "c"', value: "1" },
      { tag: "region", value: "nowhere" },
    ]) {
      const segmented: WindowScope = { ...scope, version: "v1", segment };
      const typed = await store.windows.columnCounts(segmented, columns);
      expect(rounded(typed)).toEqual(rounded(await json.columnCounts(segmented, columns)));
      expect(rounded(await store.windows.numericSample(segmented, columns.slice(0, 2), 20))).toEqual(
        rounded(await json.numericSample(segmented, columns.slice(0, 2), 20)),
      );
    }
    const gold = await store.windows.columnCounts(
      { ...scope, segment: { tag: "tier", value: "gold" } },
      columns,
    );
    expect(gold.reduce((n, w) => n + w.rows, 0)).toBeGreaterThan(0);
  });

  it("lists the segments from the typed tags with the same answer as from the JSON", async () => {
    const query = { model: "m", fromMs: START, toMs: START + 3 * DAY, valuesPerTag: 2, maxTags: 5 };
    const typed = await store.segments.topValues(query);
    expect(typed.map((t) => t.tag)).toEqual(["region", "tier", 'a.b "c"']);
    expect(typed).toEqual(await new DuckDbSegmentStore(store.db).topValues(query));
    const narrow = { ...query, fromMs: START + DAY, version: "v1", maxTags: 1 };
    expect(await store.segments.topValues(narrow)).toEqual(
      await new DuckDbSegmentStore(store.db).topValues(narrow),
    );
  });

  it("adds a column for a tag key first seen after the first copy", async () => {
    const late = {
      ...row("late-tag", START + DAY + 9, { count: 1, score: 2, city: "a" }),
      tagsJson: '{"late":"x"}',
    };
    await store.insertPredictions([late]);
    const segmented: WindowScope = { ...scope, segment: { tag: "late", value: "x" } };
    const typed = await store.windows.columnCounts(segmented, columns);
    expect(typed.map((w) => w.rows)).toEqual([1]);
    expect(rounded(typed)).toEqual(rounded(await json.columnCounts(segmented, columns)));
    const [registered] = await store.db.read("SELECT tags FROM typed_feature_tables WHERE model = 'm'");
    expect(JSON.parse(String(registered?.tags))).toContain("late");
  });

  it("reads columns no contract lists from the JSON, with the same answer", async () => {
    const unknown: BinnedColumn[] = [{ name: "other", source: "feature", binning: "cuts", cuts: [0] }];
    expect(rounded(await store.windows.columnCounts(scope, unknown))).toEqual(
      rounded(await json.columnCounts(scope, unknown)),
    );
  });

  it("copies a reference version again after it is replaced", async () => {
    const first = await store.windows.referenceCounts("m", "v1", columns);
    await store.db.write(async (conn) => {
      await store.db.run(conn, "DELETE FROM reference_rows WHERE model = 'm' AND version = 'v1'");
      await store.db.run(
        conn,
        "INSERT INTO reference_rows SELECT 'm', 'v1', i, json_object('count', 1, 'score', 0, 'city', 'b')::VARCHAR, '1', NULL FROM range(10) t(i)",
      );
      await store.features.forgetReference(conn, "m", "v1");
    });
    const second = await store.windows.referenceCounts("m", "v1", columns);
    expect(second).not.toEqual(first);
    expect(second.get("city")?.counts).toEqual([0, 10, 0, 0]);
    expect(rounded(second)).toEqual(rounded(await json.referenceCounts("m", "v1", columns)));
  });

  it("keeps at most maxTagColumns tag columns and reads a key past the cap from the JSON", async () => {
    const wide = Object.fromEntries(
      Array.from({ length: maxTagColumns + 6 }, (_, k) => [`k${k}`, `v${k % 3}`]),
    );
    await store.insertPredictions([
      {
        ...row("wide-1", START + 2 * DAY + 1, { count: 1, score: 2, city: "a" }),
        tagsJson: JSON.stringify(wide),
      },
    ]);
    const query = { model: "m", fromMs: START, toMs: START + 3 * DAY, valuesPerTag: 3, maxTags: 100 };
    const listed = await store.segments.topValues(query);
    expect(listed).toEqual(await new DuckDbSegmentStore(store.db).topValues(query));
    expect(listed.some((t) => t.tag === `k${maxTagColumns + 5}`)).toBe(true);
    const [registered] = await store.db.read(
      "SELECT tags, tags_complete FROM typed_feature_tables WHERE model = 'm'",
    );
    expect(JSON.parse(String(registered?.tags))).toHaveLength(maxTagColumns);
    expect(registered?.tags_complete).toBe(false);
    for (const tag of ["k0", `k${maxTagColumns + 5}`, "region", "missing"]) {
      const segmented: WindowScope = { ...scope, segment: { tag, value: tag === "region" ? "eu" : "v0" } };
      expect(rounded(await store.windows.columnCounts(segmented, columns))).toEqual(
        rounded(await json.columnCounts(segmented, columns)),
      );
    }
  });

  it("rebuilds the typed tables when a new contract adds a feature", async () => {
    await store.saveContract({
      ...contract,
      version: "v2",
      features: [...contract.features, { name: "extra", type: "numeric" }],
    } as Contract);
    await store.insertPredictions([row("p-extra", START + 9, { count: 1, score: 2, city: "a", extra: 4 })]);
    const extra: BinnedColumn[] = [
      ...columns,
      { name: "extra", source: "feature", binning: "cuts", cuts: [3] },
    ];
    const typed = await store.windows.columnCounts(scope, extra);
    expect(typed[0]?.columns.get("extra")?.counts).toEqual([0, 1]);
    expect(rounded(typed)).toEqual(rounded(await json.columnCounts(scope, extra)));
  });
});
