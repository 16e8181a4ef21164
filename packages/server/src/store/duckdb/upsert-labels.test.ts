import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelRow } from "../../test-support/store-rows.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";
import { DuckDbStore } from "./duckdb-store.js";

const label = (model: string, id: string, value: number, tsMs = Date.UTC(2024, 0, 1)) =>
  labelRow(model, id, value, tsMs);

describe("DuckDbStore.upsertLabels", () => {
  let dir: string;
  let store: DuckDbStore;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-labels-");
    store = await DuckDbStore.open(dir);
  });

  afterAll(async () => {
    await store?.close();
    await removeTempDir(dir);
  });

  const stored = async (model: string) =>
    (
      await store.db.read("SELECT id, label, label_num, ts_ms FROM labels WHERE model = ? ORDER BY id", [
        model,
      ])
    ).map((r) => [r.id, r.label, r.label_num, r.ts_ms]);

  it("stores new labels, and the same ids under another model apart", async () => {
    await store.upsertLabels([label("a", "1", 0), label("a", "2", 1), label("b", "1", 1)]);
    expect(await stored("a")).toEqual([
      ["1", "0", 0, Date.UTC(2024, 0, 1)],
      ["2", "1", 1, Date.UTC(2024, 0, 1)],
    ]);
    expect(await stored("b")).toEqual([["1", "1", 1, Date.UTC(2024, 0, 1)]]);
  });

  it("replaces stored labels and adds the new ones of the same batch (a correction)", async () => {
    const later = Date.UTC(2024, 0, 5);
    await store.upsertLabels([label("a", "2", 0, later), label("a", "3", 1, later)]);
    expect(await stored("a")).toEqual([
      ["1", "0", 0, Date.UTC(2024, 0, 1)],
      ["2", "0", 0, later],
      ["3", "1", 1, later],
    ]);
    const staging = await store.db.run(store.db.writer, "SELECT count(*) AS n FROM labels_staging");
    expect(staging[0]?.n).toBe(0);
  });

  it("keeps the last label of an id repeated within a batch", async () => {
    await store.upsertLabels([
      label("c", "x", 1),
      label("c", "x", 0),
      label("c", "y", 1),
      label("c", "y", 1),
    ]);
    expect((await stored("c")).map((r) => [r[0], r[1]])).toEqual([
      ["x", "0"],
      ["y", "1"],
    ]);
  });

  it("takes new labels on the fast path again after a correction", async () => {
    await store.upsertLabels([label("d", "1", 1)]);
    await store.upsertLabels([label("d", "1", 0)]);
    await store.upsertLabels(Array.from({ length: 500 }, (_, i) => label("d", `n${i}`, i % 2)));
    const rows = await stored("d");
    expect(rows).toHaveLength(501);
    expect(rows[0]).toEqual(["1", "0", 0, Date.UTC(2024, 0, 1)]);
  });
});
