import { useMemo } from "react";
import { EChart } from "./echart.js";

/**
 * A horizontal bar chart (ECharts). The chart's numbers are also on the element as `data-values`, so tests
 * and screen readers can read what the canvas draws.
 *
 * @example
 * <BarChart label="violations by kind" categories={["missing"]} values={[3]} />
 */
export function BarChart(props: { label: string; categories: string[]; values: number[] }) {
  const { categories, values } = props;
  const option = useMemo(
    () => () => ({
      tooltip: {},
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: categories, inverse: true },
      series: [{ type: "bar", data: values }],
    }),
    [categories, values],
  );
  return (
    <EChart
      label={props.label}
      option={option}
      series={values}
      dataName="values"
      height={Math.max(120, 28 * categories.length)}
    />
  );
}
