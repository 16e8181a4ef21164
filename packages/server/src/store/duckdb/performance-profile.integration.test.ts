import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LabelRow } from "../../ingest/prediction-row.js";
import { predictionRow } from "../../test-support/store-rows.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";
import { DuckDbStore } from "./duckdb-store.js";

const start = Date.UTC(2024, 0, 1);

/** scikit-learn's unique_labels of the labelled pairs plus the unlabelled predictions: the reference. */
function sklearnClasses(predicted: readonly string[], actual: readonly string[]): string[] {
  const code =
    "import json,sys; from sklearn.utils.multiclass import unique_labels; d=json.load(sys.stdin); print(json.dumps([str(c) for c in unique_labels(d['p'], d['a'])]))";
  const run = spawnSync("/usr/bin/python3", ["-c", code], {
    input: JSON.stringify({ p: predicted, a: actual }),
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`scikit-learn failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}

const prediction = (id: string, value: string) =>
  predictionRow({ model: "m", id, tsMs: start, predictionJson: JSON.stringify(value), predictionNum: null });

const label = (id: string, value: string): LabelRow => ({
  model: "m",
  id,
  labelJson: JSON.stringify(value),
  labelNum: null,
  tsMs: start + 1,
  receivedMs: 0,
});

describe("DuckDbPerformanceStore.profile", () => {
  let dir: string;
  let store: DuckDbStore;
  // Classes seen only as labels ("lynx") and only as predictions ("ox"); a label whose prediction never came
  // ("ghost") is no class of the window.
  const predicted = ["cat", "dog", "cat", "ox", "dog", "cat"];
  const actual = ["cat", "lynx", "dog", null, "cat", "lynx"];

  beforeAll(async () => {
    dir = await makeTempDir("sightline-profile-");
    store = await DuckDbStore.open(dir);
    await store.insertPredictions(predicted.map((p, i) => prediction(`p${i}`, p)));
    await store.upsertLabels([
      ...actual.flatMap((a, i) => (a === null ? [] : [label(`p${i}`, a)])),
      label("orphan", "ghost"),
    ]);
  });

  afterAll(async () => {
    await store?.close();
    if (dir) await removeTempDir(dir);
  });

  it("lists the classes of predictions and of their labels, as scikit-learn's unique_labels", async () => {
    const source = {
      kind: "predictions" as const,
      model: "m",
      fromMs: start,
      toMs: start + 1,
      originMs: 0,
      sizeMs: 1,
    };
    const profile = await store.performance.profile(source, 10);
    const labelled = actual.map((a, i) => [predicted[i] as string, a] as const).filter(([, a]) => a !== null);
    const expected = sklearnClasses(
      [...predicted],
      labelled.map(([, a]) => a as string),
    ).map((c) => JSON.stringify(c));
    expect(profile.classes).toEqual(expected);
    expect(profile.labelled).toBe(labelled.length);
    expect((await store.performance.profile(source, 2)).classes).toEqual(expected.slice(0, 3));
  });
});
