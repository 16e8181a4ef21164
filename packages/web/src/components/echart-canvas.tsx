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
import { ChartFrame, type EChartProps } from "./chart-frame.js";

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

/**
 * One ECharts chart (modular imports, canvas), loaded on demand by {@link EChart}: ECharts is most of the
 * UI's code, so pages draw their tables (the drift matrix) before it arrives.
 *
 * @example
 * <EChartCanvas label="volume per window" series={{ volume: [1, 2] }} option={() => ({ series: [...] })} />
 */
export function EChartCanvas(props: EChartProps) {
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
  return <ChartFrame {...props} frameRef={element} />;
}
