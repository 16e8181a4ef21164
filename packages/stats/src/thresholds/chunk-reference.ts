/** How to cut a reference into chunks: fixed row counts, or fixed event-time windows. */
export type ChunkOptions =
  | {
      by: "count";
      /** Rows per chunk. */
      chunkSize: number;
      /**
       * What to do with the last rows when they do not fill a chunk: "drop" them (the default, so
       * every chunk statistic has the same sample size and the same noise), "keep" them as a smaller
       * last chunk, or "append" them to the previous chunk.
       */
      incomplete?: "drop" | "keep" | "append";
    }
  | {
      by: "time";
      /** Event time of each row, epoch milliseconds (UTC); need not be sorted. */
      timestamps: ArrayLike<number>;
      /** Window length in milliseconds, e.g. 86_400_000 for days. */
      chunkMs: number;
      /** Where windows are aligned; default 0 (the epoch), so daily windows are UTC days. */
      originMs?: number;
    };

/** One chunk of the reference: the row indices it holds and, for time chunks, its window. */
export interface ReferenceChunk {
  /** Row indices into the reference, ascending. */
  indices: Int32Array;
  /** Half-open window [from_ms, to_ms) for time chunks; null for count chunks. */
  from_ms: number | null;
  to_ms: number | null;
}

/** A chunk of a reference given as values: its indices and the values they select. */
export interface ReferenceValueChunk extends ReferenceChunk {
  values: Float64Array;
}

function range(start: number, end: number): Int32Array {
  const out = new Int32Array(end - start);
  for (let i = 0; i < out.length; i++) out[i] = start + i;
  return out;
}

function countChunks(
  rowCount: number,
  chunkSize: number,
  incomplete: "drop" | "keep" | "append",
): ReferenceChunk[] {
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new RangeError(`chunkSize must be a positive integer`);
  const full = Math.floor(rowCount / chunkSize);
  const chunks: ReferenceChunk[] = [];
  for (let c = 0; c < full; c++) {
    chunks.push({ indices: range(c * chunkSize, (c + 1) * chunkSize), from_ms: null, to_ms: null });
  }
  const rest = rowCount - full * chunkSize;
  if (rest > 0 && incomplete === "keep") {
    chunks.push({ indices: range(full * chunkSize, rowCount), from_ms: null, to_ms: null });
  } else if (rest > 0 && incomplete === "append" && chunks.length > 0) {
    chunks[chunks.length - 1] = {
      indices: range((full - 1) * chunkSize, rowCount),
      from_ms: null,
      to_ms: null,
    };
  }
  return chunks;
}

function timeChunks(rowCount: number, timestamps: ArrayLike<number>, chunkMs: number, originMs: number) {
  if (timestamps.length !== rowCount) {
    throw new RangeError(`timestamps has ${timestamps.length} entries for ${rowCount} rows`);
  }
  if (!(chunkMs > 0) || !Number.isFinite(chunkMs)) throw new RangeError(`chunkMs must be positive`);
  const byWindow = new Map<number, number[]>();
  for (let i = 0; i < rowCount; i++) {
    const t = timestamps[i] as number;
    if (!Number.isFinite(t)) throw new RangeError(`timestamp at row ${i} is not finite: ${t}`);
    const from = originMs + Math.floor((t - originMs) / chunkMs) * chunkMs;
    const rows = byWindow.get(from);
    if (rows) rows.push(i);
    else byWindow.set(from, [i]);
  }
  return [...byWindow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(
      ([from, rows]): ReferenceChunk => ({
        indices: Int32Array.from(rows),
        from_ms: from,
        to_ms: from + chunkMs,
      }),
    );
}

/**
 * Cuts a reference into chunks, the unit on which reference statistics are computed to calibrate a
 * threshold. Count chunks are consecutive rows; time chunks are half-open UTC-aligned windows
 * [from_ms, to_ms) of event time (windows without rows are not returned). Give a row count to get
 * indices only, or the values to get each chunk's values too.
 *
 * @example
 * chunkReference(10, { by: "count", chunkSize: 4 }).map((c) => c.indices.length); // [4, 4]
 * chunkReference([1, 2, 3], { by: "time", timestamps: [0, 10, 86_400_000], chunkMs: 86_400_000 });
 * // two chunks: values [1, 2] in [0, 86_400_000) and [3] in the next day
 */
export function chunkReference(rowCount: number, options: ChunkOptions): ReferenceChunk[];
export function chunkReference(values: ArrayLike<number>, options: ChunkOptions): ReferenceValueChunk[];
export function chunkReference(
  rows: number | ArrayLike<number>,
  options: ChunkOptions,
): ReferenceChunk[] | ReferenceValueChunk[] {
  const rowCount = typeof rows === "number" ? rows : rows.length;
  if (!Number.isInteger(rowCount) || rowCount < 0)
    throw new RangeError(`row count must be a non-negative integer`);
  const chunks =
    options.by === "count"
      ? countChunks(rowCount, options.chunkSize, options.incomplete ?? "drop")
      : timeChunks(rowCount, options.timestamps, options.chunkMs, options.originMs ?? 0);
  if (typeof rows === "number") return chunks;
  return chunks.map((chunk) => ({
    ...chunk,
    values: Float64Array.from(chunk.indices, (i) => rows[i] as number),
  }));
}
