import { describe, expect, it } from "vitest";
import type { StaleWarning } from "./staleness.js";
import { buildRunTrace, collectStale, type GraphRun, type TraceNode, treeSize } from "./trace-tree.js";

function run(id: string, inputs: [string, string | null][], stale: string[] = []): [string, GraphRun] {
  return [
    id,
    {
      run: {
        id,
        component: id.replace(/\d+$/, ""),
        start_time: "2024-01-01T00:00:00.000Z",
        end_time: null,
        status: "success",
      },
      inputs: inputs.map(([name, producer]) => ({ name, hash: null, kind: "data", producer })),
      stale: stale.map((message) => ({ message }) as StaleWarning),
    },
  ];
}

const runIds = (node: TraceNode): string[] =>
  (node.type === "run" ? [node.id] : []).concat(node.children.flatMap((c) => runIds(c as TraceNode)));

describe("backward trace tree", () => {
  // clean1 → feat1 → (split1, infer1); split1 → train1 → infer1: infer1 reaches feat1 along two paths.
  const graph = new Map([
    run("clean1", [["raw.csv", null]]),
    run("feat1", [["clean.csv", "clean1"]], ["clean (ID clean1) was run 40 days ago."]),
    run("split1", [["feat.csv", "feat1"]]),
    run("train1", [["train.csv", "split1"]]),
    run("infer1", [
      ["models:/m/1", "train1"],
      ["feat.csv", "feat1"],
    ]),
  ]);

  it("repeats a run reached along two paths, so both paths reach the root data", () => {
    const tree = buildRunTrace("infer1", graph, { maxDepth: 10, maxNodes: 1000 });
    expect(runIds(tree)).toEqual(["infer1", "train1", "split1", "feat1", "clean1", "feat1", "clean1"]);
    expect(treeSize(tree)).toEqual({ runs: 7, depth: 5 });
    expect(collectStale(tree)).toEqual(["clean (ID clean1) was run 40 days ago."]);
  });

  it("stops at the depth limit and marks where", () => {
    const tree = buildRunTrace("infer1", graph, { maxDepth: 2, maxNodes: 1000 });
    expect(runIds(tree)).toEqual(["infer1", "train1", "feat1"]);
    const trainInput = tree.children[0]?.children[0]?.children[0];
    expect(trainInput).toMatchObject({
      type: "artifact",
      name: "train.csv",
      truncated: "depth",
      children: [],
    });
  });

  it("stops at the node budget", () => {
    const tree = buildRunTrace("infer1", graph, { maxDepth: 10, maxNodes: 4 });
    expect(runIds(tree).length).toBeLessThan(7);
    expect(JSON.stringify(tree)).toContain('"truncated":"size"');
  });

  it("never loops on a malformed graph where a run is its own ancestor", () => {
    const cyclic = new Map([run("a1", [["x", "b1"]]), run("b1", [["y", "a1"]])]);
    const tree = buildRunTrace("a1", cyclic, { maxDepth: 50, maxNodes: 1000 });
    expect(runIds(tree)).toEqual(["a1", "b1"]);
    expect(JSON.stringify(tree)).toContain('"truncated":"cycle"');
  });

  it("keeps inputs without a known producer as leaves", () => {
    const tree = buildRunTrace("clean1", graph, { maxDepth: 10, maxNodes: 1000 });
    expect(tree.children).toEqual([
      { type: "artifact", name: "raw.csv", hash: null, kind: "data", children: [] },
    ]);
  });
});
