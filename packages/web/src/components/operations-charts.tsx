import { useMemo } from "react";
import type { OutputsWindow } from "../api/types.js";
import { formatCount, formatNumber, formatPercent } from "../format.js";
import { EChart } from "./echart.js";

const grid = { left: 8, right: 16, top: 32, bottom: 8, containLabel: true };

/**
 * Volume, latency percentiles (p50, p90, p99) and error rate per window, three ECharts side by side, each
 * with its numbers in `data-series`.
 *
 * @example
 * <OperationsCharts windows={outputs.windows} />
 */
export function OperationsCharts(props: { windows: OutputsWindow[] }) {
  const { windows } = props;
  const series = useMemo(
    () => ({
      windows: windows.map((w) => w.from),
      rows: windows.map((w) => w.rows),
      errors: windows.map((w) => w.errors),
      error_rate: windows.map((w) => w.error_rate),
      p50: windows.map((w) => w.latency_ms?.p50 ?? null),
      p90: windows.map((w) => w.latency_ms?.p90 ?? null),
      p99: windows.map((w) => w.latency_ms?.p99 ?? null),
    }),
    [windows],
  );
  const axis = useMemo(
    () => ({ type: "category", data: series.windows.map((w) => w.slice(5, 16).replace("T", " ")) }),
    [series],
  );
  const volume = useMemo(
    () => () => ({
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => formatCount(Number(v)) },
      grid,
      xAxis: axis,
      yAxis: { type: "value" },
      series: [{ name: "predictions", type: "bar", data: series.rows }],
    }),
    [series, axis],
  );
  const latency = useMemo(
    () => () => ({
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${formatNumber(Number(v))} ms` },
      legend: { top: 0 },
      grid,
      xAxis: axis,
      yAxis: { type: "value", name: "ms" },
      series: (["p50", "p90", "p99"] as const).map((p) => ({
        name: p,
        type: "line",
        data: series[p],
        symbolSize: 4,
      })),
    }),
    [series, axis],
  );
  const errors = useMemo(
    () => () => ({
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => formatPercent(Number(v)) },
      grid,
      xAxis: axis,
      yAxis: { type: "value", axisLabel: { formatter: (v: number) => formatPercent(v) } },
      series: [{ name: "error rate", type: "line", data: series.error_rate, areaStyle: { opacity: 0.2 } }],
    }),
    [series, axis],
  );
  const total = series.rows.reduce((s, n) => s + n, 0);
  const failed = series.errors.reduce((s, n) => s + n, 0);
  return (
    <div className="chart-trio">
      <div>
        <h3>
          Volume <span className="muted">{formatCount(total)} predictions</span>
        </h3>
        <EChart
          label="predictions per window"
          option={volume}
          series={{ windows: series.windows, rows: series.rows }}
          testId="volume-chart"
        />
      </div>
      <div>
        <h3>Latency</h3>
        <EChart
          label="latency p50, p90 and p99 per window in milliseconds"
          option={latency}
          series={{ windows: series.windows, p50: series.p50, p90: series.p90, p99: series.p99 }}
          testId="latency-chart"
        />
      </div>
      <div>
        <h3>
          Errors <span className="muted">{formatPercent(total > 0 ? failed / total : null)}</span>
        </h3>
        <EChart
          label="error rate per window"
          option={errors}
          series={{ windows: series.windows, errors: series.errors, error_rate: series.error_rate }}
          testId="errors-chart"
        />
      </div>
    </div>
  );
}
