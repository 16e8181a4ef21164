import { useMemo } from "react";
import type { PerformanceAnswer } from "../api/types.js";
import { formatNumber, formatPercent } from "../format.js";
import { EChart } from "./echart.js";

/** Metrics offered per task, the first being the default. */
export const taskMetrics: Record<string, string[]> = {
  binary: ["f1", "accuracy", "roc_auc", "precision", "recall"],
  multiclass: ["accuracy", "macro_f1", "weighted_f1"],
  regression: ["mae", "rmse", "r2"],
};

function metricOf(values: Record<string, unknown> | null | undefined, metric: string): number | null {
  const value = values?.[metric];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function coverage(data: (number | null)[]) {
  return {
    name: "label coverage",
    type: "bar",
    yAxisIndex: 1,
    data,
    itemStyle: { opacity: 0.25 },
    tooltip: { valueFormatter: (v: unknown) => formatPercent(typeof v === "number" ? v : null) },
  };
}

/**
 * Realised performance per window and cumulative, side by side, each with its label coverage (bars, right
 * axis); the per-window chart adds the CBPE estimate and its 95% band where the API gives one (binary
 * classifiers with a calibrated reference). `data-series` holds every number drawn.
 *
 * @example
 * <PerformanceChart report={performance} metric="f1" />
 */
export function PerformanceChart(props: { report: PerformanceAnswer; metric: string }) {
  const { report, metric } = props;
  const series = useMemo(() => {
    const estimated = report.windows.map((w) => metricOf(w.estimated?.metrics, metric));
    const error = report.windows.map((w) => metricOf(w.estimated?.expected_error, metric));
    return {
      metric,
      windows: report.windows.map((w) => w.from),
      per_window: report.windows.map((w) => metricOf(w.metrics, metric)),
      cumulative: report.windows.map((w) => metricOf(w.cumulative.metrics, metric)),
      estimated,
      expected_error: error,
      label_coverage: report.windows.map((w) => w.label_coverage),
      cumulative_label_coverage: report.windows.map((w) => w.cumulative.label_coverage),
    };
  }, [report, metric]);
  const axis = useMemo(
    () => ({ type: "category", data: series.windows.map((w) => w.slice(5, 16).replace("T", " ")) }),
    [series],
  );
  const yAxes = useMemo(
    () => [
      { type: "value", name: metric, scale: true },
      {
        type: "value",
        name: "labelled",
        min: 0,
        max: 1,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => formatPercent(v) },
      },
    ],
    [metric],
  );
  const perWindow = useMemo(
    () => () => {
      const hasEstimate = series.estimated.some((v) => v !== null);
      const lower = series.estimated.map((v, i) => (v === null ? null : v - (series.expected_error[i] ?? 0)));
      const width = series.expected_error.map((e, i) => (series.estimated[i] === null ? null : 2 * (e ?? 0)));
      return {
        tooltip: {
          trigger: "axis",
          valueFormatter: (v: unknown) => formatNumber(typeof v === "number" ? v : null),
        },
        legend: { top: 0, data: ["per window", ...(hasEstimate ? ["CBPE estimate"] : []), "label coverage"] },
        grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
        xAxis: axis,
        yAxis: yAxes,
        series: [
          coverage(series.label_coverage),
          { name: "per window", type: "line", data: series.per_window, connectNulls: false, symbolSize: 6 },
          ...(hasEstimate
            ? [
                {
                  name: "CBPE estimate",
                  type: "line",
                  data: series.estimated,
                  lineStyle: { type: "dashed" },
                  symbolSize: 4,
                },
                {
                  name: "band low",
                  type: "line",
                  data: lower,
                  stack: "band",
                  symbol: "none",
                  lineStyle: { opacity: 0 },
                  tooltip: { show: false },
                },
                {
                  name: "95% band",
                  type: "line",
                  data: width,
                  stack: "band",
                  symbol: "none",
                  lineStyle: { opacity: 0 },
                  areaStyle: { opacity: 0.15 },
                  tooltip: { show: false },
                },
              ]
            : []),
        ],
      };
    },
    [series, axis, yAxes],
  );
  const cumulative = useMemo(
    () => () => ({
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: unknown) => formatNumber(typeof v === "number" ? v : null),
      },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: axis,
      yAxis: yAxes,
      series: [
        coverage(series.cumulative_label_coverage),
        { name: "cumulative", type: "line", data: series.cumulative, symbolSize: 6 },
      ],
    }),
    [series, axis, yAxes],
  );
  return (
    <div className="chart-pair" data-testid="performance-chart" data-series={JSON.stringify(series)}>
      <div>
        <h3>Per window</h3>
        <EChart
          label={`${metric} per window with label coverage and the CBPE estimate`}
          option={perWindow}
          series={{
            per_window: series.per_window,
            estimated: series.estimated,
            label_coverage: series.label_coverage,
          }}
        />
      </div>
      <div>
        <h3>Cumulative</h3>
        <EChart
          label={`cumulative ${metric} with label coverage`}
          option={cumulative}
          series={{ cumulative: series.cumulative, label_coverage: series.cumulative_label_coverage }}
        />
      </div>
    </div>
  );
}
