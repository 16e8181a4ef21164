import { calibrateThreshold, type DriftMethod } from "@sightline/stats";
import type { ColumnCounts } from "../../store/window-store.js";
import { binomialGreaterP } from "../quality/share-excess.js";
import { type PreparedComparison, prepareComparison, runComparison } from "./histogram-drift.js";
import type { ReferenceColumn } from "./reference-profile.js";

/** The method (and category reduction) a window was compared with, repeated on the chunks. */
export type Comparison = Pick<PreparedComparison, "method" | "topK">;

/** Reference chunks smaller than this are not counted (too few rows to say anything). */
export const MIN_CHUNK_ROWS = 30;
/** At least this many chunks are needed before their spread sets a threshold. */
export const MIN_CHUNKS = 3;
/** Level of the ordinary p-value rule whose false-alarm rate the chunks check. */
const P_VALUE_LEVEL = 0.05;
/** A p-value test is distrusted when its chunk alarms are this unlikely under its own level (binomial). */
const DISTRUST_LEVEL = 0.01;

/**
 * How a column varies between the reference's own time chunks of one window size and alignment: the
 * spread of a method's statistic over those chunks, each compared with the rest of the reference.
 */
export interface ChunkVariation {
  /** The window size (ms) the reference was cut into, by its `timestamp` column. */
  size_ms: number;
  /** Chunks with at least MIN_CHUNK_ROWS values. */
  chunks: number;
  /** Median rows of those chunks (compare with the window's rows: smaller chunks are noisier). */
  median_rows: number | null;
  /** The method the chunk statistics were computed with. */
  method: DriftMethod;
  /** mean + 3 sd of the chunk statistics (null with fewer than MIN_CHUNKS chunks). */
  threshold: number | null;
  mean: number | null;
  sd: number | null;
  max: number | null;
  /** Chunks that drift from the rest of the reference by the ordinary p-value rule (p-value columns only). */
  drifting_chunks: number | null;
}

/**
 * The reference without one of its chunks: the chunk is compared with the rest, so its statistic
 * measures how far a new window of that size lands from a reference it is not part of (comparing the
 * chunk with the whole reference would bias every statistic low by the chunk's own share).
 *
 * @example
 * const rest = withoutChunk(referenceColumn, mondayCounts);
 */
export function withoutChunk(column: ReferenceColumn, chunk: ColumnCounts): ReferenceColumn {
  const reference = column.counts;
  return {
    ...column,
    counts: {
      ...reference,
      counts: reference.counts.map((c, k) => Math.max(0, c - (chunk.counts[k] ?? 0))),
      sums: reference.sums.map((s, k) => s - (chunk.sums[k] ?? 0)),
      present: Math.max(0, reference.present - chunk.present),
    },
  };
}

/** The chunks with enough rows to count. */
export function usableChunks(chunks: readonly ColumnCounts[]): ColumnCounts[] {
  return chunks.filter((c) => c.present >= MIN_CHUNK_ROWS);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The time-chunk rule for distances (NannyML's chunk thresholds): cut the reference into chunks of the
 * window's size and alignment, compute the method's statistic of each chunk against the rest of the
 * reference, and take mean + 3 sd (stats calibrateThreshold). Real windows differ by more than sampling
 * noise (weather moves a whole day's delays), and only the reference's own chunks show by how much.
 *
 * @example
 * chunkVariation(delayColumn, dailyChunks, 86_400_000, { method: "binned-wasserstein" }).threshold; // 0.34
 */
export function chunkVariation(
  column: ReferenceColumn,
  chunks: readonly ColumnCounts[],
  sizeMs: number,
  like: Comparison,
): ChunkVariation {
  const usable = usableChunks(chunks);
  const none: ChunkVariation = {
    size_ms: sizeMs,
    chunks: usable.length,
    median_rows: median(usable.map((c) => c.present)),
    method: like.method,
    threshold: null,
    mean: null,
    sd: null,
    max: null,
    drifting_chunks: null,
  };
  if (usable.length < MIN_CHUNKS) return none;
  const statistics = usable.map((c) => chunkStatistic(withoutChunk(column, c), c, like));
  const calibrated = calibrateThreshold(statistics, { rule: { kind: "mean+k*sd", k: 3 } });
  return {
    ...none,
    threshold: calibrated.threshold,
    mean: calibrated.mean,
    sd: calibrated.sd,
    max: Math.max(...statistics),
  };
}

/**
 * Whether a p-value test is miscalibrated for this column at this window size: more reference chunks
 * drift from the rest of the reference than a test at level 0.05 would allow (one-sided binomial, 1%).
 * Weekday in daily windows is the classic case (one value a day, so every day "drifts"); so is any
 * feature whose days differ by more than sampling noise.
 *
 * @example
 * distrustsPValues(21, 21); // true
 * distrustsPValues(1, 21); // false
 */
export function distrustsPValues(driftingChunks: number, chunks: number): boolean {
  if (chunks < MIN_CHUNKS || driftingChunks === 0) return false;
  return binomialGreaterP(driftingChunks, chunks, P_VALUE_LEVEL) < DISTRUST_LEVEL;
}

/**
 * A method's statistic of a window's (or chunk's) histogram against a reference column, on the same
 * bins (categories or reference-quantile cuts) as every other comparison.
 *
 * @example
 * chunkStatistic(weekdayColumn, mondayCounts, { method: "jensen-shannon" }); // 0.78
 */
export function chunkStatistic(column: ReferenceColumn, counts: ColumnCounts, like: Comparison): number {
  return runComparison(column, counts, prepareComparison(column, counts, like)).statistic;
}
