import { useMemo } from "react";
import { formatNumber } from "../format.js";
import { EChart } from "./echart.js";

/**
 * A small ECharts line without axes for a trend in a table cell; the values are in `data-series`.
 *
 * @example
 * <Sparkline label="F1 per day" values={[0.8, 0.79, null, 0.7]} />
 */
export function Sparkline(props: { label: string; values: (number | null)[] }) {
  const { values } = props;
  const option = useMemo(
    () => () => ({
      animation: false,
      tooltip: {
        trigger: "axis",
        confine: true,
        valueFormatter: (v: unknown) => formatNumber(typeof v === "number" ? v : null),
      },
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: "category", show: false, data: values.map((_, i) => i) },
      yAxis: { type: "value", show: false, scale: true },
      series: [{ type: "line", data: values, symbol: "none", lineStyle: { width: 1.5 }, connectNulls: true }],
    }),
    [values],
  );
  return (
    <div className="sparkline">
      <EChart label={props.label} option={option} series={values} height={32} />
    </div>
  );
}
