import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { getJson } from "../api/client.js";
import type { ModelSummary } from "../api/types.js";
import { QueryState } from "../components/query-state.js";
import { formatCount, formatRelative } from "../format.js";

const columns = [
  { key: "model", label: "Model" },
  { key: "predictions", label: "Predictions" },
  { key: "labels", label: "Labels" },
  { key: "versions", label: "Versions" },
  { key: "last_timestamp", label: "Last prediction" },
] as const;
type SortKey = (typeof columns)[number]["key"];

function compare(a: ModelSummary, b: ModelSummary, key: SortKey): number {
  const va = key === "versions" ? a.versions.length : a[key];
  const vb = key === "versions" ? b.versions.length : b[key];
  if (va === vb) return 0;
  if (va === null) return 1;
  if (vb === null) return -1;
  return va < vb ? -1 : 1;
}

/** Every model with its volume and freshness, sortable (the sort lives in the URL, so it can be shared). */
export function OverviewPage() {
  const query = useQuery({
    queryKey: ["models"],
    queryFn: () => getJson<{ models: ModelSummary[] }>("/api/v1/models"),
  });
  const [params, setParams] = useSearchParams();
  const sort = (columns.find((c) => c.key === params.get("sort"))?.key ?? "model") as SortKey;
  const descending = params.get("order") === "desc";
  const nowMs = Date.now();
  const setSort = (key: SortKey) =>
    setParams({ sort: key, order: key === sort && !descending ? "desc" : "asc" }, { replace: true });
  const models = useMemo(() => query.data?.models ?? [], [query.data]);
  const sorted = useMemo(
    () => [...models].sort((a, b) => (descending ? -1 : 1) * compare(a, b, sort)),
    [models, sort, descending],
  );
  return (
    <section>
      <h1>Models</h1>
      <QueryState query={query}>
        {() =>
          sorted.length === 0 ? (
            <p>No model has logged a prediction yet. See the SDK guide to start logging.</p>
          ) : (
            <table className="data" aria-label="models">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th
                      key={c.key}
                      aria-sort={c.key === sort ? (descending ? "descending" : "ascending") : "none"}
                    >
                      <button type="button" onClick={() => setSort(c.key)}>
                        {c.label}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sorted.map((m) => (
                  <tr key={m.model} data-model={m.model}>
                    <td>
                      <Link to={`/models/${encodeURIComponent(m.model)}`}>{m.model}</Link>
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
