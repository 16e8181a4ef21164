import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../test-support/api-client.js";
import { parseMetrics, sampleValue } from "../test-support/prometheus-text.js";
import { mulberry32 } from "../test-support/seeded-random.js";
import { type ServerProcess, startServerProcess } from "../test-support/server-process.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";

interface ReferenceRow {
  age: number;
  income: number | null;
  city: string;
  member: boolean;
  prediction: number;
  label: number;
}

const cities = ["lima", "oslo", "paris", "rome"];

function referenceRows(): ReferenceRow[] {
  const next = mulberry32(7);
  return Array.from({ length: 40 }, (_, i) => ({
    age: 18 + Math.floor(next() * 62),
    income: i === 7 ? null : Math.round((20_000 + next() * 80_000) * 100) / 100,
    city: cities[Math.floor(next() * cities.length)] as string,
    member: next() < 0.5,
    prediction: next() < 0.4 ? 1 : 0,
    label: next() < 0.4 ? 1 : 0,
  }));
}

function toCsv(rows: readonly ReferenceRow[]): string {
  const lines = rows.map((r) =>
    [r.age, r.income ?? "", r.city, r.member, r.prediction, r.label].map(String).join(","),
  );
  return `age,income,city,member,prediction,label\n${lines.join("\n")}\n`;
}

async function toParquet(rows: readonly ReferenceRow[], path: string): Promise<Buffer> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const values = rows
      .map((r) => `(${r.age}, ${r.income ?? "NULL"}, '${r.city}', ${r.member}, ${r.prediction}, ${r.label})`)
      .join(", ");
    await connection.run(
      `COPY (SELECT age::INTEGER AS age, income::DOUBLE AS income, city, member, prediction::INTEGER AS prediction,
                    label::INTEGER AS label
             FROM (VALUES ${values}) t(age, income, city, member, prediction, label))
       TO '${path}' (FORMAT parquet)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return readFile(path);
}

// Linear interpolation between order statistics (Hyndman-Fan type 7), as DuckDB's quantile_cont.
function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

const reference = (version: string) => `/api/v1/models/contracted/versions/${version}/reference`;

describe("reference upload and contract checks through a real server process", () => {
  let server: ServerProcess;
  let api: ApiClient;
  let dir: string;
  const rows = referenceRows();
  const ages = rows.map((r) => r.age).sort((a, b) => a - b);
  const incomes = rows.flatMap((r) => (r.income === null ? [] : [r.income])).sort((a, b) => a - b);

  beforeAll(async () => {
    dir = await makeTempDir("sightline-it-ref-");
    server = await startServerProcess();
    api = new ApiClient(server.url);
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) await removeTempDir(dir);
  });

  it("learns the same contract from CSV, Parquet and NDJSON references", async () => {
    const parquet = await toParquet(rows, join(dir, "reference.parquet"));
    const uploads = [
      { version: "v-csv", type: "text/csv", body: toCsv(rows) },
      { version: "v-parquet", type: "application/vnd.apache.parquet", body: new Uint8Array(parquet) },
      {
        version: "v-ndjson",
        type: "application/x-ndjson",
        body: `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`,
      },
    ];
    const contracts = [];
    for (const upload of uploads) {
      const answer = await api.request("POST", reference(upload.version), upload.body, upload.type);
      expect(answer.status, answer.text).toBe(201);
      const stored = await api.get(`/api/v1/models/contracted/versions/${upload.version}/contract`);
      expect(stored.status).toBe(200);
      expect(stored.json.contract).toEqual(answer.json.contract);
      contracts.push(stored.json.contract);
    }
    const [csv] = contracts;
    expect(csv).toMatchObject({ model: "contracted", version: "v-csv", rows: rows.length });
    const byName = Object.fromEntries(csv.features.map((f: { name: string }) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(["age", "city", "income", "member"]);
    expect(byName.age).toMatchObject({
      type: "numeric",
      min: ages[0],
      max: ages.at(-1),
      missingRate: 0,
      categories: null,
    });
    expect(byName.age.quantiles).toHaveLength(9);
    byName.age.quantiles.forEach((q: number, i: number) => {
      expect(q).toBeCloseTo(quantile(ages, (i + 1) / 10), 9);
    });
    expect(byName.income).toMatchObject({ type: "numeric", min: incomes[0], max: incomes.at(-1) });
    expect(byName.income.missingRate).toBeCloseTo(1 / rows.length, 12);
    expect(byName.city).toMatchObject({
      type: "categorical",
      categories: [...new Set(rows.map((r) => r.city))].sort(),
    });
    expect(byName.member).toMatchObject({ type: "boolean", missingRate: 0 });
    expect(csv.prediction).toMatchObject({ name: "prediction", type: "numeric", min: 0, max: 1 });
    expect(csv.label).toMatchObject({ name: "label", type: "numeric" });

    const comparable = (c: { features: unknown; prediction: unknown; label: unknown; rows: number }) => ({
      features: c.features,
      prediction: c.prediction,
      label: c.label,
      rows: c.rows,
    });
    for (const other of contracts.slice(1)) expect(comparable(other)).toEqual(comparable(csv));
    const models = (await api.get("/api/v1/models")).json.models;
    expect(models.find((m: { model: string }) => m.model === "contracted").versions).toEqual([
      "v-csv",
      "v-ndjson",
      "v-parquet",
    ]);
  });

  it("stores, lists and counts every kind of contract violation, and keeps the violating records", async () => {
    const maxAge = ages.at(-1) as number;
    const valid = { age: ages[0] as number, income: incomes[0] as number, city: "rome", member: true };
    const record = (id: string, features: Record<string, unknown>, extra: object = {}) =>
      JSON.stringify({ id, version: "v-csv", features: { ...valid, ...features }, prediction: 1, ...extra });
    const { age: _omitted, ...withoutAge } = valid;
    const cases: { id: string; json: string; violations: { field: string; kind: string }[] }[] = [
      { id: "ok", json: record("ok", {}), violations: [] },
      {
        id: "wrong-type",
        json: record("wrong-type", { age: "old", member: "yes", city: 5 }, { prediction: "cat" }),
        violations: [
          { field: "features.age", kind: "wrong_type" },
          { field: "features.city", kind: "wrong_type" },
          { field: "features.member", kind: "wrong_type" },
          { field: "prediction", kind: "wrong_type" },
        ],
      },
      {
        id: "missing",
        json: JSON.stringify({ id: "missing", version: "v-csv", features: withoutAge, prediction: 1 }),
        violations: [{ field: "features.age", kind: "missing_feature" }],
      },
      {
        id: "null-income",
        json: record("null-income", { income: null }),
        violations: [],
      },
      {
        id: "infinite",
        json: record("infinite", { age: 0 }).replace('"age":0', '"age":1e999'),
        violations: [{ field: "features.age", kind: "non_finite" }],
      },
      {
        id: "nan",
        json: record("nan", { age: "NaN" }),
        violations: [{ field: "features.age", kind: "non_finite" }],
      },
      {
        id: "out-of-range",
        json: record("out-of-range", { age: maxAge + 100 }),
        violations: [{ field: "features.age", kind: "out_of_range" }],
      },
      {
        id: "unseen",
        json: record("unseen", { city: "atlantis" }),
        violations: [{ field: "features.city", kind: "unseen_category" }],
      },
      {
        id: "unknown",
        json: record("unknown", { shoe_size: 44 }),
        violations: [{ field: "features.shoe_size", kind: "unknown_feature" }],
      },
      {
        id: "score-range",
        json: record("score-range", {}, { scores: { "0": -0.2, "1": 1.2 } }),
        violations: [
          { field: "scores.0", kind: "score_out_of_range" },
          { field: "scores.1", kind: "score_out_of_range" },
        ],
      },
      {
        id: "not-normalised",
        json: record("not-normalised", {}, { scores: { "0": 0.5, "1": 0.7 } }),
        violations: [{ field: "scores", kind: "scores_not_normalised" }],
      },
    ];
    expect(cases.find((c) => c.id === "infinite")?.json).toContain("1e999");
    const sent = await api.postJson("/api/v1/models/contracted/predictions", `[${cases.map((c) => c.json)}]`);
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ accepted: cases.length, rejected: [] });

    const byKind = (list: { field: string; kind: string }[]) =>
      [...list].sort((a, b) => `${a.field} ${a.kind}`.localeCompare(`${b.field} ${b.kind}`));
    const expectedCounts = new Map<string, number>();
    for (const c of cases) {
      const stored = await api.get(`/api/v1/models/contracted/predictions/${c.id}`);
      expect(stored.status, c.id).toBe(200);
      expect(byKind(stored.json.violations), c.id).toEqual(byKind(c.violations));
      for (const v of c.violations) {
        const key = `${v.field} ${v.kind}`;
        expectedCounts.set(key, (expectedCounts.get(key) ?? 0) + 1);
      }
    }
    expect((await api.get("/api/v1/models/contracted/predictions/infinite")).json.features.age).toBe(
      "Infinity",
    );

    const listed = await api.get("/api/v1/models/contracted/violations");
    expect(listed.status).toBe(200);
    const listedCounts = new Map<string, number>(
      listed.json.violations.map((v: { version: string; field: string; kind: string; count: number }) => {
        expect(v.version).toBe("v-csv");
        return [`${v.field} ${v.kind}`, v.count];
      }),
    );
    expect(listedCounts).toEqual(expectedCounts);

    const metrics = parseMetrics((await api.get("/metrics")).text);
    const metricFeature = (field: string) =>
      field.startsWith("features.")
        ? field === "features.shoe_size"
          ? "_other"
          : field.slice("features.".length)
        : (field.split(".")[0] as string);
    const expectedMetric = new Map<string, number>();
    for (const [key, count] of expectedCounts) {
      const [field, kind] = key.split(" ") as [string, string];
      const k = `${metricFeature(field)} ${kind}`;
      expectedMetric.set(k, (expectedMetric.get(k) ?? 0) + count);
    }
    for (const [key, count] of expectedMetric) {
      const [feature, kind] = key.split(" ") as [string, string];
      expect(
        sampleValue(metrics, "sightline_contract_violations_total", {
          model: "contracted",
          version: "v-csv",
          feature,
          kind,
        }),
        key,
      ).toBe(count);
    }
    const allViolations = metrics
      .filter((s) => s.name === "sightline_contract_violations_total" && s.labels.model === "contracted")
      .reduce((sum, s) => sum + s.value, 0);
    expect(allViolations).toBe([...expectedCounts.values()].reduce((a, b) => a + b, 0));
    expect(
      sampleValue(metrics, "sightline_predictions_total", { model: "contracted", version: "v-csv" }),
    ).toBe(cases.length);
  });

  it("rejects a reference it cannot read, or sent as an unsupported type, without changing the contract", async () => {
    const before = (await api.get("/api/v1/models/contracted/versions/v-csv/contract")).json.contract;
    const garbage = await api.request(
      "POST",
      reference("v-csv"),
      "PAR1 not parquet",
      "application/x-parquet",
    );
    expect(garbage.status).toBe(400);
    expect(garbage.json.error.code).toBe("SL_INVALID_REFERENCE");
    const xml = await api.request("POST", reference("v-csv"), "<rows/>", "application/xml");
    expect(xml.status).toBe(415);
    const empty = await api.request("POST", reference("v-empty"), "age,city\n", "text/csv");
    expect(empty.status).toBe(400);
    expect((await api.get("/api/v1/models/contracted/versions/v-csv/contract")).json.contract).toEqual(
      before,
    );
    expect((await api.get("/api/v1/models/contracted/versions/v-empty/contract")).status).toBe(404);
  });

  it("keeps hostile column names as plain names and refuses nested columns with 400, never 500", async () => {
    const hostile = `"x'); DROP TABLE predictions; --","we""ird",prediction\n1,a,1\n2,b,0\n`;
    const created = await api.request(
      "POST",
      "/api/v1/models/hostile/versions/v1/reference",
      hostile,
      "text/csv",
    );
    expect(created.status, created.text).toBe(201);
    expect(created.json.contract.features.map((f: { name: string }) => f.name)).toEqual([
      "x'); DROP TABLE predictions; --",
      'we"ird',
    ]);
    expect((await api.get("/api/v1/models/contracted/predictions/ok")).status).toBe(200);

    const nested = [
      { column: "b", body: '{"a": 1, "b": {"c": 2}}\n{"a": 2, "b": {"c": 3}}\n' },
      { column: "d", body: '{"a": 1, "d": [1, 2]}\n{"a": 2, "d": [3]}\n' },
    ];
    for (const { column, body } of nested) {
      const r = await api.request(
        "POST",
        "/api/v1/models/hostile/versions/nested/reference",
        body,
        "application/x-ndjson",
      );
      expect(r.status, r.text).toBe(400);
      expect(r.json.error).toMatchObject({ code: "SL_INVALID_REFERENCE", details: { field: column } });
    }
    expect((await api.get("/api/v1/models/hostile/versions/nested/contract")).status).toBe(404);
  });
});
