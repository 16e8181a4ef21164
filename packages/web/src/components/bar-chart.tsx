import { BarChart as EBarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([EBarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/**
 * A horizontal bar chart (ECharts). The chart's numbers are also on the element as `data-values`, so tests
 * and screen readers can read what the canvas draws.
 */
export function BarChart(props: { label: string; categories: string[]; values: number[] }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
    const chart = echarts.init(element.current, dark ? "dark" : undefined);
    chart.setOption({
      backgroundColor: "transparent",
      tooltip: {},
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: props.categories, inverse: true },
      series: [{ type: "bar", data: props.values }],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [props.categories, props.values]);
  return (
    <div
      ref={element}
      className="chart"
      role="img"
      aria-label={props.label}
      data-values={JSON.stringify(props.values)}
      style={{ height: Math.max(120, 28 * props.categories.length) }}
    />
  );
}
