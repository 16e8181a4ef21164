import { useMemo } from "react";
import type { ContractColumn } from "../api/types.js";
import { formatNumber } from "../format.js";
import { EChart } from "./echart.js";

/**
 * The reference distribution of a numeric column as a CDF through its contract's minimum, deciles and
 * maximum (the only reference summary the API returns). `data-series` holds the points.
 *
 * @example
 * <ReferenceCdfChart column={contract.features[0]} />
 */
export function ReferenceCdfChart(props: { column: ContractColumn }) {
  const { column } = props;
  const points = useMemo(() => {
    const xs = [column.min, ...(column.quantiles ?? []), column.max];
    const step = 1 / (xs.length - 1);
    return xs.flatMap((x, i) => (x === null ? [] : [[x, Math.min(1, i * step)] as [number, number]]));
  }, [column]);
  const option = useMemo(
    () => () => ({
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: unknown) => formatNumber(typeof v === "number" ? v : null),
      },
      grid: { left: 8, right: 16, top: 28, bottom: 24, containLabel: true },
      xAxis: { type: "value", scale: true, name: column.name, nameLocation: "middle", nameGap: 24 },
      yAxis: { type: "value", min: 0, max: 1, name: "share ≤ x" },
      series: [{ name: "reference CDF", type: "line", data: points, symbolSize: 6 }],
    }),
    [points, column.name],
  );
  return (
    <EChart
      label={`reference distribution of ${column.name} (CDF through its deciles)`}
      option={option}
      series={{ reference_cdf: points }}
      testId="reference-cdf"
    />
  );
}
