import { useMemo } from "react";
import type { DriftCellNumbers } from "../drift-cell-result.js";
import { formatNumber } from "../format.js";
import { EChart } from "./echart.js";

/** The smallest p-value drawn on the log axis (a p-value of 0 is drawn here). */
const P_FLOOR = 1e-16;

/**
 * One column's drift test over the windows against its threshold: the statistic for distances, the p-value
 * (log axis) for tests; the selected window is marked. `data-series` holds the numbers.
 *
 * @example
 * <DriftHistoryChart column="distance" points={[{ from, result }]} selectedFrom={from} />
 */
export function DriftHistoryChart(props: {
  column: string;
  points: { from: string; result: DriftCellNumbers }[];
  selectedFrom: string;
}) {
  const { column, points, selectedFrom } = props;
  const usesP = points.some((p) => p.result.p_value !== null);
  const series = useMemo(
    () => ({
      windows: points.map((p) => p.from),
      value: points.map((p) => (usesP ? p.result.p_value : p.result.statistic)),
      threshold: points.map((p) => p.result.threshold),
      drift: points.map((p) => p.result.drift_detected),
    }),
    [points, usesP],
  );
  const option = useMemo(
    () => (dark: boolean) => ({
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: unknown) => formatNumber(typeof v === "number" ? v : null),
      },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: series.windows.map((w) => w.slice(5, 16).replace("T", " ")) },
      yAxis: usesP
        ? { type: "log", min: P_FLOOR, max: 1, axisLabel: { formatter: (v: number) => formatNumber(v, 1) } }
        : { type: "value" },
      series: [
        {
          name: usesP ? "p-value" : "statistic",
          type: "line",
          data: series.value.map((v, i) => ({
            value: usesP ? Math.max(P_FLOOR, v ?? 1) : v,
            itemStyle: series.drift[i] ? { color: dark ? "#ff7b72" : "#cf222e" } : undefined,
          })),
          symbolSize: 7,
          markLine: {
            symbol: "none",
            label: { formatter: "selected" },
            data: [{ xAxis: series.windows.indexOf(selectedFrom) }],
          },
        },
        {
          name: "threshold",
          type: "line",
          step: "middle",
          data: series.threshold,
          lineStyle: { type: "dashed" },
          symbol: "none",
        },
      ],
    }),
    [series, usesP, selectedFrom],
  );
  return (
    <EChart
      label={`${column}: ${usesP ? "p-value" : "statistic"} per window against its threshold`}
      option={option}
      series={series}
      testId="drift-history"
    />
  );
}
