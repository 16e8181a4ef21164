import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../../config.js";
import { type RunningServer, startServer } from "../../server.js";
import { ApiClient } from "../../test-support/api-client.js";
import { mulberry32 } from "../../test-support/seeded-random.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";

const START = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
const CITIES = ["oslo", "lima", "pune", "kyiv"];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("GET /api/v1/models/{m}/drift/distribution", () => {
  let dir: string;
  let server: RunningServer;
  let api: ApiClient;
  const range = `from=${new Date(START).toISOString()}&to=${new Date(START + 10 * HOUR).toISOString()}`;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-distribution-");
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    api = new ApiClient(server.url);
    const next = mulberry32(5);
    const lines = ["x,city,prediction"];
    for (let i = 0; i < 3000; i++) {
      lines.push(`${next() * 10},${CITIES[i % 4]},${i % 2}`);
    }
    const ref = await api.request(
      "POST",
      "/api/v1/models/m/versions/v1/reference",
      `${lines.join("\n")}\n`,
      "text/csv",
    );
    expect(ref.status).toBe(201);
    const records = Array.from({ length: 1200 }, (_, i) => ({
      id: `p${i}`,
      timestamp: START + Math.floor(i / 100) * HOUR,
      version: "v1",
      features: { x: i % 3 === 0 ? null : 2 + next() * 10, city: i % 5 === 0 ? "rome" : CITIES[i % 4] },
      prediction: i % 2,
    }));
    const res = await api.postJson("/api/v1/models/m/predictions", records);
    expect(res.json.accepted).toBe(1200);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("answers numeric counts over about 20 merged bins that sum to the rows", async () => {
    const { status, json } = await api.get(`/api/v1/models/m/drift/distribution?column=x&${range}`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ kind: "numeric", version: "v1", column: "x", reference_rows: 3000 });
    expect(json.rows).toBe(1000);
    expect(json.reference).toHaveLength(20);
    expect(json.edges).toHaveLength(21);
    expect(sum(json.reference)).toBe(3000);
    expect(sum(json.current)).toBe(1000 - Math.ceil(1000 / 3));
    for (let i = 1; i < json.edges.length; i++)
      expect(json.edges[i]).toBeGreaterThanOrEqual(json.edges[i - 1]);
    const last = json.current[json.current.length - 1];
    expect(last).toBeGreaterThan(json.reference[json.reference.length - 1] * (667 / 3000) * 2);
  });

  it("answers categorical counts with other, in the window asked for", async () => {
    const to = new Date(START + 2 * HOUR).toISOString();
    const { status, json } = await api.get(
      `/api/v1/models/m/drift/distribution?column=city&from=${new Date(START).toISOString()}&to=${to}`,
    );
    expect(status).toBe(200);
    expect(json.kind).toBe("categorical");
    expect([...json.categories].sort()).toEqual([...CITIES, "other"].sort());
    expect(json.categories[json.categories.length - 1]).toBe("other");
    expect(json.reference).toEqual(json.categories.map((c: string) => (c === "other" ? 0 : 750)));
    expect(sum(json.current)).toBe(200);
    expect(json.current[json.categories.indexOf("other")]).toBe(40);
  });

  it("names the field of a bad query", async () => {
    const unknown = await api.get(`/api/v1/models/m/drift/distribution?column=nope&${range}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.details.field).toBe("column");
    const missing = await api.get(`/api/v1/models/m/drift/distribution?${range}`);
    expect(missing.status).toBe(400);
    expect(missing.json.error.details.field).toBe("column");
    const extra = await api.get(`/api/v1/models/m/drift/distribution?column=x&window=1h`);
    expect(extra.status).toBe(400);
    expect(extra.json.error.details.field).toBe("window");
  });
});
