/** One model as `GET /api/v1/models` lists it. */
export interface ModelSummary {
  model: string;
  predictions: number;
  labels: number;
  versions: string[];
  first_timestamp: string | null;
  last_timestamp: string | null;
}

/** Contract violations by version, field and kind (`GET /api/v1/models/{m}/violations`). */
export interface ViolationCount {
  version: string;
  field: string;
  kind: string;
  count: number;
}
