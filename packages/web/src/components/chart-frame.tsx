import type { Ref } from "react";

/** Options of an ECharts chart, built for the colour scheme in force (ECharts' `EChartsCoreOption`). */
export type ChartOptionBuilder = (dark: boolean) => Record<string, unknown>;

/** What {@link EChart} takes. */
export interface EChartProps {
  label: string;
  option: ChartOptionBuilder;
  /** The numbers the canvas draws, written to the element as JSON (`data-series`, or `data-<dataName>`). */
  series: unknown;
  dataName?: string;
  height?: number;
  testId?: string;
}

/**
 * The chart's element: its label, size and numbers; the canvas draws into it once ECharts is loaded.
 *
 * @example
 * <ChartFrame label="volume" option={() => ({})} series={[1]} />
 */
export function ChartFrame(props: EChartProps & { frameRef?: Ref<HTMLDivElement> }) {
  return (
    <div
      ref={props.frameRef}
      className="chart"
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      {...{ [`data-${props.dataName ?? "series"}`]: JSON.stringify(props.series) }}
      style={{ height: props.height ?? 220 }}
    />
  );
}
