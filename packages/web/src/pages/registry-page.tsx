import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { getJson } from "../api/client.js";
import type {
  AuditEntry,
  ModelListing,
  ModelVersion,
  ServingCheck,
  VersionComparison,
} from "../api/types.js";
import { QueryState } from "../components/query-state.js";
import { RegistryAliasForm } from "../components/registry-alias-form.js";
import { RegistryAuditList } from "../components/registry-audit-list.js";
import { type CompareSelection, RegistryCompareForm } from "../components/registry-compare-form.js";
import { RegistryComparisonResult } from "../components/registry-comparison-result.js";
import { RegistryServingChecks } from "../components/registry-serving-checks.js";
import { RegistryVersionsTable } from "../components/registry-versions-table.js";

const dayMs = 86_400_000;

function Comparison(props: { model: string; selection: CompareSelection }) {
  const { model, selection } = props;
  const query = useQuery({
    queryKey: ["registry", model, "compare", selection],
    queryFn: () => {
      const toMs = Date.now();
      const params = new URLSearchParams({
        baseline: selection.baseline,
        candidate: selection.candidate,
        from: String(toMs - selection.days * dayMs),
        to: String(toMs),
      });
      return getJson<VersionComparison>(`/api/v1/models/${encodeURIComponent(model)}/compare?${params}`);
    },
  });
  return <QueryState query={query}>{(c) => <RegistryComparisonResult comparison={c} />}</QueryState>;
}

function Registry(props: { model: string; detail: ModelListing & { version_details: ModelVersion[] } }) {
  const { model, detail } = props;
  const [params, setParams] = useSearchParams();
  const path = `/api/v1/models/${encodeURIComponent(model)}`;
  const audit = useQuery({
    queryKey: ["registry", model, "audit"],
    queryFn: () => getJson<{ audit: AuditEntry[] }>(`${path}/audit?limit=50`),
  });
  const serving = useQuery({
    queryKey: ["registry", model, "serving"],
    queryFn: () => getJson<{ checks: ServingCheck[] }>(`${path}/serving`),
  });
  const names = detail.version_details.map((v) => v.version);
  const servingVersion = detail.aliases[detail.serving_alias];
  const baseline = params.get("baseline");
  const candidate = params.get("candidate");
  const days = Number(params.get("days") ?? "7");
  const selection: CompareSelection | null =
    baseline && candidate && baseline !== candidate && names.includes(baseline) && names.includes(candidate)
      ? { baseline, candidate, days: Number.isFinite(days) && days > 0 ? days : 7 }
      : null;
  const defaultBaseline = servingVersion ?? names[0] ?? "";
  const initial = selection ?? {
    baseline: defaultBaseline,
    candidate: names.findLast((v) => v !== defaultBaseline) ?? "",
    days: 7,
  };
  return (
    <>
      <p>
        Serving alias <strong>{detail.serving_alias}</strong>
        {servingVersion ? (
          <>
            {" "}
            → <strong data-field="serving-version">{servingVersion}</strong>
          </>
        ) : (
          " (not set)"
        )}
        {detail.owner ? ` · owner ${detail.owner}` : ""}
        {detail.description ? ` · ${detail.description}` : ""}
      </p>
      <h2>Versions</h2>
      {names.length === 0 ? <p>No version.</p> : <RegistryVersionsTable versions={detail.version_details} />}
      <h2>Aliases</h2>
      <RegistryAliasForm model={model} aliases={detail.aliases} versions={detail.version_details} />
      <h2>Audit trail</h2>
      <QueryState query={audit}>{({ audit: entries }) => <RegistryAuditList audit={entries} />}</QueryState>
      <h2>Serving checks (last 7 days)</h2>
      <QueryState query={serving}>{({ checks }) => <RegistryServingChecks checks={checks} />}</QueryState>
      <h2>Canary / shadow comparison</h2>
      {names.length < 2 ? (
        <p className="muted">Two versions are needed to compare.</p>
      ) : (
        <>
          <RegistryCompareForm
            key={JSON.stringify(initial)}
            versions={names}
            initial={initial}
            onCompare={(s) =>
              setParams(
                { baseline: s.baseline, candidate: s.candidate, days: String(s.days) },
                { replace: true },
              )
            }
          />
          {selection ? <Comparison model={model} selection={selection} /> : null}
        </>
      )}
    </>
  );
}

/**
 * A model's registry: versions with aliases and metrics, promote and rollback (confirmed, audited),
 * serving checks and a canary/shadow comparison whose selection lives in the URL.
 */
export function RegistryPage() {
  const model = useParams().model ?? "";
  const detail = useQuery({
    queryKey: ["registry", model, "model"],
    queryFn: () =>
      getJson<ModelListing & { version_details: ModelVersion[] }>(
        `/api/v1/models/${encodeURIComponent(model)}`,
      ),
  });
  return (
    <section>
      <p>
        <Link to={`/models/${encodeURIComponent(model)}`}>{model}</Link> / registry
      </p>
      <h1>{model} registry</h1>
      <QueryState query={detail}>{(d) => <Registry model={model} detail={d} />}</QueryState>
    </section>
  );
}
