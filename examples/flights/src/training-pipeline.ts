import { modelArtifact, type Sightline } from "@sightline/sdk";
import { type DelayModel, scoreDelay, trainDelayModel } from "./delay-model.js";
import { evaluateModel } from "./evaluate-model.js";
import type { Flight } from "./flight.js";
import type { FlightData } from "./flight-data.js";
import { ApiError, type SightlineApi } from "./sightline-api.js";

export const MODEL = "flight-delay";
export const RAW_ARTIFACT = "vega-datasets/data/flights-3m.parquet";

/** One training of the model: which data, when (event time) and under which version. */
export interface TrainingSpec {
  version: string;
  /** Event time the pipeline starts; each step follows the previous one. */
  atMs: number;
  trainFromMs: number;
  trainToMs: number;
  testFromMs: number;
  testToMs: number;
  trainRows: number;
  /** Reference rows uploaded with the version (a sample of `[referenceFromMs, testToMs)`). */
  referenceFromMs: number;
  referenceRows: number;
}

/** What a pipeline run produced. */
export interface TrainedVersion {
  model: DelayModel;
  trainRunId: string;
  metrics: Record<string, number>;
}

function csvCell(v: string | number): string {
  return typeof v === "number" ? String(v) : `"${v.replaceAll('"', '""')}"`;
}

function referenceCsv(model: DelayModel, flights: readonly Flight[]): string {
  // `timestamp` (a reserved column, not a feature) lets the engine cut the reference into daily chunks.
  const lines = ["timestamp,hour,weekday,distance,origin,destination,prediction,label"];
  for (const f of flights) {
    const score = scoreDelay(model, f);
    const row = [
      new Date(f.timestampMs).toISOString(),
      f.hour,
      f.weekday,
      f.distance,
      f.origin,
      f.destination,
    ];
    lines.push([...row, score >= model.threshold ? 1 : 0, f.delayed].map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * clean → featuregen → split → train → evaluate → register (with metrics, training run and reference data),
 * each step a lineage run whose inputs are the previous step's outputs, so lineage resolves itself.
 * Re-running is safe: run ids are fixed per version and an already registered version is reused.
 *
 * @example
 * const v2 = await runTrainingPipeline(sl, api, data, spec);
 */
export async function runTrainingPipeline(
  sl: Sightline,
  api: SightlineApi,
  data: FlightData,
  spec: TrainingSpec,
  step: <T>(
    id: string,
    component: string,
    offsetMin: number,
    io: { inputs: string[]; outputs: string[]; params?: Record<string, string | number> },
    body: () => Promise<{ value: T; metrics?: Record<string, number> }>,
  ) => Promise<T>,
): Promise<TrainedVersion> {
  const v = spec.version;
  const trainSet = `flights.train.${v}`;
  const testSet = `flights.test.${v}`;
  const artifact = modelArtifact(MODEL, v);
  await step(
    `flights-clean-${v}`,
    "clean",
    0,
    { inputs: [RAW_ARTIFACT], outputs: ["flights.clean"] },
    async () => {
      const counts = await data.clean();
      return { value: counts, metrics: { raw_rows: counts.raw, clean_rows: counts.clean } };
    },
  );
  await step(
    `flights-featuregen-${v}`,
    "featuregen",
    10,
    { inputs: ["flights.clean"], outputs: ["flights.features"] },
    async () => {
      const rows = await data.featuregen();
      return { value: rows, metrics: { rows } };
    },
  );
  const split = await step(
    `flights-split-${v}`,
    "split",
    20,
    {
      inputs: ["flights.features"],
      outputs: [trainSet, testSet],
      params: {
        train_from: new Date(spec.trainFromMs).toISOString(),
        train_to: new Date(spec.trainToMs).toISOString(),
        train_rows: spec.trainRows,
      },
    },
    async () => {
      const train = await data.sample(spec.trainFromMs, spec.trainToMs, spec.trainRows);
      const test = await data.sample(spec.testFromMs, spec.testToMs, Math.round(spec.trainRows / 2));
      return { value: { train, test }, metrics: { train_rows: train.length, test_rows: test.length } };
    },
  );
  const trainRunId = `flights-train-${v}`;
  const model = await step(
    trainRunId,
    "train",
    30,
    { inputs: [trainSet], outputs: [artifact], params: { learner: "ml-logistic-regression", steps: 400 } },
    async () => {
      const trained = trainDelayModel(split.train, { version: v });
      return { value: trained, metrics: { train_rows: trained.trainedRows, threshold: trained.threshold } };
    },
  );
  const metrics = await step(
    `flights-evaluate-${v}`,
    "evaluate",
    40,
    { inputs: [artifact, testSet], outputs: [`flights.metrics.${v}`] },
    async () => {
      const m = evaluateModel(model, split.test);
      const values = {
        accuracy: m.accuracy,
        precision: m.precision,
        recall: m.recall,
        f1: m.f1,
        roc_auc: m.roc_auc,
      };
      return { value: values, metrics: values };
    },
  );
  await sl.flush();
  try {
    await api.request("POST", `/api/v1/models/${MODEL}/versions`, {
      version: v,
      run_id: trainRunId,
      metrics,
      description: `logistic regression on ${split.train.length} flights of ${new Date(spec.trainFromMs).toISOString().slice(0, 10)} - ${new Date(spec.trainToMs - 1).toISOString().slice(0, 10)}`,
    });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
  }
  const reference = await data.sample(spec.referenceFromMs, spec.testToMs, spec.referenceRows);
  await api.request(
    "POST",
    `/api/v1/models/${MODEL}/versions/${v}/reference`,
    referenceCsv(model, reference),
    "text/csv",
  );
  return { model, trainRunId, metrics };
}

/** Moves `production` to `version` unless it already holds this or a later version (re-runs keep v2 live). */
export async function promote(api: SightlineApi, version: string): Promise<void> {
  const listing = await api.get<{ aliases?: Record<string, string> }>(`/api/v1/models/${MODEL}`);
  const current = listing.aliases?.production;
  if (current !== undefined && current.localeCompare(version) >= 0) return;
  await api.request("PUT", `/api/v1/models/${MODEL}/aliases/production`, { version });
}
