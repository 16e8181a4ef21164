import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { getJson } from "../api/client.js";
import type { ComponentSummary, TraceResult } from "../api/types.js";
import { FlagButton } from "../components/lineage-flag-button.js";
import { LineageGraph } from "../components/lineage-graph.js";
import { type LineageSearch, LineageSearchForm } from "../components/lineage-search-form.js";
import { LineageTraceList } from "../components/lineage-trace-list.js";
import { QueryState } from "../components/query-state.js";
import { formatCount, formatRelative } from "../format.js";

function searchOf(params: URLSearchParams): LineageSearch | null {
  const prediction = params.get("prediction");
  if (prediction !== null) return { kind: "prediction", value: prediction, model: params.get("model") ?? "" };
  const run = params.get("run");
  if (run !== null) return { kind: "run", value: run };
  const artifact = params.get("artifact");
  if (artifact !== null) return { kind: "artifact", value: artifact };
  return null;
}

function paramsOf(search: LineageSearch): Record<string, string> {
  if (search.kind === "prediction") return { prediction: search.value, model: search.model };
  return { [search.kind]: search.value };
}

function Components() {
  const query = useQuery({
    queryKey: ["components"],
    queryFn: () => getJson<{ components: ComponentSummary[] }>("/api/v1/components"),
  });
  const nowMs = Date.now();
  return (
    <>
      <h2>Components</h2>
      <QueryState query={query}>
        {({ components }) =>
          components.length === 0 ? (
            <p>No pipeline has recorded a run yet. See the SDK guide for pipelines and lineage.</p>
          ) : (
            <table className="data" aria-label="components">
              <thead>
                <tr>
                  <th>Component</th>
                  <th>Owner</th>
                  <th>Runs</th>
                  <th>Last run</th>
                </tr>
              </thead>
              <tbody>
                {components.map((c) => (
                  <tr key={c.name} data-component={c.name}>
                    <td>
                      <Link to={`/lineage/components/${encodeURIComponent(c.name)}`}>{c.name}</Link>
                      {c.description ? <div className="muted">{c.description}</div> : null}
                    </td>
                    <td>{c.owner ?? "—"}</td>
                    <td className="num">{formatCount(c.runs)}</td>
                    <td title={c.last_start_time ?? ""}>{formatRelative(c.last_start_time, nowMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </>
  );
}

function Trace(props: { search: LineageSearch; params: URLSearchParams }) {
  const { search } = props;
  const query = new URLSearchParams(paramsOf(search));
  for (const extra of ["depth", "stale_days"]) {
    const value = props.params.get(extra);
    if (value !== null) query.set(extra, value);
  }
  const trace = useQuery({
    queryKey: ["lineage-trace", query.toString()],
    queryFn: () => getJson<TraceResult>(`/api/v1/lineage/trace?${query}`),
  });
  const impact =
    search.kind === "prediction"
      ? null
      : `/lineage/impact?${search.kind}=${encodeURIComponent(search.value)}`;
  return (
    <QueryState query={trace}>
      {(result) => (
        <>
          <h2>
            Backward trace of {search.kind} <code>{search.value}</code>
          </h2>
          {impact ? (
            <p>
              <Link to={impact}>Forward impact of this {search.kind}</Link>
            </p>
          ) : null}
          {search.kind === "run" ? null : (
            <FlagButton
              target={
                search.kind === "prediction"
                  ? { model: search.model, prediction: search.value }
                  : { artifact: search.value }
              }
            />
          )}
          {result.stale.length > 0 ? (
            <div className="stale-summary" role="status" aria-label="stale warnings">
              <strong>
                ⚠ {result.stale.length === 1 ? "1 stale warning" : `${result.stale.length} stale warnings`}
              </strong>
              <ul>
                {result.stale.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="muted">No stale step in this trace.</p>
          )}
          <LineageGraph trace={result.trace} />
          <h3>Steps</h3>
          <LineageTraceList trace={result.trace} />
        </>
      )}
    </QueryState>
  );
}

/**
 * The lineage explorer: search a prediction, run or artifact and see its backward trace as a graph and a
 * nested list with stale warnings; without a search, the pipeline's components. The search lives in the
 * URL (`?prediction=…&model=…`, `?run=…`, `?artifact=…`), so a trace can be shared.
 */
export function LineagePage() {
  const [params, setParams] = useSearchParams();
  const search = searchOf(params);
  return (
    <section>
      <h1>Lineage</h1>
      <p>
        <Link to="/lineage/review">Flagged outputs and review ranking</Link>
      </p>
      <LineageSearchForm
        key={params.toString()}
        initial={search}
        onSearch={(next) => setParams(paramsOf(next))}
      />
      {search ? <Trace search={search} params={params} /> : <Components />}
    </section>
  );
}
