import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { sendJson } from "../api/send-json.js";
import type { FlagTarget } from "../api/types.js";
import { flagName, flagTarget } from "./flag-name.js";

/**
 * Flags the traced output as bad through the API (as `sightline flag`), so the review ranks the runs
 * upstream of it; flagging it again keeps the first flag. Shows the server's message when the call is
 * refused (e.g. a key without the `ingest` role).
 *
 * @example
 * <FlagButton target={{ model: "flight-delay", prediction: "p-3" }} />
 */
export function FlagButton(props: { target: FlagTarget }) {
  const client = useQueryClient();
  const name = flagName(props.target);
  const flag = useMutation({
    mutationFn: () =>
      sendJson<{ flagged: string; created: boolean }>(
        "POST",
        "/api/v1/lineage/flags",
        flagTarget(props.target),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["lineage-review"] }),
  });
  return (
    <p className="flag-action">
      <button
        type="button"
        onClick={() => flag.mutate()}
        disabled={flag.isPending}
        aria-label={`flag ${name}`}
      >
        Flag as bad
      </button>{" "}
      {flag.data ? (
        <span role="status">
          {flag.data.created ? `Flagged ${name}.` : `${name} was already flagged.`}{" "}
          <Link to="/lineage/review">Review</Link>
        </span>
      ) : null}
      {flag.error ? (
        <span role="alert" className="error-box">
          {flag.error.message}
        </span>
      ) : null}
    </p>
  );
}
