import { BarChart, HeatmapChart, LineChart } from "echarts/charts";
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** Options of an ECharts chart, built for the colour scheme in force. */
export type ChartOptionBuilder = (dark: boolean) => echarts.EChartsCoreOption;

/**
 * One ECharts chart (modular imports, canvas). `series` is written to the element as `data-series` (JSON):
 * the numbers the canvas draws, for tests and screen readers.
 *
 * @example
 * <EChart label="volume per window" series={{ volume: [1, 2] }} option={() => ({ series: [...] })} />
 */
export function EChart(props: {
  label: string;
  option: ChartOptionBuilder;
  series: unknown;
  height?: number;
  testId?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const { option } = props;
  useEffect(() => {
    if (!element.current) return;
    const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
    const chart = echarts.init(element.current, dark ? "dark" : undefined);
    chart.setOption({ backgroundColor: "transparent", ...option(dark) });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [option]);
  return (
    <div
      ref={element}
      className="chart"
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      data-series={JSON.stringify(props.series)}
      style={{ height: props.height ?? 220 }}
    />
  );
}
