import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import type { AlertJson, DriftMatrixAnswer, SilenceJson } from "sightline/api-types";
import { getJson } from "../api/client.js";
import type {
  AdviceAnswer,
  ModelSummary,
  ModelVersion,
  OutputsWindow,
  PerformanceAnswer,
  QualityAnswer,
} from "../api/types.js";
import { AdvicePanel } from "../components/advice-panel.js";
import { AlertTable } from "../components/alert-table.js";
import { ModelDriftSection } from "../components/model-drift-section.js";
import { ModelFilters } from "../components/model-filters.js";
import { OperationsCharts } from "../components/operations-charts.js";
import { OutputHeatmap } from "../components/output-heatmap.js";
import { PerformanceChart, taskMetrics } from "../components/performance-chart.js";
import { QualityViolations } from "../components/quality-violations.js";
import { QueryState } from "../components/query-state.js";
import { TimeRangePicker } from "../components/time-range-picker.js";
import { formatDateTime } from "../format.js";
import { rangeQuery, resolveTimeRange } from "../time-range.js";

/** Refresh interval of the queries the server computes on demand over every window (drift, quality, advice). */
const SLOW_REFRESH_MS = 60_000;

/** The version drift and quality compare: the one asked for, else the one with a reference and most predictions. */
function referenceVersion(versions: ModelVersion[], asked: string): string | null {
  if (asked) return versions.some((v) => v.version === asked && v.has_contract) ? asked : null;
  const withContract = versions.filter((v) => v.has_contract).sort((a, b) => b.predictions - a.predictions);
  return withContract[0]?.version ?? null;
}

/**
 * One model over a time range (`range` or `from`/`to`, `window`), version and segment, all in the URL:
 * alerts active in the range, drift matrix (first: the rest loads after it), operations, output distribution,
 * performance, data quality, advice.
 */
export function ModelPage() {
  const model = useParams().model ?? "";
  const [params, setParams] = useSearchParams();
  const base = `/api/v1/models/${encodeURIComponent(model)}`;
  const models = useQuery({
    queryKey: ["models"],
    queryFn: () => getJson<{ models: ModelSummary[] }>("/api/v1/models"),
  });
  const versions = useQuery({
    queryKey: ["versions", model],
    queryFn: () => getJson<{ versions: ModelVersion[] }>(`${base}/versions`),
  });
  const summary = models.data?.models.find((m) => m.model === model);
  const range = summary
    ? resolveTimeRange(params, {
        firstMs: summary.first_timestamp === null ? null : Date.parse(summary.first_timestamp),
        lastMs: summary.last_timestamp === null ? null : Date.parse(summary.last_timestamp),
      })
    : null;
  const version = params.get("version") ?? "";
  const segment = params.get("segment") ?? "";
  const query = range ? rangeQuery(range, { version, segment }) : "";
  const compared = versions.data ? referenceVersion(versions.data.versions, version) : null;
  const comparedQuery = range && compared ? rangeQuery(range, { version: compared, segment }) : "";
  const ready = query !== "";
  // Drift takes seconds over long ranges (the server computes it on demand): the matrix goes first, alone,
  // and outputs, performance, quality and advice after it, so it gets the server's cores. The computed
  // answers refresh less often than the rest.
  const drift = useQuery({
    queryKey: ["drift", model, comparedQuery],
    queryFn: () => getJson<DriftMatrixAnswer>(`${base}/drift/matrix?${comparedQuery}`),
    enabled: comparedQuery !== "",
    refetchInterval: SLOW_REFRESH_MS,
  });
  const driftSettled = versions.isFetched && (comparedQuery === "" || !drift.isPending);
  const outputs = useQuery({
    queryKey: ["outputs", model, query],
    queryFn: () => getJson<{ windows: OutputsWindow[] }>(`${base}/outputs?${query}`),
    enabled: ready && driftSettled,
  });
  const performance = useQuery({
    queryKey: ["performance", model, query],
    queryFn: () => getJson<PerformanceAnswer>(`${base}/performance?${query}`),
    enabled: ready && driftSettled,
  });
  const quality = useQuery({
    queryKey: ["quality", model, comparedQuery],
    queryFn: () => getJson<QualityAnswer>(`${base}/quality?${comparedQuery}`),
    enabled: comparedQuery !== "" && driftSettled,
    refetchInterval: SLOW_REFRESH_MS,
  });
  const advice = useQuery({
    queryKey: ["advice", model],
    queryFn: () => getJson<AdviceAnswer>(`${base}/advice`),
    enabled: ready && driftSettled,
    refetchInterval: SLOW_REFRESH_MS,
  });
  const alertRange = range
    ? new URLSearchParams({
        from: new Date(range.fromMs).toISOString(),
        to: new Date(range.toMs).toISOString(),
        limit: "50",
      }).toString()
    : "";
  const alerts = useQuery({
    queryKey: ["alerts", "model", model, alertRange],
    queryFn: () => getJson<{ alerts: AlertJson[] }>(`${base}/alerts?${alertRange}`),
    enabled: ready,
  });
  const silences = useQuery({
    queryKey: ["silences"],
    queryFn: () => getJson<{ silences: SilenceJson[] }>("/api/v1/silences"),
    enabled: ready,
  });
  const metricChoices = taskMetrics[performance.data?.task ?? ""] ?? [];
  const metric = metricChoices.find((m) => m === params.get("metric")) ?? metricChoices[0] ?? "accuracy";
  const setMetric = (next: string) =>
    setParams((previous) => {
      const out = new URLSearchParams(previous);
      out.set("metric", next);
      return out;
    });
  const active = (alerts.data?.alerts ?? []).filter((a) => a.state !== "resolved");
  return (
    <section className="model-page">
      <h1>{model}</h1>
      {models.isSuccess && !summary ? <p role="alert">No model {model}.</p> : null}
      {summary && !range ? <p>No prediction logged yet.</p> : null}
      {range ? (
        <>
          <div className="filters">
            <TimeRangePicker key={`${range.fromMs}-${range.toMs}`} range={range} />
            <ModelFilters
              model={model}
              versions={summary?.versions ?? []}
              fromMs={range.fromMs}
              toMs={range.toMs}
            />
            <p className="muted" data-testid="range">
              {formatDateTime(new Date(range.fromMs).toISOString())} to{" "}
              {formatDateTime(new Date(range.toMs).toISOString())}, {range.window} windows
              {active.length > 0 ? (
                <>
                  {" · "}
                  <Link to={`/alerts?model=${encodeURIComponent(model)}`} className="error-box">
                    {active.length} active alert{active.length === 1 ? "" : "s"}
                  </Link>
                </>
              ) : null}
            </p>
          </div>
          <h2>Alerts</h2>
          <QueryState query={alerts}>
            {({ alerts: list }) =>
              list.length === 0 ? (
                <p>No alert in this range.</p>
              ) : (
                <AlertTable alerts={list} silences={silences.data?.silences ?? []} nowMs={Date.now()} />
              )
            }
          </QueryState>
          <h2>Drift</h2>
          {compared ? (
            <ModelDriftSection model={model} version={compared} drift={drift} quality={quality.data} />
          ) : versions.isSuccess ? (
            <p>No reference uploaded{version ? ` for version ${version}` : ""}: upload one to see drift.</p>
          ) : null}
          <h2>Operations</h2>
          <QueryState query={outputs}>{({ windows }) => <OperationsCharts windows={windows} />}</QueryState>
          <h2>Outputs</h2>
          <QueryState query={outputs}>{({ windows }) => <OutputHeatmap windows={windows} />}</QueryState>
          <h2>Performance</h2>
          <QueryState query={performance}>
            {(report) =>
              report.task === null ||
              report.windows.every((w) => w.labelled === 0 && w.estimated === null) ? (
                <p>No label has arrived in this range, and no CBPE estimate is possible.</p>
              ) : (
                <>
                  <label>
                    Metric{" "}
                    <select value={metric} onChange={(e) => setMetric(e.target.value)}>
                      {metricChoices.map((m) => (
                        <option key={m} value={m}>
                          {m.replaceAll("_", " ")}
                        </option>
                      ))}
                    </select>
                  </label>
                  <PerformanceChart report={report} metric={metric} />
                </>
              )
            }
          </QueryState>
          <h2>Data quality</h2>
          {compared ? (
            <QueryState query={quality}>{(answer) => <QualityViolations quality={answer} />}</QueryState>
          ) : (
            <p className="muted">Data quality needs a reference.</p>
          )}
          <h2>Retraining advice</h2>
          <QueryState query={advice}>{(answer) => <AdvicePanel advice={answer} />}</QueryState>
        </>
      ) : null}
    </section>
  );
}
