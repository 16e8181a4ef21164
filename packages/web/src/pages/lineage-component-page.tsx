import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { getJson } from "../api/client.js";
import type { RunSummary } from "../api/types.js";
import { LineageRunTable } from "../components/lineage-run-table.js";
import { QueryState } from "../components/query-state.js";

const statuses = ["", "success", "failed", "running"] as const;

/** A component's run history, newest first, filtered by status (the filter lives in the URL). */
export function LineageComponentPage() {
  const name = useParams().name ?? "";
  const [params, setParams] = useSearchParams();
  const status = statuses.find((s) => s !== "" && s === params.get("status")) ?? "";
  const query = useQuery({
    queryKey: ["component-runs", name, status],
    queryFn: () =>
      getJson<{ component: string; runs: RunSummary[] }>(
        `/api/v1/components/${encodeURIComponent(name)}/runs?limit=200${status ? `&status=${status}` : ""}`,
      ),
  });
  return (
    <section>
      <p>
        <Link to="/lineage">Lineage</Link> / component
      </p>
      <h1>{name}</h1>
      <label>
        Status{" "}
        <select
          value={status}
          onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {}, { replace: true })}
        >
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s === "" ? "any" : s}
            </option>
          ))}
        </select>
      </label>
      <QueryState query={query}>
        {({ runs }) =>
          runs.length === 0 ? (
            <p>No run{status ? ` with status ${status}` : ""}.</p>
          ) : (
            <LineageRunTable label={`runs of ${name}`} runs={runs} />
          )
        }
      </QueryState>
    </section>
  );
}
