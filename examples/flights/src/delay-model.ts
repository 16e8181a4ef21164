import LogisticRegression from "ml-logistic-regression";
import { Matrix } from "ml-matrix";
import type { Flight, FlightFeatures } from "./flight.js";

/** A trained flight-delay classifier, as stored beside its registry version (plain JSON). */
export interface DelayModel {
  version: string;
  /** Logistic-regression weights over {@link encodeFeatures}' columns (the intercept first). */
  weights: number[];
  /** Smoothed delayed share per airport in the training data (target encoding). */
  originRates: Record<string, number>;
  destinationRates: Record<string, number>;
  priorRate: number;
  /** Mean log-distance of the training data: stands in for a missing distance. */
  meanLogDistance: number;
  /** Scores at or above this are predicted delayed (chosen so the positive rate matches the base rate). */
  threshold: number;
  trainedRows: number;
  /** Column means and standard deviations of the encoded training rows (the intercept has 0 and 1). */
  columnMeans: number[];
  columnSds: number[];
}

const smoothing = 50;

function rates(
  flights: readonly Flight[],
  key: (f: Flight) => string,
  prior: number,
): Record<string, number> {
  const sums = new Map<string, { n: number; delayed: number }>();
  for (const f of flights) {
    const s = sums.get(key(f)) ?? { n: 0, delayed: 0 };
    s.n += 1;
    s.delayed += f.delayed;
    sums.set(key(f), s);
  }
  const out: Record<string, number> = {};
  for (const [k, s] of sums) out[k] = (s.delayed + smoothing * prior) / (s.n + smoothing);
  return out;
}

type Encoding = Pick<DelayModel, "originRates" | "destinationRates" | "priorRate" | "meanLogDistance">;

function standardize(row: number[], means: readonly number[], sds: readonly number[]): number[] {
  return row.map((v, i) => (v - (means[i] ?? 0)) / (sds[i] ?? 1));
}

/**
 * The model's input row: intercept, hour shape (scaled, squared, evening, early), weekday one-hot
 * (Monday-Saturday), log distance and the airports' target-encoded delay rates.
 *
 * @example
 * encodeFeatures({ hour: 18, weekday: 5, distance: 800, origin: "ORD", destination: "LGA" }, model);
 */
export function encodeFeatures(f: FlightFeatures, enc: Encoding): number[] {
  const hour = f.hour ?? 12;
  const h = hour / 24;
  const weekday = [1, 2, 3, 4, 5, 6].map((d) => (f.weekday === d ? 1 : 0));
  const logDistance = f.distance !== null && f.distance > 0 ? Math.log(f.distance) : enc.meanLogDistance;
  const origin = (f.origin !== null ? enc.originRates[f.origin] : undefined) ?? enc.priorRate;
  const destination =
    (f.destination !== null ? enc.destinationRates[f.destination] : undefined) ?? enc.priorRate;
  return [
    1,
    h,
    h * h,
    hour >= 17 ? 1 : 0,
    hour < 7 ? 1 : 0,
    ...weekday,
    logDistance / 7,
    origin * 5,
    destination * 5,
  ];
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Probability that the flight departs more than 15 minutes late: the logistic model's score
 * (sigmoid of the weights times the encoded row, as ml-logistic-regression's `testScores`).
 *
 * @example
 * const p = scoreDelay(model, { hour: 18, weekday: 5, distance: 800, origin: "ORD", destination: "LGA" });
 */
export function scoreDelay(model: DelayModel, f: FlightFeatures): number {
  const x = standardize(encodeFeatures(f, model), model.columnMeans, model.columnSds);
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (model.weights[i] ?? 0) * (x[i] as number);
  return sigmoid(z);
}

/** Options of {@link trainDelayModel}. */
export interface TrainOptions {
  version: string;
  /** Gradient steps of ml-logistic-regression; default 400 (the columns are standardized, so it converges fast). */
  steps?: number;
}

/**
 * Trains the classifier with mljs `ml-logistic-regression` (batch gradient ascent on the log-likelihood)
 * on the given flights; the airports' delay rates are target-encoded from the same rows.
 *
 * @example
 * const model = trainDelayModel(trainFlights, { version: "v2" });
 */
export function trainDelayModel(flights: readonly Flight[], options: TrainOptions): DelayModel {
  if (flights.length === 0) throw new RangeError("trainDelayModel needs at least one flight");
  const priorRate = flights.reduce((s, f) => s + f.delayed, 0) / flights.length;
  const meanLogDistance = flights.reduce((s, f) => s + Math.log(f.distance), 0) / flights.length;
  const enc: Encoding = {
    originRates: rates(flights, (f) => f.origin, priorRate),
    destinationRates: rates(flights, (f) => f.destination, priorRate),
    priorRate,
    meanLogDistance,
  };
  const rows = flights.map((f) => encodeFeatures(f, enc));
  const width = rows[0]?.length ?? 0;
  const columnMeans = Array.from({ length: width }, (_, j) =>
    j === 0 ? 0 : rows.reduce((s, r) => s + (r[j] as number), 0) / rows.length,
  );
  const columnSds = columnMeans.map((mean, j) => {
    if (j === 0) return 1;
    const variance = rows.reduce((s, r) => s + ((r[j] as number) - mean) ** 2, 0) / rows.length;
    return variance > 0 ? Math.sqrt(variance) : 1;
  });
  const x = new Matrix(rows.map((r) => standardize(r, columnMeans, columnSds)));
  const y = Matrix.columnVector(flights.map((f) => f.delayed));
  // The library sums (not averages) the gradient, so the step is scaled by the row count.
  const lr = new LogisticRegression({ numSteps: options.steps ?? 400, learningRate: 1 / flights.length });
  lr.train(x, y);
  // With two classes the library trains one-vs-rest; classifier 0 scores "not class 0", i.e. delayed.
  const classifier = lr.classifiers[0];
  if (classifier === undefined) throw new Error("ml-logistic-regression trained no classifier");
  const weights = classifier.toJSON().weights.to1DArray();
  const model: DelayModel = {
    version: options.version,
    weights,
    ...enc,
    threshold: 0.5,
    trainedRows: flights.length,
    columnMeans,
    columnSds,
  };
  const scores = flights.map((f) => scoreDelay(model, f)).sort((a, b) => a - b);
  model.threshold = scores[Math.min(scores.length - 1, Math.floor((1 - priorRate) * scores.length))] ?? 0.5;
  return model;
}
