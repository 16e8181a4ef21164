import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { getJson } from "../api/client.js";
import type { ViolationCount } from "../api/types.js";
import { BarChart } from "../components/bar-chart.js";
import { QueryState } from "../components/query-state.js";
import { formatCount } from "../format.js";

/** One model: its data-quality picture (contract violations by feature and kind). */
export function ModelPage() {
  const model = useParams().model ?? "";
  const violations = useQuery({
    queryKey: ["violations", model],
    queryFn: () =>
      getJson<{ violations: ViolationCount[] }>(`/api/v1/models/${encodeURIComponent(model)}/violations`),
  });
  return (
    <section>
      <h1>{model}</h1>
      <h2>Contract violations</h2>
      <QueryState query={violations}>
        {({ violations: rows }) =>
          rows.length === 0 ? (
            <p>No contract violation.</p>
          ) : (
            <>
              <BarChart
                label="contract violations by feature and kind"
                categories={rows.map((r) => `${r.field} · ${r.kind}`)}
                values={rows.map((r) => r.count)}
              />
              <table className="data" aria-label="violations">
                <thead>
                  <tr>
                    <th>Version</th>
                    <th>Field</th>
                    <th>Kind</th>
                    <th>Count</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={`${r.version}|${r.field}|${r.kind}`}>
                      <td>{r.version}</td>
                      <td>{r.field}</td>
                      <td>{r.kind}</td>
                      <td className="num">{formatCount(r.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </QueryState>
    </section>
  );
}
