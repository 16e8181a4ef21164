import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { getJson } from "../api/client.js";
import type { ImpactResult } from "../api/types.js";
import { LineageRunTable } from "../components/lineage-run-table.js";
import { QueryState } from "../components/query-state.js";
import { formatCount, formatDateTime } from "../format.js";

/** Forward impact of a run or an artifact (`?run=…` or `?artifact=…`): downstream runs, versions, predictions. */
export function LineageImpactPage() {
  const [params] = useSearchParams();
  const run = params.get("run");
  const artifact = params.get("artifact");
  const seed = run !== null ? { run } : artifact !== null ? { artifact } : null;
  const query = useQuery({
    queryKey: ["lineage-impact", run, artifact],
    queryFn: () =>
      getJson<ImpactResult>(`/api/v1/lineage/impact?${new URLSearchParams(seed ?? {})}&sample=20`),
    enabled: seed !== null,
  });
  return (
    <section>
      <p>
        <Link to="/lineage">Lineage</Link> / impact
      </p>
      <h1>
        Forward impact of {run !== null ? "run" : "artifact"} <code>{run ?? artifact ?? ""}</code>
      </h1>
      {seed === null ? (
        <p role="alert">Give a run (?run=…) or an artifact (?artifact=…).</p>
      ) : (
        <QueryState query={query}>
          {(impact) => (
            <>
              <p
                className="summary"
                data-runs={impact.runs.count}
                data-predictions={impact.predictions.count}
              >
                {formatCount(impact.runs.count)} downstream run{impact.runs.count === 1 ? "" : "s"},{" "}
                {formatCount(impact.model_versions.length)} model version
                {impact.model_versions.length === 1 ? "" : "s"}, {formatCount(impact.predictions.count)}{" "}
                prediction
                {impact.predictions.count === 1 ? "" : "s"}.
              </p>
              <h2>Runs</h2>
              {impact.runs.items.length === 0 ? (
                <p className="muted">No downstream run.</p>
              ) : (
                <LineageRunTable label="downstream runs" runs={impact.runs.items} />
              )}
              <h2>Model versions</h2>
              {impact.model_versions.length === 0 ? (
                <p className="muted">No model version.</p>
              ) : (
                <ul aria-label="model versions">
                  {impact.model_versions.map((v) => (
                    <li key={v.artifact}>
                      <Link to={`/models/${encodeURIComponent(v.model)}/registry`}>
                        {v.model} {v.version}
                      </Link>
                      {v.run_id ? (
                        <>
                          {" "}
                          trained by{" "}
                          <Link to={`/lineage/runs/${encodeURIComponent(v.run_id)}`}>
                            <code>{v.run_id}</code>
                          </Link>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
              <h2>Predictions</h2>
              {impact.predictions.by_version.length === 0 ? (
                <p className="muted">No prediction.</p>
              ) : (
                <table className="data" aria-label="predictions by version">
                  <thead>
                    <tr>
                      <th>Model</th>
                      <th>Version</th>
                      <th>Predictions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {impact.predictions.by_version.map((v) => (
                      <tr key={`${v.model}/${v.version}`}>
                        <td>{v.model}</td>
                        <td>{v.version}</td>
                        <td className="num">{formatCount(v.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {impact.predictions.sample.length > 0 ? (
                <>
                  <h3>A sample</h3>
                  <ul aria-label="prediction sample">
                    {impact.predictions.sample.map((p) => (
                      <li key={`${p.model}/${p.id}`}>
                        <Link to={`/lineage?${new URLSearchParams({ prediction: p.id, model: p.model })}`}>
                          {p.id}
                        </Link>{" "}
                        <span className="muted">
                          {p.model} {p.version}, {formatDateTime(p.timestamp)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          )}
        </QueryState>
      )}
    </section>
  );
}
