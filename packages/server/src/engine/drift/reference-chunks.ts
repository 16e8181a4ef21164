import { calibrateThreshold } from "@sightline/stats";
import type { ColumnCounts } from "../../store/window-store.js";
import { prepareComparison, runComparison } from "./histogram-drift.js";
import type { ReferenceColumn } from "./reference-profile.js";

/** Reference chunks smaller than this are not counted (too few rows to say anything). */
export const MIN_CHUNK_ROWS = 30;
/** At least this many chunks are needed before a column is judged against them. */
export const MIN_CHUNKS = 3;

/** How a column varies between reference chunks of one window size and alignment. */
export interface ChunkVariation {
  /** The window size (ms) the reference was cut into, by its `timestamp` column. */
  size_ms: number;
  /** Chunks with at least MIN_CHUNK_ROWS values. */
  chunks: number;
  /** Of those, the chunks that drift from the whole reference by the ordinary rule. */
  drifting_chunks: number;
  /** True when most chunks drift (and there are at least MIN_CHUNKS): the column is judged against them. */
  applies: boolean;
  method: "jensen-shannon";
  /** The larger of the largest chunk statistic and mean + 3 sd of them; null without chunks. */
  threshold: number | null;
  mean: number | null;
  max: number | null;
}

/**
 * The window-size-aware rule for columns whose reference variation lies mostly between windows (weekday
 * in daily windows, as a category or as a number 1-7: one value a day, so every day "drifts" from the
 * weeks-long reference). The reference is
 * cut into chunks of the window's size and alignment by its `timestamp`; when most chunks drift from the
 * whole reference by the ordinary rule (`drifts`), the drift is by construction and the column is judged
 * by the Jensen–Shannon distance against the spread of those chunks instead: the larger of the largest
 * chunk distance and mean + 3 sd (NannyML's chunk rule, via stats calibrateThreshold), so a window drifts
 * only when it is further from the reference than any reference chunk of its size was.
 *
 * @example
 * const v = chunkVariation(weekdayColumn, dailyChunks, 86_400_000, (c) => service.compareColumn(profile, weekdayColumn, c).drift_detected);
 * v.applies; // true: 21 of 21 days drift from the three-week reference
 */
export function chunkVariation(
  column: ReferenceColumn,
  chunks: readonly ColumnCounts[],
  sizeMs: number,
  drifts: (chunk: ColumnCounts) => boolean,
): ChunkVariation {
  const usable = chunks.filter((c) => c.present >= MIN_CHUNK_ROWS);
  const none: ChunkVariation = {
    size_ms: sizeMs,
    chunks: usable.length,
    drifting_chunks: 0,
    applies: false,
    method: "jensen-shannon",
    threshold: null,
    mean: null,
    max: null,
  };
  if (usable.length < MIN_CHUNKS) return none;
  const drifting = usable.filter((c) => drifts(c)).length;
  const statistics = usable.map((c) => chunkStatistic(column, c));
  const calibrated = calibrateThreshold(statistics, { rule: { kind: "mean+k*sd", k: 3 } });
  const max = Math.max(...statistics);
  return {
    ...none,
    drifting_chunks: drifting,
    applies: drifting * 2 > usable.length,
    threshold: Math.max(max, calibrated.threshold),
    mean: calibrated.mean,
    max,
  };
}

/**
 * The Jensen–Shannon distance of a window's (or chunk's) histogram from the reference's, on the same
 * bins (categories or reference-quantile cuts) as every other comparison.
 *
 * @example
 * chunkStatistic(weekdayColumn, mondayCounts); // 0.78
 */
export function chunkStatistic(column: ReferenceColumn, counts: ColumnCounts): number {
  return runComparison(column, counts, prepareComparison(column, counts, "jensen-shannon")).statistic;
}
