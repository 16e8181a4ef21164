import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { getJson } from "../api/client.js";
import type { ReviewResult } from "../api/types.js";
import { LineageRunTable } from "../components/lineage-run-table.js";
import { UnflagButton } from "../components/lineage-unflag-button.js";
import { QueryState } from "../components/query-state.js";
import { formatDateTime } from "../format.js";

function FlagTarget(props: { flag: ReviewResult["flagged"][number] }) {
  const { flag } = props;
  if ("artifact" in flag) {
    return (
      <>
        artifact{" "}
        <Link to={`/lineage?${new URLSearchParams({ artifact: flag.artifact })}`}>{flag.artifact}</Link>
      </>
    );
  }
  return (
    <>
      prediction{" "}
      <Link to={`/lineage?${new URLSearchParams({ prediction: flag.prediction, model: flag.model })}`}>
        {flag.prediction}
      </Link>{" "}
      of {flag.model}
    </>
  );
}

/**
 * Flagged outputs and the review ranking: runs ordered by how many flagged outputs they feed, so the step
 * most likely at fault comes first (as mltrace's `review`). Each flag can be removed here once its output
 * has been looked at (as mltrace's `unflag`).
 */
export function LineageReviewPage() {
  const [unflagged, setUnflagged] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ["lineage-review"],
    queryFn: () => getJson<ReviewResult>("/api/v1/lineage/review?limit=50"),
  });
  return (
    <section>
      <p>
        <Link to="/lineage">Lineage</Link> / review
      </p>
      <h1>Review</h1>
      {unflagged ? <p role="status">Unflagged {unflagged}.</p> : null}
      <QueryState query={query}>
        {(review) => (
          <>
            <h2>Flagged outputs</h2>
            {review.flagged.length === 0 ? (
              <p>
                Nothing is flagged. Flag a bad output from its trace (Flag as bad), with `sightline flag` or
                with `POST /api/v1/lineage/flags`.
              </p>
            ) : (
              <ul aria-label="flagged outputs">
                {review.flagged.map((f) => (
                  <li key={"artifact" in f ? f.artifact : `${f.model}/${f.prediction}`}>
                    <FlagTarget flag={f} />{" "}
                    <span className="muted">flagged {formatDateTime(f.flagged_time)}</span>{" "}
                    <UnflagButton flag={f} onUnflagged={setUnflagged} />
                  </li>
                ))}
              </ul>
            )}
            <h2>Runs most often upstream of flagged outputs</h2>
            {review.runs.length === 0 ? (
              <p className="muted">No run feeds a flagged output.</p>
            ) : (
              <LineageRunTable label="review ranking" runs={review.runs} showFlagged />
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
