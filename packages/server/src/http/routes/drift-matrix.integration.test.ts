import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../../config.js";
import { type RunningServer, startServer } from "../../server.js";
import { ApiClient } from "../../test-support/api-client.js";
import { mulberry32 } from "../../test-support/seeded-random.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";

const START = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
const CITIES = ["oslo", "lima", "pune"];

interface FullColumn {
  column: string;
  method: string;
  statistic: number;
  p_value: number | null;
  threshold: number;
  drift_detected: boolean;
  threshold_source: string;
  reason: string;
  rows: number;
  reference_rows: number;
}

describe("GET /api/v1/models/{m}/drift/matrix", () => {
  let dir: string;
  let server: RunningServer;
  let api: ApiClient;
  const range = `from=${new Date(START).toISOString()}&to=${new Date(START + 6 * HOUR).toISOString()}&window=1h`;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-drift-matrix-");
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    api = new ApiClient(server.url);
    const next = mulberry32(3);
    const lines = ["x,city,prediction"];
    for (let i = 0; i < 1000; i++) lines.push(`${next() * 10},${CITIES[i % 3]},${i % 2}`);
    const ref = await api.request(
      "POST",
      "/api/v1/models/m/versions/v1/reference",
      `${lines.join("\n")}\n`,
      "text/csv",
    );
    expect(ref.status).toBe(201);
    // x shifts from the fourth hour on.
    const records = Array.from({ length: 600 }, (_, i) => ({
      id: `p${i}`,
      timestamp: START + Math.floor(i / 100) * HOUR,
      version: "v1",
      features: { x: (i >= 300 ? 5 : 0) + next() * 10, city: CITIES[i % 3] },
      prediction: i % 2,
    }));
    expect((await api.postJson("/api/v1/models/m/predictions", records)).json.accepted).toBe(600);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("holds the full answer's numbers per column and window, names listed once", async () => {
    const full = await api.get(`/api/v1/models/m/drift?${range}`);
    const matrix = await api.get(`/api/v1/models/m/drift/matrix?${range}`);
    expect(matrix.status).toBe(200);
    expect(matrix.json).toMatchObject({ model: "m", version: "v1", segment: null, reference_rows: 1000 });
    expect(matrix.json.columns).toEqual(["x", "city", "prediction"]);
    expect(matrix.json.windows).toHaveLength(6);
    full.json.windows.forEach((window: { from: string; columns: FullColumn[] }, w: number) => {
      const cells = matrix.json.windows[w];
      expect(cells.from).toBe(window.from);
      for (const c of window.columns) {
        const at = matrix.json.columns.indexOf(c.column);
        expect(cells.statistic[at]).toBe(c.statistic);
        expect(cells.p_value[at]).toBe(c.p_value);
        expect(cells.threshold[at]).toBe(c.threshold);
        expect(cells.drift[at]).toBe(c.drift_detected);
        expect(matrix.json.methods[cells.method[at]]).toBe(c.method);
      }
    });
    const x = matrix.json.columns.indexOf("x");
    expect(matrix.json.windows.map((w: { drift: boolean[] }) => w.drift[x])).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(Buffer.byteLength(JSON.stringify(matrix.json))).toBeLessThan(
      Buffer.byteLength(JSON.stringify(full.json)) / 2,
    );
  });

  it("holds an opened cell's record as /drift gives it for that one window", async () => {
    const matrix = await api.get(`/api/v1/models/m/drift/matrix?${range}`);
    expect(matrix.json.reasons.length).toBeGreaterThan(0);
    for (const cells of matrix.json.windows) {
      const one = await api.get(
        `/api/v1/models/m/drift?from=${cells.from}&to=${cells.to}&window=1h&version=v1`,
      );
      expect(one.json.windows).toHaveLength(1);
      for (const c of one.json.windows[0].columns as FullColumn[]) {
        const at = matrix.json.columns.indexOf(c.column);
        expect(matrix.json.threshold_sources[cells.threshold_source[at]]).toBe(c.threshold_source);
        expect(matrix.json.reasons[cells.reason[at]]).toBe(c.reason);
        expect(cells.column_rows[at]).toBe(c.rows);
        expect(matrix.json.column_reference_rows[at]).toBe(c.reference_rows);
      }
    }
  });

  it("rejects what /drift rejects", async () => {
    const bad = await api.get(`/api/v1/models/m/drift/matrix?${range}&colour=red`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("SL_INVALID_QUERY");
    const missing = await api.get("/api/v1/models/nobody/drift/matrix");
    expect(missing.status).toBe(404);
  });
});
