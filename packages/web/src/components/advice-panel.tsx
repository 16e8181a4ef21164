import type { AdviceAnswer } from "../api/types.js";
import { formatDateTime, formatNumber, formatPercent } from "../format.js";

const verdictText: Record<AdviceAnswer["verdict"], string> = {
  retrain: "Retrain",
  watch: "Watch",
  ok: "OK",
  insufficient_data: "Not enough data",
};

/**
 * The retraining advice of the last closed window: the verdict and each reason with its value and threshold.
 *
 * @example
 * <AdvicePanel advice={advice} />
 */
export function AdvicePanel(props: { advice: AdviceAnswer }) {
  const { advice } = props;
  return (
    <div data-testid="advice" data-verdict={advice.verdict}>
      <p>
        <span className={`verdict verdict-${advice.verdict}`}>{verdictText[advice.verdict]}</span>{" "}
        <span className="muted">
          window {formatDateTime(advice.window.from)} to {formatDateTime(advice.window.to)}; drifting share{" "}
          {formatPercent(advice.drift_share)}, labelled {formatPercent(advice.label_coverage)}
        </span>
      </p>
      {advice.reasons.length === 0 ? (
        <p>No reason to act.</p>
      ) : (
        <ul className="reasons">
          {advice.reasons.map((r) => (
            <li key={`${r.code}-${r.message}`}>
              <strong>{r.code.replaceAll("_", " ")}</strong> ({r.verdict}): {r.message}
              {r.value !== null ? (
                <span className="muted">
                  {" "}
                  value {formatNumber(r.value)}
                  {r.threshold !== null ? `, threshold ${formatNumber(r.threshold)}` : ""}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
