import type { AuditEntry } from "../api/types.js";
import { formatDateTime } from "../format.js";

function describe(entry: AuditEntry): string {
  switch (entry.action) {
    case "promote":
      return `promoted ${entry.version ?? "?"} to ${entry.alias ?? "?"}${entry.previous_version ? ` (was ${entry.previous_version})` : ""}`;
    case "rollback":
      return `rolled ${entry.alias ?? "?"} back to ${entry.version ?? "?"}${entry.previous_version ? ` (was ${entry.previous_version})` : ""}`;
    case "register_version":
      return `registered version ${entry.version ?? "?"}`;
    case "register_model":
      return "registered the model";
    case "update_model":
      return "updated the model";
  }
}

/** The registry audit trail, newest first: who did what and when. */
export function RegistryAuditList(props: { audit: AuditEntry[] }) {
  if (props.audit.length === 0) return <p className="muted">No change recorded.</p>;
  return (
    <ol className="audit-list" aria-label="audit trail">
      {props.audit.map((entry) => (
        <li
          key={entry.id}
          data-action={entry.action}
          data-alias={entry.alias ?? undefined}
          data-version={entry.version ?? undefined}
        >
          <span className="muted">{formatDateTime(entry.timestamp)}</span> <strong>{entry.actor}</strong>{" "}
          {describe(entry)}
        </li>
      ))}
    </ol>
  );
}
