import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { SilenceJson } from "sightline/api-types";
import { sendJson } from "../api/send-json.js";
import { formatDateTime, formatRelative } from "../format.js";

/**
 * The silences in force with their matchers, end time and comment, each with a button that ends it
 * (DELETE through the API), after which the silences and the alerts refresh.
 *
 * @example
 * <AlertSilences silences={silences} nowMs={Date.now()} />
 */
export function AlertSilences(props: { silences: SilenceJson[]; nowMs: number }) {
  const client = useQueryClient();
  const end = useMutation({
    mutationFn: (id: string) => sendJson("DELETE", `/api/v1/silences/${encodeURIComponent(id)}`),
    // Alerts carry whether a silence is over them: both lists refresh.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ["silences"] }),
        client.invalidateQueries({ queryKey: ["alerts"] }),
      ]),
  });
  if (props.silences.length === 0) return <p className="muted">No silence in force.</p>;
  return (
    <ul className="silences" aria-label="silences">
      {props.silences.map((s) => (
        <li key={s.id} data-silence-id={s.id}>
          {Object.entries(s.matchers)
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")}{" "}
          <span className="muted" title={formatDateTime(s.until)}>
            until {formatRelative(s.until, props.nowMs)} by {s.created_by}
            {s.comment ? `: ${s.comment}` : ""}
          </span>{" "}
          <button type="button" onClick={() => end.mutate(s.id)} disabled={end.isPending}>
            End silence
          </button>
        </li>
      ))}
    </ul>
  );
}
