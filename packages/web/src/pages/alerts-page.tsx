import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import type { AlertJson, SilenceJson } from "sightline/api-types";
import { getJson } from "../api/client.js";
import { AlertLabelFilter, parseLabel } from "../components/alert-label-filter.js";
import { AlertSilences } from "../components/alert-silences.js";
import { AlertTable } from "../components/alert-table.js";
import { QueryState } from "../components/query-state.js";

const tabs = [
  { state: "firing", label: "Firing" },
  { state: "pending", label: "Pending" },
  { state: "resolved", label: "Resolved" },
  { state: "all", label: "All" },
] as const;
type Tab = (typeof tabs)[number]["state"];

/**
 * Alerts, firing first (state, model and label filters in the URL: `label=key=value` keeps the alerts whose
 * labels hold it), with evidence, labels, silenced marks, acknowledge and silence; silences.
 */
export function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const label = params.get("label") ?? "";
  const labelFilter = parseLabel(label);
  const tab: Tab = tabs.find((t) => t.state === params.get("state"))?.state ?? "firing";
  const model = params.get("model") ?? "";
  const query = new URLSearchParams({ limit: "500" });
  if (tab !== "all") query.set("state", tab);
  if (model) query.set("model", model);
  const alerts = useQuery({
    queryKey: ["alerts", tab, model],
    queryFn: () => getJson<{ alerts: AlertJson[] }>(`/api/v1/alerts?${query.toString()}`),
  });
  const silences = useQuery({
    queryKey: ["silences"],
    queryFn: () => getJson<{ silences: SilenceJson[] }>("/api/v1/silences"),
  });
  const choose = (state: Tab) => {
    const next = new URLSearchParams(params);
    next.set("state", state);
    setParams(next);
  };
  const nowMs = Date.now();
  return (
    <section>
      <h1>Alerts{model ? ` of ${model}` : ""}</h1>
      <fieldset className="range-picker">
        <legend className="visually-hidden">alert state</legend>
        {tabs.map((t) => (
          <button key={t.state} type="button" aria-pressed={t.state === tab} onClick={() => choose(t.state)}>
            {t.label}
          </button>
        ))}
      </fieldset>
      <AlertLabelFilter key={label} />
      <QueryState query={alerts}>
        {({ alerts: all }) => {
          const list = labelFilter ? all.filter((a) => a.labels[labelFilter[0]] === labelFilter[1]) : all;
          return list.length === 0 ? (
            <p>
              No {tab === "all" ? "" : `${tab} `}alert{labelFilter ? ` labelled ${label}` : ""}.
            </p>
          ) : (
            <AlertTable alerts={list} silences={silences.data?.silences ?? []} nowMs={nowMs} />
          );
        }}
      </QueryState>
      <h2>Silences</h2>
      <QueryState query={silences}>
        {({ silences: list }) => <AlertSilences silences={list} nowMs={nowMs} />}
      </QueryState>
    </section>
  );
}
