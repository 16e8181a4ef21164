import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sendJson } from "../api/send-json.js";
import type { ReviewResult } from "../api/types.js";
import { flagName, flagTarget } from "./flag-name.js";

type Flag = ReviewResult["flagged"][number];

/**
 * Removes one flag through the API (as `sightline unflag`), then refreshes the review, whose ranking
 * changes with the flags. Shows the server's message when the call is refused (e.g. a key without the
 * `ingest` role).
 *
 * @example
 * <UnflagButton flag={{ model: "m", prediction: "p-3", flagged_time: "2026-01-01T00:00:00Z" }} onUnflagged={setNotice} />
 */
export function UnflagButton(props: { flag: Flag; onUnflagged: (name: string) => void }) {
  const client = useQueryClient();
  const name = flagName(props.flag);
  const unflag = useMutation({
    mutationFn: () => sendJson("DELETE", "/api/v1/lineage/flags", flagTarget(props.flag)),
    onSuccess: async () => {
      props.onUnflagged(name);
      await client.invalidateQueries({ queryKey: ["lineage-review"] });
    },
  });
  return (
    <>
      <button
        type="button"
        onClick={() => unflag.mutate()}
        disabled={unflag.isPending}
        aria-label={`unflag ${name}`}
      >
        Unflag
      </button>
      {unflag.error ? (
        <span role="alert" className="error-box">
          {unflag.error.message}
        </span>
      ) : null}
    </>
  );
}
