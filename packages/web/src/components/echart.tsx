import { lazy, Suspense } from "react";
import { ChartFrame, type EChartProps } from "./chart-frame.js";

const EChartCanvas = lazy(() => import("./echart-canvas.js").then((m) => ({ default: m.EChartCanvas })));

/**
 * One ECharts chart, its code (ECharts) loaded with the first chart shown; until then the element stands
 * empty with the same size and numbers. `series` is written to the element as `data-series` (JSON): the
 * numbers the canvas draws, for tests and screen readers.
 *
 * @example
 * <EChart label="volume per window" series={{ volume: [1, 2] }} option={() => ({ series: [...] })} />
 */
export function EChart(props: EChartProps) {
  return (
    <Suspense fallback={<ChartFrame {...props} />}>
      <EChartCanvas {...props} />
    </Suspense>
  );
}
