import type { WindowClassCounts, WindowOperations } from "../../store/window-store.js";

/** The stuck-output rule's verdict for one window. */
export interface StuckOutput {
  stuck: boolean;
  /** Which output was judged: the score, the predicted class, or the numeric prediction. */
  basis: "score" | "class" | "prediction" | null;
  /** The score or prediction standard deviation, or the top class's share. */
  value: number | null;
  rule: string;
}

/** Fewest outputs in a window before the stuck rule judges it. */
export const STUCK_MIN_ROWS = 30;
/** A class holding at least this share of a window's predictions counts as collapsed. */
export const STUCK_CLASS_SHARE = 0.99;
/** A standard deviation at or below this counts as constant. */
export const STUCK_STD = 1e-9;

/**
 * The stuck-model rule. With at least 30 outputs in the window, the model is stuck when its score is
 * constant (score sd <= 1e-9), or, without scores, when its numeric prediction is constant while the
 * reference's was not, or when one class holds >= 99% of the predictions while no class held 99% of
 * the reference's (a model that legitimately predicts one class is not flagged).
 *
 * @example
 * stuckOutput(ops, classes, 0.6, 1.2).stuck; // true when every score in the window is 0.5
 */
export function stuckOutput(
  operations: WindowOperations,
  classes: WindowClassCounts | undefined,
  referenceTopClassShare: number | null,
  referencePredictionStd: number | null,
): StuckOutput {
  const rule = `stuck when >= ${STUCK_MIN_ROWS} outputs and score sd <= ${STUCK_STD}, or numeric prediction sd <= ${STUCK_STD} (reference sd > 0), or one class >= ${STUCK_CLASS_SHARE * 100}% of predictions (reference top class < ${STUCK_CLASS_SHARE * 100}%)`;
  if (operations.scoreCount >= STUCK_MIN_ROWS && operations.scoreStd !== null) {
    return { stuck: operations.scoreStd <= STUCK_STD, basis: "score", value: operations.scoreStd, rule };
  }
  if (classes && referenceTopClassShare !== null) {
    const counts = Object.values(classes.counts);
    const total = counts.reduce((s, c) => s + c, 0);
    if (total >= STUCK_MIN_ROWS) {
      const top = Math.max(...counts) / total;
      const stuck = top >= STUCK_CLASS_SHARE && referenceTopClassShare < STUCK_CLASS_SHARE;
      return { stuck, basis: "class", value: top, rule };
    }
  }
  if (operations.predictionCount >= STUCK_MIN_ROWS && operations.predictionStd !== null) {
    const variable = referencePredictionStd === null || referencePredictionStd > STUCK_STD;
    return {
      stuck: variable && operations.predictionStd <= STUCK_STD,
      basis: "prediction",
      value: operations.predictionStd,
      rule,
    };
  }
  return { stuck: false, basis: null, value: null, rule };
}
