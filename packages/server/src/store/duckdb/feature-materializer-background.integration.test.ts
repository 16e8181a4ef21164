import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Contract } from "../../contract/contract.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";
import { DuckDbStore } from "./duckdb-store.js";
import { FeatureMaterializer } from "./feature-materializer.js";

const contract = {
  model: "m",
  version: "v1",
  rows: 10,
  features: [{ name: "x", type: "numeric" }],
  prediction: { name: "prediction", type: "numeric" },
  label: null,
  createdMs: 0,
} as unknown as Contract;

describe("FeatureMaterializer in the background", () => {
  let dir: string;
  let store: DuckDbStore;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-typed-bg-");
    store = await DuckDbStore.open(dir);
    await store.saveContract(contract);
    // The store's own materializer copies after the contract is saved: let it finish first.
    await store.features.catchUpAll();
  });

  afterAll(async () => {
    await store?.close();
    await removeTempDir(dir);
  });

  // Rows written by SQL, past the store's insert hook, so only the materializer under test copies them.
  async function insertRaw(from: number, count: number): Promise<void> {
    await store.db.write((conn) =>
      store.db.run(
        conn,
        `INSERT INTO predictions (model, id, ts_ms, version, features, violation_count, received_ms)
         SELECT 'm', 'p' || i, i, 'v1', json_object('x', i)::VARCHAR, 0, 0 FROM range(${from}, ${from + count}) t(i)`,
      ),
    );
  }

  async function typed(): Promise<{ rows: number; next: number; stored: number }> {
    const [t] = await store.db.read("SELECT suffix, next_rowid FROM typed_feature_tables WHERE model = 'm'");
    const [c] = await store.db.read(
      `SELECT (SELECT count(*) FROM typed_predictions_${String(t?.suffix)}) AS rows,
              (SELECT count(*) FROM predictions WHERE model = 'm') AS stored`,
    );
    return { rows: Number(c?.rows), next: Number(t?.next_rowid), stored: Number(c?.stored) };
  }

  it("copies once inserts have paused, in steps, without a query asking", async () => {
    await insertRaw(0, 350);
    const materializer = new FeatureMaterializer(store.db, 1000, 300, 100);
    materializer.noteInsert();
    expect((await typed()).rows).toBe(0);
    const deadline = performance.now() + 5000;
    while ((await typed()).rows < 350 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await typed()).toEqual({ rows: 350, next: 350, stored: 350 });
    materializer.cancel();
  });

  it("stops between steps once an insert comes (the next query copies the rest)", async () => {
    await insertRaw(350, 300);
    const materializer = new FeatureMaterializer(store.db, 1000, 10_000, 100);
    let checks = 0;
    // Not interrupted before the first step, interrupted before the second.
    await materializer.catchUpAll(() => checks++ >= 1);
    expect(await typed()).toEqual({ rows: 450, next: 450, stored: 650 });
    await store.features.predictions("m");
    expect(await typed()).toEqual({ rows: 650, next: 650, stored: 650 });
  });
});
