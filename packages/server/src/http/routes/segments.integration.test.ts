import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../../config.js";
import { type RunningServer, startServer } from "../../server.js";
import { ApiClient } from "../../test-support/api-client.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";

const START = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
const REGIONS = ["eu", "us", "us", "apac", "us", "eu"];

interface Sent {
  version: string;
  tags?: Record<string, string>;
}

/** The expected answer counted in plain JS over what was sent: tags by rows, values by count then value. */
function countTags(records: Sent[], limit: number) {
  const byTag = new Map<string, Map<string, number>>();
  for (const r of records) {
    for (const [tag, value] of Object.entries(r.tags ?? {})) {
      const values = byTag.get(tag) ?? new Map<string, number>();
      values.set(value, (values.get(value) ?? 0) + 1);
      byTag.set(tag, values);
    }
  }
  return [...byTag]
    .map(([tag, values]) => ({
      tag,
      rows: [...values.values()].reduce((a, b) => a + b, 0),
      distinct_values: values.size,
      values: [...values]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
        .slice(0, limit),
    }))
    .sort((a, b) => b.rows - a.rows || (a.tag < b.tag ? -1 : 1));
}

describe("GET /api/v1/models/{m}/segments", () => {
  let dir: string;
  let server: RunningServer;
  let api: ApiClient;
  let records: (Sent & { timestamp: number })[];

  beforeAll(async () => {
    dir = await makeTempDir("sightline-segments-");
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    api = new ApiClient(server.url);
    // 120 predictions over 2 hours, v1 then v2: region on each, tier on every third, no tags on the last 12.
    records = Array.from({ length: 120 }, (_, i) => {
      const tags: Record<string, string> = { region: REGIONS[i % 6] as string };
      if (i % 3 === 0) tags.tier = `t${i % 4}`;
      return {
        id: `p${i}`,
        timestamp: START + Math.floor(i / 60) * HOUR + i,
        version: i < 60 ? "v1" : "v2",
        features: { x: i },
        prediction: i % 2,
        ...(i >= 108 ? {} : { tags }),
      };
    });
    expect((await api.postJson("/api/v1/models/m/predictions", records)).json.accepted).toBe(120);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("counts each tag's values, most frequent first, tags on most predictions first", async () => {
    const { status, json } = await api.get("/api/v1/models/m/segments");
    expect(status).toBe(200);
    expect(json.tags).toEqual(countTags(records, 20));
    expect(json.tags.map((t: { tag: string }) => t.tag)).toEqual(["region", "tier"]);
    expect(json.to).toBe(new Date(START + HOUR + 119 + 1).toISOString());
  });

  it("limits values per tag and filters by range and version", async () => {
    const limited = await api.get("/api/v1/models/m/segments?limit=2");
    expect(limited.json.tags).toEqual(countTags(records, 2));
    const firstHour = await api.get(
      `/api/v1/models/m/segments?from=${START}&to=${new Date(START + HOUR).toISOString()}`,
    );
    expect(firstHour.json.tags).toEqual(
      countTags(
        records.filter((r) => r.timestamp < START + HOUR),
        20,
      ),
    );
    const v2 = await api.get("/api/v1/models/m/segments?version=v2");
    expect(v2.json.tags).toEqual(
      countTags(
        records.filter((r) => r.version === "v2"),
        20,
      ),
    );
    expect(v2.json.version).toBe("v2");
  });

  it("rejects unknown parameters and bad limits", async () => {
    for (const query of ["colour=red", "limit=0", "limit=101", "limit=x"]) {
      const bad = await api.get(`/api/v1/models/m/segments?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.json.error.code).toBe("SL_INVALID_QUERY");
    }
    const none = await api.get("/api/v1/models/nobody/segments");
    expect(none.json.tags).toEqual([]);
  });
});
