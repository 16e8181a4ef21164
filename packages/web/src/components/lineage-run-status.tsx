import type { RunStatus } from "../api/types.js";

/** A run's status as a coloured word (the word carries the meaning; colour only helps). */
export function RunStatusBadge(props: { status: RunStatus }) {
  return <span className={`status status-${props.status}`}>{props.status}</span>;
}
