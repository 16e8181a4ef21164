import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import type { AlertJson, SilenceJson } from "sightline/api-types";
import { getJson } from "../api/client.js";
import { AlertLabelFilter } from "../components/alert-label-filter.js";
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

/** Alerts per request; "Show more" asks the server for the next page with the same filters. */
const pageSize = 500;

interface AlertPage {
  alerts: AlertJson[];
  next_before: string | null;
}

/**
 * Alerts, firing first, with state, model and label filters in the URL (`label=key=value`, repeatable: the
 * server keeps the alerts whose labels hold every one, so a filter finds any alert, not only recent ones),
 * paged by the server; evidence, labels, silenced marks, acknowledge and silence; silences.
 */
export function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const labels = params.getAll("label");
  const tab: Tab = tabs.find((t) => t.state === params.get("state"))?.state ?? "firing";
  const model = params.get("model") ?? "";
  const filter = new URLSearchParams({ limit: String(pageSize) });
  if (tab !== "all") filter.set("state", tab);
  if (model) filter.set("model", model);
  for (const label of labels) filter.append("label", label);
  const alerts = useInfiniteQuery({
    queryKey: ["alerts", "page", tab, model, labels],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams(filter);
      if (pageParam !== null) query.set("before", pageParam);
      return getJson<AlertPage>(`/api/v1/alerts?${query.toString()}`);
    },
    getNextPageParam: (last) => last.next_before,
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
  const list = alerts.data?.pages.flatMap((p) => p.alerts) ?? [];
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
      <AlertLabelFilter key={labels.join(" ")} />
      {alerts.isPending ? (
        <p aria-busy="true">Loading…</p>
      ) : alerts.isError ? (
        <p role="alert">Could not load: {alerts.error.message}</p>
      ) : list.length === 0 ? (
        <p>
          No {tab === "all" ? "" : `${tab} `}alert{labels.length > 0 ? ` labelled ${labels.join(" ")}` : ""}.
        </p>
      ) : (
        <>
          <AlertTable alerts={list} silences={silences.data?.silences ?? []} nowMs={nowMs} />
          {alerts.hasNextPage ? (
            <button
              type="button"
              disabled={alerts.isFetchingNextPage}
              onClick={() => void alerts.fetchNextPage()}
            >
              {alerts.isFetchingNextPage ? "Loading…" : `Show more (${list.length} shown)`}
            </button>
          ) : null}
        </>
      )}
      <h2>Silences</h2>
      <QueryState query={silences}>
        {({ silences: list }) => <AlertSilences silences={list} nowMs={nowMs} />}
      </QueryState>
    </section>
  );
}
