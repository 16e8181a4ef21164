import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { AlertJson } from "sightline/api-types";
import { sendJson } from "../api/send-json.js";

const silenceFor = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;
type SilenceSpan = keyof typeof silenceFor;

/**
 * Acknowledge and silence buttons of one alert: each POSTs through the API, then the alert and silence
 * queries refresh. A silence matches the alert's model, monitor and subject.
 *
 * @example
 * <AlertActions alert={alert} />
 */
export function AlertActions(props: { alert: AlertJson }) {
  const { alert } = props;
  const client = useQueryClient();
  const [span, setSpan] = useState<SilenceSpan>("24h");
  const id = useId();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ["alerts"] }),
      client.invalidateQueries({ queryKey: ["silences"] }),
    ]);
  const ack = useMutation({
    mutationFn: () => sendJson("POST", `/api/v1/alerts/${encodeURIComponent(alert.id)}/ack`, { by: "ui" }),
    onSuccess: refresh,
  });
  const silence = useMutation({
    mutationFn: () =>
      sendJson("POST", "/api/v1/silences", {
        matchers: { model: alert.model, monitor: alert.monitor, subject: alert.subject },
        until: new Date(Date.now() + silenceFor[span]).toISOString(),
        comment: `silenced from the alerts page (${alert.id})`,
        created_by: "ui",
      }),
    onSuccess: refresh,
  });
  const error = ack.error ?? silence.error;
  return (
    <div className="alert-actions">
      <button
        type="button"
        onClick={() => ack.mutate()}
        disabled={alert.acknowledged_at !== null || ack.isPending}
        aria-label={`acknowledge ${alert.monitor} ${alert.subject}`}
      >
        {alert.acknowledged_at !== null ? "Acknowledged" : "Acknowledge"}
      </button>
      {alert.state === "resolved" ? null : (
        <>
          <label htmlFor={id} className="visually-hidden">
            silence for
          </label>
          <select id={id} value={span} onChange={(e) => setSpan(e.target.value as SilenceSpan)}>
            {(Object.keys(silenceFor) as SilenceSpan[]).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => silence.mutate()}
            disabled={silence.isPending}
            aria-label={`silence ${alert.monitor} ${alert.subject}`}
          >
            Silence
          </button>
        </>
      )}
      {error ? (
        <span role="alert" className="error-box">
          {error.message}
        </span>
      ) : null}
    </div>
  );
}
