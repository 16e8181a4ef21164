import { describe, expect, it } from "vitest";
import type { ArtifactTraceNode, PredictionTraceNode, RunTraceNode } from "../api/types.js";
import { lineageLayout } from "./lineage-layout.js";

const run = (
  id: string,
  component: string,
  children: ArtifactTraceNode[],
  stale: string[] = [],
): RunTraceNode => ({
  type: "run",
  id,
  component,
  start_time: "2024-01-01T00:00:00.000Z",
  end_time: null,
  status: "success",
  stale,
  children,
});
const artifact = (name: string, children: RunTraceNode[] = []): ArtifactTraceNode => ({
  type: "artifact",
  name,
  hash: null,
  kind: name.startsWith("models:/") ? "model" : "data",
  children,
});

// The five-step pipeline as the server traces a prediction: the serving run and the model version both lead
// to train, so train, split, featuregen and clean appear twice in the tree.
function pipelineTrace(): PredictionTraceNode {
  const clean = () => run("c1", "clean", [artifact("raw.csv")], ["clean (ID c1) was run 45 days ago."]);
  const featuregen = () => run("f1", "featuregen", [artifact("clean.parquet", [clean()])]);
  const split = () => run("s1", "split", [artifact("features.parquet", [featuregen()])]);
  const train = () => run("t1", "train", [artifact("train.parquet", [split()])]);
  const inference = run("i1", "inference", [
    artifact("models:/m/v1", [train()]),
    artifact("features.parquet", [featuregen()]),
  ]);
  return {
    type: "prediction",
    model: "m",
    id: "p-1",
    version: "v1",
    timestamp: "2024-01-02T00:00:00.000Z",
    run_id: "i1",
    children: [inference, artifact("models:/m/v1", [train()])],
  };
}

describe("lineageLayout", () => {
  it("makes one node per run and artifact however often the tree repeats it", () => {
    const { nodes, edges } = lineageLayout(pipelineTrace());
    const runs = nodes.filter((n) => n.type === "run").map((n) => n.label);
    expect(runs.sort()).toEqual(["clean", "featuregen", "inference", "split", "train"]);
    expect(
      nodes
        .filter((n) => n.type === "artifact")
        .map((n) => n.label)
        .sort(),
    ).toEqual(["clean.parquet", "features.parquet", "models:/m/v1", "raw.csv", "train.parquet"]);
    expect(nodes.filter((n) => n.type === "prediction")).toHaveLength(1);
    expect(new Set(edges.map((e) => `${e.source}>${e.target}`)).size).toBe(edges.length);
    expect(edges).toContainEqual({ source: "run:t1", target: "artifact:models:/m/v1#" });
    expect(edges).toContainEqual({ source: "artifact:models:/m/v1#", target: "prediction:m/p-1" });
  });

  it("puts every node on its longest distance from the root, so each edge goes one way across layers", () => {
    const { nodes, edges } = lineageLayout(pipelineTrace());
    const byKey = new Map(nodes.map((n) => [n.key, n]));
    for (const e of edges) {
      const up = byKey.get(e.source);
      const down = byKey.get(e.target);
      expect(up && down && up.depth > down.depth).toBe(true);
      expect(up && down && up.x < down.x).toBe(true);
    }
    // prediction > inference > models:/m/v1 > train > train.parquet > split > features.parquet > featuregen
    // > clean.parquet > clean > raw.csv: the longest path has 10 edges.
    expect(byKey.get("prediction:m/p-1")?.depth).toBe(0);
    expect(byKey.get("run:t1")?.depth).toBe(3);
    expect(byKey.get("run:c1")?.depth).toBe(9);
    expect(byKey.get("artifact:raw.csv#")?.depth).toBe(10);
    expect(byKey.get("artifact:raw.csv#")?.x).toBe(0);
  });

  it("spreads the nodes of a layer apart, centred, and marks stale runs", () => {
    const { nodes } = lineageLayout(pipelineTrace());
    for (const depth of new Set(nodes.map((n) => n.depth))) {
      const ys = nodes.filter((n) => n.depth === depth).map((n) => n.y);
      expect(new Set(ys).size).toBe(ys.length);
      expect(ys.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
    }
    expect(nodes.filter((n) => n.stale).map((n) => n.label)).toEqual(["clean"]);
    expect(nodes.find((n) => n.label === "train")?.runId).toBe("t1");
  });

  it("lays out a lone artifact as one node", () => {
    expect(lineageLayout(artifact("a.csv")).nodes).toEqual([
      expect.objectContaining({ key: "artifact:a.csv#", depth: 0, x: 0, y: 0, stale: false, kind: "data" }),
    ]);
  });
});
