import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { sendJson } from "../api/send-json.js";
import type { AliasMove, ModelVersion } from "../api/types.js";
import { RegistryConfirmPanel } from "./registry-confirm-panel.js";

const commonAliases = ["production", "staging", "canary", "shadow"];

type Pending = { action: "promote"; alias: string; version: string } | { action: "rollback"; alias: string };

/**
 * Moves a model's aliases: promote a registered version to an alias, or roll an alias back to the version
 * it held before; each after a confirmation, then the registry queries (versions, audit) refresh.
 */
export function RegistryAliasForm(props: {
  model: string;
  aliases: Record<string, string>;
  versions: ModelVersion[];
}) {
  const registered = props.versions.filter((v) => v.registered).map((v) => v.version);
  const [alias, setAlias] = useState("production");
  const [version, setVersion] = useState(registered.at(-1) ?? "");
  const [pending, setPending] = useState<Pending | null>(null);
  const client = useQueryClient();
  const id = useId();
  const base = `/api/v1/models/${encodeURIComponent(props.model)}/aliases`;
  const mutation = useMutation({
    mutationFn: (change: Pending) =>
      change.action === "promote"
        ? sendJson<AliasMove>("PUT", `${base}/${encodeURIComponent(change.alias)}`, {
            version: change.version,
          })
        : sendJson<AliasMove>("POST", `${base}/${encodeURIComponent(change.alias)}/rollback`, {}),
    onSuccess: async () => {
      setPending(null);
      await client.invalidateQueries({ queryKey: ["registry", props.model] });
    },
  });
  const aliasNames = Object.keys(props.aliases).sort();
  const suggestions = [...new Set([...commonAliases, ...aliasNames])];
  const ask = (change: Pending) => {
    mutation.reset();
    setPending(change);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (alias.trim() && version) ask({ action: "promote", alias: alias.trim(), version });
  };
  const question = (change: Pending) => {
    const current = props.aliases[change.alias];
    if (change.action === "rollback")
      return `Roll ${change.alias} (now ${current ?? "unset"}) back to the version it held before?`;
    return `Move ${change.alias} from ${current ?? "unset"} to ${change.version}?`;
  };
  const last = mutation.data;
  return (
    <div className="alias-form">
      {aliasNames.length === 0 ? (
        <p className="muted">No alias is set.</p>
      ) : (
        <table className="data compact" aria-label="aliases">
          <thead>
            <tr>
              <th>Alias</th>
              <th>Version</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {aliasNames.map((name) => (
              <tr key={name} data-alias={name}>
                <th scope="row">{name}</th>
                <td data-field="version">{props.aliases[name]}</td>
                <td>
                  <button type="button" onClick={() => ask({ action: "rollback", alias: name })}>
                    Roll back {name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={submit} className="inline-form" aria-label="promote">
        <label htmlFor={`${id}-version`}>Version</label>
        <select
          id={`${id}-version`}
          name="version"
          value={version}
          onChange={(e) => setVersion(e.target.value)}
        >
          {registered.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-alias`}>to alias</label>
        <input
          id={`${id}-alias`}
          name="alias"
          list="alias-suggestions"
          value={alias}
          onChange={(e) => setAlias(e.target.value)}
          pattern="[a-z][a-z0-9_\-]{0,63}"
          required
        />
        <datalist id="alias-suggestions">
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <button type="submit" disabled={registered.length === 0}>
          Promote…
        </button>
      </form>
      {pending ? (
        <RegistryConfirmPanel
          question={question(pending)}
          confirmLabel={pending.action === "promote" ? "Confirm promote" : "Confirm rollback"}
          busy={mutation.isPending}
          onConfirm={() => mutation.mutate(pending)}
          onCancel={() => setPending(null)}
        />
      ) : null}
      {mutation.isError ? (
        <p role="alert" className="error-box">
          {mutation.error.message}
        </p>
      ) : null}
      {last ? (
        <p role="status" className="ok-box">
          {last.alias} now points at {last.version}
          {last.previous_version ? ` (was ${last.previous_version})` : ""}.
        </p>
      ) : null}
    </div>
  );
}
