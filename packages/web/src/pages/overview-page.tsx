import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import type { AlertJson } from "sightline/api-types";
import { getJson } from "../api/client.js";
import { fetchModelHealth, type ModelHealth, TREND_DAYS } from "../api/model-health.js";
import type { ModelSummary } from "../api/types.js";
import { QueryState } from "../components/query-state.js";
import { Sparkline } from "../components/sparkline.js";
import { formatCount, formatNumber, formatPercent, formatRelative } from "../format.js";

interface Row {
  summary: ModelSummary;
  firing: number;
  health: ModelHealth | null | undefined;
}

type Value = string | number | null;

const columns: { key: string; label: string; value: (row: Row) => Value }[] = [
  { key: "model", label: "Model", value: (r) => r.summary.model },
  { key: "firing", label: "Firing alerts", value: (r) => r.firing },
  { key: "drifted", label: "Drifted features", value: (r) => r.health?.drifted ?? null },
  {
    key: "trend",
    label: "Performance trend",
    value: (r) => r.health?.trend.findLast((v) => v !== null) ?? null,
  },
  { key: "volume", label: "Volume (last day)", value: (r) => r.health?.volume ?? null },
  { key: "p99", label: "Latency p99", value: (r) => r.health?.latencyP99Ms ?? null },
  { key: "errors", label: "Error rate", value: (r) => r.health?.errorRate ?? null },
  { key: "predictions", label: "Predictions", value: (r) => r.summary.predictions },
  { key: "labels", label: "Labels", value: (r) => r.summary.labels },
  { key: "versions", label: "Versions", value: (r) => r.summary.versions.length },
  { key: "last_timestamp", label: "Last prediction", value: (r) => r.summary.last_timestamp },
];

function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * Every model with its health: firing alerts, drifted features in the latest window, a performance trend
 * sparkline, volume, latency p99 and error rate of the latest day, counts and freshness; sortable by any
 * column (the sort lives in the URL, so it can be shared).
 */
export function OverviewPage() {
  const query = useQuery({
    queryKey: ["models"],
    queryFn: () => getJson<{ models: ModelSummary[] }>("/api/v1/models"),
  });
  const firing = useQuery({
    queryKey: ["alerts", "firing"],
    queryFn: () => getJson<{ alerts: AlertJson[] }>("/api/v1/alerts?state=firing&limit=10000"),
  });
  const models = useMemo(() => query.data?.models ?? [], [query.data]);
  const health = useQueries({
    queries: models.map((m) => ({
      queryKey: ["health", m.model, m.last_timestamp],
      queryFn: () => fetchModelHealth(m),
    })),
  });
  const [params, setParams] = useSearchParams();
  const sort = columns.find((c) => c.key === params.get("sort")) ?? (columns[0] as (typeof columns)[number]);
  const descending = params.get("order") === "desc";
  const nowMs = Date.now();
  const setSort = (key: string) =>
    setParams({ sort: key, order: key === sort.key && !descending ? "desc" : "asc" }, { replace: true });
  const counts = new Map<string, number>();
  for (const a of firing.data?.alerts ?? []) counts.set(a.model, (counts.get(a.model) ?? 0) + 1);
  const rows: Row[] = models
    .map((summary, i) => ({ summary, firing: counts.get(summary.model) ?? 0, health: health[i]?.data }))
    .sort((a, b) => (descending ? -1 : 1) * compare(sort.value(a), sort.value(b)));
  return (
    <section>
      <h1>Models</h1>
      <QueryState query={query}>
        {() =>
          rows.length === 0 ? (
            <p>No model has logged a prediction yet. See the SDK guide to start logging.</p>
          ) : (
            <table className="data" aria-label="models">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th
                      key={c.key}
                      aria-sort={c.key === sort.key ? (descending ? "descending" : "ascending") : "none"}
                    >
                      <button type="button" onClick={() => setSort(c.key)}>
                        {c.label}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map(({ summary: m, firing: alerts, health: h }) => (
                  <tr key={m.model} data-model={m.model}>
                    <td>
                      <Link to={`/models/${encodeURIComponent(m.model)}`}>{m.model}</Link>
                    </td>
                    <td className="num" data-field="firing">
                      {alerts > 0 ? (
                        <Link to={`/alerts?model=${encodeURIComponent(m.model)}`} className="error-box">
                          {formatCount(alerts)}
                        </Link>
                      ) : (
                        "0"
                      )}
                    </td>
                    <td className="num" data-field="drifted" title={h?.windowFrom}>
                      {h?.drifted == null
                        ? "—"
                        : `${formatCount(h.drifted)} of ${formatCount(h.features ?? 0)}`}
                    </td>
                    <td data-field="trend">
                      {h?.trendMetric ? (
                        <Sparkline
                          label={`${m.model}: ${h.trendMetric} per day, last ${TREND_DAYS} days`}
                          values={h.trend}
                        />
                      ) : (
                        <span className="muted">no labels</span>
                      )}
                    </td>
                    <td className="num" data-field="volume">
                      {h ? formatCount(h.volume) : "—"}
                    </td>
                    <td className="num" data-field="p99">
                      {h?.latencyP99Ms == null ? "—" : `${formatNumber(h.latencyP99Ms)} ms`}
                    </td>
                    <td className="num" data-field="errors">
                      {formatPercent(h?.errorRate ?? null)}
                    </td>
                    <td className="num" data-field="predictions">
                      {formatCount(m.predictions)}
                    </td>
                    <td className="num" data-field="labels">
                      {formatCount(m.labels)}
                    </td>
                    <td>{m.versions.join(", ")}</td>
                    <td title={m.last_timestamp ?? ""}>{formatRelative(m.last_timestamp, nowMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
