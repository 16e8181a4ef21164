import { useMemo } from "react";
import type { DriftDistribution } from "../api/types.js";
import { formatNumber, formatPercent } from "../format.js";
import { distributionShares } from "./distribution-shares.js";
import { EChart } from "./echart.js";

/**
 * A drift cell's reference against its window over the bins the drift test used: overlaid bars of each one's
 * share per bin and lines of their cumulative shares (the binned CDFs, right axis). `data-series` holds the
 * shares and CDFs drawn, with the bin labels.
 *
 * @example
 * <DistributionChart distribution={answer} />
 */
export function DistributionChart(props: { distribution: DriftDistribution }) {
  const { distribution } = props;
  const shares = useMemo(() => distributionShares(distribution, (x) => formatNumber(x, 3)), [distribution]);
  const option = useMemo(
    () => () => ({
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: unknown) => formatPercent(typeof v === "number" ? v : null),
      },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 24, containLabel: true },
      xAxis: {
        type: "category",
        data: shares.labels,
        name: distribution.column,
        nameLocation: "middle",
        nameGap: 28,
      },
      yAxis: [
        { type: "value", name: "share", axisLabel: { formatter: (v: number) => formatPercent(v) } },
        { type: "value", name: "cumulative", min: 0, max: 1, splitLine: { show: false } },
      ],
      series: [
        {
          name: "reference",
          type: "bar",
          data: shares.reference,
          barGap: "-100%",
          itemStyle: { opacity: 0.45 },
        },
        { name: "window", type: "bar", data: shares.current, itemStyle: { opacity: 0.6 } },
        { name: "reference CDF", type: "line", yAxisIndex: 1, data: shares.reference_cdf, symbolSize: 4 },
        { name: "window CDF", type: "line", yAxisIndex: 1, data: shares.current_cdf, symbolSize: 4 },
      ],
    }),
    [shares, distribution.column],
  );
  return (
    <EChart
      label={`share of ${distribution.column} per bin and cumulative, reference against the window`}
      option={option}
      series={shares}
      height={260}
      testId="drift-distribution"
    />
  );
}
