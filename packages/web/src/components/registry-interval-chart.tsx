import { CustomChart, ScatterChart } from "echarts/charts";
import { GridComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { formatNumber } from "../format.js";

echarts.use([CustomChart, ScatterChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** One difference with its confidence interval. */
export interface IntervalRow {
  label: string;
  difference: number;
  ci: [number, number];
}

/**
 * Differences (candidate minus baseline) with their confidence intervals as error bars (an ECharts custom
 * series, as ECharts' error-bar example draws them), a line at zero. The numbers are also on the element as
 * `data-values` (JSON).
 */
export function RegistryIntervalChart(props: { label: string; rows: IntervalRow[] }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
    const chart = echarts.init(element.current, dark ? "dark" : undefined);
    const colour = dark ? "#5ea1ff" : "#0b62d6";
    chart.setOption({
      backgroundColor: "transparent",
      tooltip: {
        formatter: (p: { dataIndex: number }) => {
          const row = props.rows[p.dataIndex];
          return row
            ? `${row.label}: ${formatNumber(row.difference)} [${formatNumber(row.ci[0])}, ${formatNumber(row.ci[1])}]`
            : "";
        },
      },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      // Zero stays in view: which side of it the interval lies on is the point of the chart.
      xAxis: {
        type: "value",
        min: (extent: { min: number }) => Math.min(0, extent.min),
        max: (extent: { max: number }) => Math.max(0, extent.max),
      },
      yAxis: { type: "category", data: props.rows.map((r) => r.label), inverse: true },
      series: [
        {
          type: "custom",
          renderItem: (
            params: { dataIndex: number },
            api: {
              value: (dimension: number) => number;
              coord: (point: [number, number]) => [number, number];
              size: (size: [number, number]) => [number, number];
              style: (extra: object) => object;
            },
          ) => {
            const category = api.value(0);
            const low = api.coord([api.value(1), category]);
            const high = api.coord([api.value(2), category]);
            const cap = api.size([0, 1])[1] * 0.25;
            const style = api.style({ stroke: colour, fill: undefined, lineWidth: 2 });
            return {
              type: "group",
              children: [
                { type: "line", shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
                {
                  type: "line",
                  shape: { x1: low[0], y1: low[1] - cap, x2: low[0], y2: low[1] + cap },
                  style,
                },
                {
                  type: "line",
                  shape: { x1: high[0], y1: high[1] - cap, x2: high[0], y2: high[1] + cap },
                  style,
                },
              ],
              id: `interval-${params.dataIndex}`,
            };
          },
          encode: { x: [1, 2], y: 0 },
          data: props.rows.map((r, i) => [i, r.ci[0], r.ci[1]]),
          z: 1,
        },
        {
          type: "scatter",
          symbolSize: 10,
          itemStyle: { color: colour },
          data: props.rows.map((r, i) => [r.difference, i]),
          markLine: {
            silent: true,
            symbol: "none",
            lineStyle: { type: "dashed", color: dark ? "#9aa4b0" : "#5b6470" },
            data: [{ xAxis: 0 }],
            label: { show: false },
          },
          z: 2,
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [props.rows]);
  return (
    <div
      ref={element}
      className="chart"
      role="img"
      aria-label={props.label}
      data-values={JSON.stringify(props.rows)}
      style={{ height: 60 + 40 * props.rows.length }}
    />
  );
}
