const positiveNames = new Set(["1", "true", "yes", "positive", "pos"]);

/**
 * Picks the score a histogram of outputs shows: for two classes the probability of the positive class
 * (named 1/true/yes/positive, else the second in sorted order, as scikit-learn orders classes); for more
 * classes the top probability (the model's confidence).
 *
 * @example
 * headlineScore({ "0": 0.2, "1": 0.8 }); // 0.8
 */
export function headlineScore(scores: Readonly<Record<string, number>>): number | null {
  const keys = Object.keys(scores);
  if (keys.length === 0) return null;
  if (keys.length === 1) return scores[keys[0] as string] ?? null;
  if (keys.length === 2) {
    const positive = keys.find((k) => positiveNames.has(k.toLowerCase())) ?? keys.sort()[1];
    return scores[positive as string] ?? null;
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const k of keys) max = Math.max(max, scores[k] as number);
  return max;
}
