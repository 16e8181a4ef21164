import { GraphChart } from "echarts/charts";
import { TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useMemo, useRef } from "react";
import { useNavigate } from "react-router";
import type { TraceNode } from "../api/types.js";
import { lineageLayout } from "./lineage-layout.js";

echarts.use([GraphChart, TooltipComponent, CanvasRenderer]);

const symbols = { prediction: "pin", run: "roundRect", artifact: "circle" } as const;

function shorten(text: string, max = 28): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}

/**
 * A backward trace as an ECharts `graph` on a layered layout (upstream left, the traced output right).
 * Stale runs are drawn in the warning colour with a "stale" badge; clicking a run opens its page. The
 * nodes are also on the element as `data-series` (JSON), so tests and screen readers can read them.
 */
export function LineageGraph(props: { trace: TraceNode }) {
  const element = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const layout = useMemo(() => lineageLayout(props.trace), [props.trace]);
  const layers = Math.max(1, ...layout.nodes.map((n) => n.depth + 1));
  const perLayer = new Map<number, number>();
  for (const n of layout.nodes) perLayer.set(n.depth, (perLayer.get(n.depth) ?? 0) + 1);
  const widest = Math.max(1, ...perLayer.values());
  useEffect(() => {
    if (!element.current) return;
    const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
    const chart = echarts.init(element.current, dark ? "dark" : undefined);
    const depthOf = new Map(layout.nodes.map((n) => [n.key, n.depth]));
    const colours = {
      prediction: dark ? "#b48cff" : "#6f42c1",
      run: dark ? "#5ea1ff" : "#0b62d6",
      artifact: dark ? "#7a8491" : "#8a939e",
      stale: dark ? "#ffb020" : "#c2410c",
    };
    chart.setOption({
      backgroundColor: "transparent",
      tooltip: {
        formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? "",
      },
      series: [
        {
          type: "graph",
          layout: "none",
          roam: true,
          edgeSymbol: ["none", "arrow"],
          edgeSymbolSize: 8,
          lineStyle: { color: dark ? "#56606b" : "#aab2bb", width: 1.5 },
          label: { show: true, position: "bottom", fontSize: 11, color: dark ? "#e6e9ee" : "#1b1f24" },
          data: layout.nodes.map((n) => ({
            id: n.key,
            name: n.key,
            x: n.x,
            y: n.y,
            symbol: symbols[n.type],
            symbolSize: n.type === "run" ? [22, 16] : 14,
            itemStyle: {
              color: n.stale ? colours.stale : colours[n.type],
              borderColor: n.stale ? colours.stale : "transparent",
              borderWidth: n.stale ? 3 : 0,
            },
            label: {
              formatter: n.stale ? `⚠ ${shorten(n.label)} (stale)` : shorten(n.label),
              fontWeight: n.type === "run" ? "bold" : "normal",
            },
            tip: [n.type, n.label, n.status ?? n.kind ?? "", n.stale ? "stale" : ""]
              .filter(Boolean)
              .join(" · "),
            runId: n.runId,
            cursor: n.runId ? "pointer" : "default",
          })),
          // An edge that skips layers would run straight through the nodes between: bend it.
          links: layout.edges.map((e) => {
            const gap = (depthOf.get(e.source) ?? 0) - (depthOf.get(e.target) ?? 0);
            return { source: e.source, target: e.target, lineStyle: { curveness: gap > 1 ? 0.3 : 0 } };
          }),
        },
      ],
    });
    chart.on("click", (params) => {
      const runId = (params.data as { runId?: string | null } | undefined)?.runId;
      if (runId) void navigate(`/lineage/runs/${encodeURIComponent(runId)}`);
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [layout, navigate]);
  const series = layout.nodes.map((n) => ({
    type: n.type,
    label: n.label,
    depth: n.depth,
    stale: n.stale,
    ...(n.runId ? { run_id: n.runId } : {}),
  }));
  return (
    <div
      ref={element}
      className="chart lineage-graph"
      role="img"
      aria-label={`lineage graph: ${layout.nodes.length} nodes on ${layers} layers, ${series.filter((s) => s.stale).length} stale`}
      data-series={JSON.stringify(series)}
      style={{ height: Math.max(220, 90 * widest + 80) }}
    />
  );
}
