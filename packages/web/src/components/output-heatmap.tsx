import { useMemo } from "react";
import type { OutputsWindow } from "../api/types.js";
import { formatNumber, formatPercent } from "../format.js";
import { EChart } from "./echart.js";

function binLabel(edges: number[], i: number): string {
  return `${formatNumber(edges[i] ?? 0, 2)}–${formatNumber(edges[i + 1] ?? 1, 2)}`;
}

/**
 * The output distribution over time as an ECharts heatmap: per window the share of scores in each bin of
 * the score histogram, with the p10, p50 and p90 lines over it; without scores, the share of each predicted
 * class. `data-series` holds the shares and percentiles.
 *
 * @example
 * <OutputHeatmap windows={outputs.windows} />
 */
export function OutputHeatmap(props: { windows: OutputsWindow[] }) {
  const { windows } = props;
  const scored = windows.some((w) => w.score.count > 0);
  const series = useMemo(() => {
    const labels = windows.map((w) => w.from);
    if (scored) {
      const edges = windows.find((w) => w.score.count > 0)?.score.histogram.edges ?? [];
      return {
        kind: "score" as const,
        windows: labels,
        rows: edges.slice(0, -1).map((_, i) => binLabel(edges, i)),
        shares: windows.map((w) =>
          w.score.histogram.counts.map((c) => (w.score.count > 0 ? c / w.score.count : 0)),
        ),
        p10: windows.map((w) => w.score.quantiles?.p10 ?? null),
        p50: windows.map((w) => w.score.quantiles?.p50 ?? null),
        p90: windows.map((w) => w.score.quantiles?.p90 ?? null),
      };
    }
    const classes = [...new Set(windows.flatMap((w) => Object.keys(w.classes)))].sort();
    return {
      kind: "class" as const,
      windows: labels,
      rows: classes,
      shares: windows.map((w) => classes.map((c) => w.classes[c] ?? 0)),
      p10: [],
      p50: [],
      p90: [],
    };
  }, [windows, scored]);
  const option = useMemo(
    () => (dark: boolean) => {
      const cells = series.shares.flatMap((column, x) => column.map((share, y) => [x, y, share]));
      const max = Math.max(0.01, ...cells.map((c) => c[2] ?? 0));
      const percentile = (name: string, data: (number | null)[]) => ({
        name,
        type: "line",
        yAxisIndex: 1,
        data,
        symbol: "none",
        lineStyle: { width: name === "p50" ? 2.5 : 1.5, type: name === "p50" ? "solid" : "dashed" },
      });
      return {
        tooltip: {
          formatter: (p: { seriesType: string; value: unknown; seriesName: string }) =>
            p.seriesType === "heatmap" && Array.isArray(p.value)
              ? `${series.windows[p.value[0] as number]?.slice(0, 16) ?? ""} · ${series.rows[p.value[1] as number] ?? ""}: ${formatPercent(p.value[2] as number)}`
              : `${p.seriesName}: ${formatNumber(typeof p.value === "number" ? p.value : null)}`,
        },
        legend: series.kind === "score" ? { top: 0, data: ["p10", "p50", "p90"] } : undefined,
        grid: { left: 8, right: 40, top: 32, bottom: 56, containLabel: true },
        xAxis: { type: "category", data: series.windows.map((w) => w.slice(5, 16).replace("T", " ")) },
        yAxis: [
          { type: "category", data: series.rows, name: series.kind === "score" ? "score" : "class" },
          { type: "value", min: 0, max: 1, show: false },
        ],
        visualMap: {
          min: 0,
          max,
          calculable: false,
          orient: "horizontal",
          left: "center",
          bottom: 0,
          seriesIndex: 0,
          inRange: { color: dark ? ["#111418", "#1f4b8f", "#5ea1ff"] : ["#f4f7fb", "#7fb0f0", "#0b3f8a"] },
          formatter: (v: number) => formatPercent(v),
        },
        series: [
          { type: "heatmap", data: cells, progressive: 0 },
          ...(series.kind === "score"
            ? [percentile("p10", series.p10), percentile("p50", series.p50), percentile("p90", series.p90)]
            : []),
        ],
      };
    },
    [series],
  );
  if (windows.length === 0) return <p>No prediction in this range.</p>;
  return (
    <EChart
      label={
        series.kind === "score"
          ? "score distribution per window with p10, p50 and p90"
          : "class shares per window"
      }
      option={option}
      series={series}
      height={Math.max(260, 14 * series.rows.length + 120)}
      testId="output-heatmap"
    />
  );
}
