/**
 * Relative closeness for fixture comparisons: |a - b| <= rel * max(|a|, |b|) + abs.
 * NaN matches NaN and infinities must match exactly, since both are meaningful results.
 */
export function isClose(actual: number, expected: number, rel = 1e-9, abs = 0): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= rel * Math.max(Math.abs(actual), Math.abs(expected)) + abs;
}
