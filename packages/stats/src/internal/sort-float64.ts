// Sorting is the cost of every rank- and ECDF-based drift method on large samples, and V8's
// `Float64Array.prototype.sort` takes ~100 ms for 10^6 values. Above a size threshold this sorts by
// the high 32 bits of the IEEE-754 pattern (sign, exponent, 20 mantissa bits) with an LSD radix sort
// (three 11/11/10-bit digits, skipping digits that all keys share) that moves the values themselves,
// as pairs of 32-bit words (no index array and no final gather by index, which cost a random read a
// value; words rather than doubles, so that no NaN payload is ever touched), then finishes each run of
// equal high words by comparison (insertion sort for short runs, the native sort for long ones);
// below it, the native sort. Both give the same order for finite values, -0 before +0.

const RADIX_MIN = 4096;
const SHORT_RUN = 16;
const BUCKETS = 2048;
const SHIFTS = [0, 11, 22];
const MASKS = [0x7ff, 0x7ff, 0x3ff];
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = 1 - HI;

/** Order-preserving map of a high word: flip every bit of a negative number, only the sign of a positive one. */
function keyOf(w: number): number {
  return w >>> 31 === 1 ? ~w >>> 0 : (w | 0x80000000) >>> 0;
}

/**
 * Sorts finite doubles ascending in place and returns the same array (NaN positions are unspecified).
 *
 * @example
 * sortFloat64(Float64Array.of(3, -1, 2)); // Float64Array [-1, 2, 3]
 */
export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN) return values.sort();
  let src: Uint32Array = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const spare = new Float64Array(n);
  let dst: Uint32Array = new Uint32Array(spare.buffer);
  const counts = new Uint32Array(3 * BUCKETS);
  for (let i = 0; i < n; i++) {
    const h = keyOf(src[2 * i + HI]!);
    counts[h & 0x7ff]!++;
    counts[BUCKETS + ((h >>> 11) & 0x7ff)]!++;
    counts[2 * BUCKETS + (h >>> 22)]!++;
  }
  const first = keyOf(src[HI]!);
  let inValues = true;
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * BUCKETS;
    const shift = SHIFTS[pass]!;
    const mask = MASKS[pass]!;
    // A digit shared by all keys leaves the order as it is.
    if (counts[base + ((first >>> shift) & mask)] === n) continue;
    let offset = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[base + d]!;
      counts[base + d] = offset;
      offset += c;
    }
    for (let i = 0; i < n; i++) {
      const hi = src[2 * i + HI]!;
      const lo = src[2 * i + LO]!;
      const digit = base + ((keyOf(hi) >>> shift) & mask);
      const at = counts[digit]!;
      counts[digit] = at + 1;
      dst[2 * at + HI] = hi;
      dst[2 * at + LO] = lo;
    }
    [src, dst] = [dst, src];
    inValues = !inValues;
  }
  const sorted = inValues ? values : spare;
  for (let start = 0; start < n; ) {
    const hi = src[2 * start + HI]!;
    let end = start + 1;
    while (end < n && src[2 * end + HI] === hi) end++;
    if (end - start > SHORT_RUN) sorted.subarray(start, end).sort();
    else if (end - start > 1) insertionSort(sorted, start, end);
    start = end;
  }
  if (!inValues) values.set(sorted);
  return values;
}

function insertionSort(a: Float64Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= start && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}
