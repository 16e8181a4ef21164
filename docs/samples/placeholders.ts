// Prepended to `ts test=sdk prelude=placeholders` samples (docs/docs-samples.test.ts): stand-ins for the
// reader's own logger, metrics, model and pipeline steps. A call that reports a problem writes to stderr,
// and a sample that writes to stderr fails.
export const logger = {
  warn: (fields: unknown, message: string): void => console.error("logger.warn", fields, message),
};
export const metrics = {
  inc: (name: string, count: number, labels: Record<string, string>): void =>
    console.error("metrics.inc", name, count, labels),
};
export interface FlightRequest {
  requestId: string;
  distance: number;
  carrier: string;
  tenant: string;
  predictionId?: string;
}
export const model = {
  score: async (request: FlightRequest) => ({
    label: request.distance > 1000 ? "late" : "on_time",
    probabilities: { late: 0.3, on_time: 0.7 },
  }),
};
export async function cleanFlights(from: string, to: string): Promise<void> {
  if (from === to) throw new Error("cleanFlights: the input and the output are the same file");
}
export async function fit(path: string): Promise<{ auc: number; trees: number }> {
  return { auc: path.length > 0 ? 0.87 : 0, trees: 200 };
}
export const key = "sl_example_key";
