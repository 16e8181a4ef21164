import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../config.js";
import { StoreQueryError } from "../errors.js";
import { type RunningServer, startServer } from "../server.js";
import { ApiClient } from "../test-support/api-client.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";

const maxBodyBytes = 64 * 1024;
const path = "/api/v1/models/enc/predictions";

function ndjson(records: readonly unknown[]): string {
  return `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;
}

describe("request bodies with Content-Encoding, run_id, and 500 answers (in-process server)", () => {
  let dir: string;
  let server: RunningServer;
  let api: ApiClient;

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startServer(
      resolveServerConfig(
        { port: 0, dataDir: dir, logLevel: "silent" },
        { SIGHTLINE_MAX_BODY_BYTES: String(maxBodyBytes) },
      ),
    );
    api = new ApiClient(server.url);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("decompresses a gzip NDJSON body and stores its records", async () => {
    const body = gzipSync(
      ndjson([
        { id: "g-1", features: { a: 1 }, prediction: 1 },
        { id: "g-2", features: { a: 2 }, prediction: 0 },
      ]),
    );
    const res = await api.request("POST", path, body, "application/x-ndjson", { "content-encoding": "gzip" });
    expect(res.status).toBe(200);
    expect(res.json.ids).toEqual(["g-1", "g-2"]);
    const stored = await api.get(`${path}/g-2`);
    expect(stored.json.features).toEqual({ a: 2 });
  });

  it("applies the body limit to the decompressed size (413), though the compressed body is small", async () => {
    const records = Array.from({ length: 2000 }, (_, i) => ({
      id: `big-${i}`,
      features: { a: i },
      prediction: 1,
    }));
    const text = ndjson(records);
    const body = gzipSync(text);
    expect(text.length).toBeGreaterThan(maxBodyBytes);
    expect(body.length).toBeLessThan(maxBodyBytes);
    const res = await api.request("POST", path, body, "application/x-ndjson", { "content-encoding": "gzip" });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("SL_BODY_TOO_LARGE");
    expect((await api.get(`${path}/big-0`)).status).toBe(404);
  });

  it("answers an unknown encoding with 415 naming it", async () => {
    const res = await api.request(
      "POST",
      path,
      ndjson([{ features: {}, prediction: 1 }]),
      "application/x-ndjson",
      {
        "content-encoding": "br",
      },
    );
    expect(res.status).toBe(415);
    expect(res.json.error.code).toBe("SL_UNSUPPORTED_MEDIA_TYPE");
    expect(res.json.error.message).toContain("'br'");
  });

  it("answers a body that claims gzip but is not with 400", async () => {
    const res = await api.request(
      "POST",
      path,
      ndjson([{ features: {}, prediction: 1 }]),
      "application/x-ndjson",
      {
        "content-encoding": "gzip",
      },
    );
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("SL_MALFORMED_BODY");
  });

  it("stores run_id and returns it with the prediction; rejects a run_id that is not printable ASCII", async () => {
    const res = await api.postNdjson(path, [
      { id: "run-1", features: { a: 1 }, prediction: 1, run_id: "serve-2024-01-01 #3" },
      { id: "run-2", features: { a: 1 }, prediction: 1, run_id: "caf\u00e9" },
      { id: "run-3", features: { a: 1 }, prediction: 1, run_id: "" },
      { id: "run-4", features: { a: 1 }, prediction: 1, run_id: "x".repeat(129) },
      { id: "run-5", features: { a: 1 }, prediction: 1 },
    ]);
    expect(res.status).toBe(200);
    expect(res.json.ids).toEqual(["run-1", "run-5"]);
    expect(res.json.rejected.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual([
      [1, "run_id"],
      [2, "run_id"],
      [3, "run_id"],
    ]);
    expect((await api.get(`${path}/run-1`)).json.run_id).toBe("serve-2024-01-01 #3");
    expect((await api.get(`${path}/run-5`)).json.run_id).toBeNull();
  });

  it("answers a store failure with a generic 500 that carries no SQL or DuckDB text", async () => {
    const store = server.services.store;
    const original = store.getPrediction;
    store.getPrediction = async () => {
      throw new StoreQueryError(
        "SELECT p.* FROM predictions p WHERE p.model = ?",
        new Error("IO Error: Could not read from file /var/lib/sightline/sightline.duckdb"),
      );
    };
    try {
      const res = await api.get(`${path}/run-1`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual({
        error: { code: "SL_STORE_ERROR", message: "internal store error, see server log (SL_STORE_ERROR)" },
      });
      expect(res.text).not.toMatch(/SELECT|IO Error|duckdb/);
    } finally {
      store.getPrediction = original;
    }
  });
});
