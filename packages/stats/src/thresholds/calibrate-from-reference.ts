import {
  type BootstrapOptions,
  bootstrapStatistics,
  type TwoSampleStatistic,
} from "./bootstrap-statistics.js";
import { type CalibratedThreshold, calibrateThreshold, type ThresholdRule } from "./calibrate-threshold.js";
import { chunkReference } from "./chunk-reference.js";

/** Options of {@link calibrateFromReference}. */
export interface CalibrateFromReferenceOptions extends BootstrapOptions {
  /** Rows in the windows that will be compared with the reference. */
  currentSize: number;
  /**
   * "bootstrap": statistics of the reference against bootstrap samples of `currentSize` rows.
   * "chunks": the reference is cut into chunks of `currentSize` rows and each chunk is compared with
   * the rest of the reference (the chunk is left out, so it is never compared with itself; NannyML
   * compares with the whole reference, which biases the statistic low). Needs >= 2 full chunks.
   */
  method: "bootstrap" | "chunks";
  /** Default mean + 3·sd, as NannyML. */
  rule?: ThresholdRule;
  minEffect?: number;
}

/** A calibrated threshold, with how it was obtained. */
export interface ReferenceThreshold extends CalibratedThreshold {
  method: "bootstrap" | "chunks";
  current_size: number;
}

function chunkStatistics(reference: ArrayLike<number>, currentSize: number, statistic: TwoSampleStatistic) {
  const chunks = chunkReference(reference, { by: "count", chunkSize: currentSize });
  if (chunks.length < 2) {
    throw new RangeError(
      `the reference has ${reference.length} rows, fewer than 2 chunks of ${currentSize}: use method "bootstrap"`,
    );
  }
  const n = reference.length;
  return chunks.map((chunk) => {
    const start = chunk.indices[0] as number;
    const end = start + chunk.indices.length;
    const rest = new Float64Array(n - chunk.indices.length);
    for (let i = 0, j = 0; i < n; i++) if (i < start || i >= end) rest[j++] = reference[i] as number;
    return statistic(rest, chunk.values);
  });
}

/**
 * Calibrates a drift threshold for windows of `currentSize` rows from the reference alone, by
 * bootstrap or by reference chunks, then applies the rule and the minimum effect.
 *
 * @example
 * const t = calibrateFromReference(reference, wasserstein, { currentSize: 10_000, method: "bootstrap", minEffect: 0.1 });
 * const drift = wasserstein(reference, window) > t.threshold;
 */
export function calibrateFromReference(
  reference: ArrayLike<number>,
  statistic: TwoSampleStatistic,
  options: CalibrateFromReferenceOptions,
): ReferenceThreshold {
  const { currentSize, method } = options;
  const statistics =
    method === "bootstrap"
      ? bootstrapStatistics(reference, currentSize, statistic, options)
      : chunkStatistics(reference, currentSize, statistic);
  const calibrated = calibrateThreshold(statistics, {
    rule: options.rule ?? { kind: "mean+k*sd", k: 3 },
    ...(options.minEffect === undefined ? {} : { minEffect: options.minEffect }),
  });
  return { ...calibrated, method, current_size: currentSize };
}
