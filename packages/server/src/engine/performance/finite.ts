/**
 * A metric as JSON answers carry it: null when undefined on the window (NaN or infinite), e.g. ROC AUC of
 * a window with one class.
 *
 * @example
 * finite(Number.NaN); // null
 */
export function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
