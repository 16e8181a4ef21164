import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { type ChunkOptions, chunkReference } from "../thresholds/chunk-reference.js";

/** Options of {@link fitPcaDrift}. */
export interface PcaDriftOptions {
  /** Share of the standardised variance the kept components must explain; default 0.65, as NannyML. */
  varianceShare?: number;
  /** How to chunk the reference for the threshold; default 10 equal count chunks (NannyML's default count). */
  chunks?: ChunkOptions;
  /** Threshold band half-width in sd of the reference chunks' errors; default 3, as NannyML. */
  k?: number;
}

/** A PCA fitted on a reference, with the band of reconstruction errors its chunks produced. */
export interface PcaDriftModel {
  n_features: number;
  /** Reference column means, used both to impute missing values and to standardise. */
  means: number[];
  /** Reference column sds (population, after imputation; 1 for a constant column, as scikit-learn). */
  sds: number[];
  /** Mean of the standardised reference (zero up to rounding), the PCA centre. */
  centre: number[];
  /** Kept principal axes, one row each, unit length (their sign is arbitrary). */
  components: number[][];
  /** Variance along every principal axis (n - 1 denominator), largest first: all features, not only the kept. */
  explained_variance: number[];
  explained_variance_ratio: number[];
  n_components: number;
  /** Reconstruction error of each reference chunk. */
  reference_errors: number[];
  /** Alarm when a window's error is outside [lower, upper] = mean ± k·sd of the reference errors (sample sd). */
  threshold: { lower: number; upper: number; mean: number; sd: number; k: number };
}

/** Reconstruction error of one window and whether it is outside the reference band. */
export interface PcaDriftResult {
  /** Mean Euclidean distance between the standardised rows and their reconstruction. */
  error: number;
  drift: boolean;
  n_rows: number;
  /** Values that were missing (non-finite) and imputed with the reference mean. */
  imputed: number;
}

type Rows = ArrayLike<ArrayLike<number>>;

function columnMeans(rows: Rows, p: number): number[] {
  const sums = new Array<number>(p).fill(0);
  const counts = new Array<number>(p).fill(0);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as ArrayLike<number>;
    if (row.length !== p) throw new RangeError(`row ${i} has ${row.length} values, expected ${p}`);
    for (let j = 0; j < p; j++) {
      const v = row[j] as number;
      if (Number.isFinite(v)) {
        sums[j] = (sums[j] as number) + v;
        counts[j] = (counts[j] as number) + 1;
      }
    }
  }
  return sums.map((s, j) => {
    if (counts[j] === 0) throw new RangeError(`column ${j} has no finite value in the reference`);
    return s / (counts[j] as number);
  });
}

// Imputes missing values with the reference means, then standardises; returns the matrix and the
// number of imputed values.
function standardise(rows: Rows, means: number[], sds: number[]): { z: Float64Array[]; imputed: number } {
  const p = means.length;
  let imputed = 0;
  const z = Array.from({ length: rows.length }, (_, i) => {
    const row = rows[i] as ArrayLike<number>;
    if (row.length !== p) throw new RangeError(`row ${i} has ${row.length} values, expected ${p}`);
    const out = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let v = row[j] as number;
      if (!Number.isFinite(v)) {
        v = means[j] as number;
        imputed++;
      }
      out[j] = (v - (means[j] as number)) / (sds[j] as number);
    }
    return out;
  });
  return { z, imputed };
}

function errorOf(z: Float64Array[], model: Pick<PcaDriftModel, "centre" | "components">): number {
  const { centre, components } = model;
  const p = centre.length;
  const centred = new Float64Array(p);
  const reconstruction = new Float64Array(p);
  let total = 0;
  for (const row of z) {
    for (let j = 0; j < p; j++) centred[j] = (row[j] as number) - (centre[j] as number);
    reconstruction.fill(0);
    for (const axis of components) {
      let score = 0;
      for (let j = 0; j < p; j++) score += (centred[j] as number) * (axis[j] as number);
      for (let j = 0; j < p; j++)
        reconstruction[j] = (reconstruction[j] as number) + score * (axis[j] as number);
    }
    let squared = 0;
    for (let j = 0; j < p; j++) squared += ((centred[j] as number) - (reconstruction[j] as number)) ** 2;
    total += Math.sqrt(squared);
  }
  return total / z.length;
}

/**
 * Data reconstruction drift, as NannyML's DataReconstructionDriftCalculator: missing values are
 * imputed with the reference column means, columns are standardised with the reference mean and
 * (population) sd, and a PCA is fitted on the standardised reference, keeping the fewest components
 * whose cumulative explained variance exceeds `varianceShare` (scikit-learn's rule for a fractional
 * n_components). A window's reconstruction error is the mean Euclidean distance between its
 * standardised rows and their projection back from the kept components; a multivariate change (for
 * instance a broken correlation that no single feature shows) raises it. The threshold is the
 * reference chunks' error mean ± k·sd. The PCA is the eigendecomposition of the p × p covariance
 * (ml-matrix), so memory is O(p²) beyond the input. Numeric columns only: encode or leave out
 * categorical columns (out of scope here).
 *
 * @example
 * const model = fitPcaDrift(referenceRows, { varianceShare: 0.65 });
 * pcaReconstructionError(model, windowRows); // { error, drift, n_rows, imputed }
 */
export function fitPcaDrift(reference: Rows, options: PcaDriftOptions = {}): PcaDriftModel {
  const n = reference.length;
  if (n < 2) throw new RangeError("the reference needs at least 2 rows");
  const p = (reference[0] as ArrayLike<number>).length;
  if (p < 1) throw new RangeError("rows need at least one column");
  const share = options.varianceShare ?? 0.65;
  if (!(share > 0 && share <= 1)) throw new RangeError(`varianceShare must be in (0, 1], got ${share}`);
  const k = options.k ?? 3;

  const means = columnMeans(reference, p);
  const unit = new Array<number>(p).fill(1);
  const centredRows = standardise(reference, means, unit).z;
  const sds = means.map((_, j) => {
    let s = 0;
    for (const row of centredRows) s += (row[j] as number) ** 2;
    const sd = Math.sqrt(s / n);
    return sd > 0 ? sd : 1;
  });
  const z = centredRows.map((row) => row.map((v, j) => v / (sds[j] as number)));
  const centre = means.map((_, j) => z.reduce((s, row) => s + (row[j] as number), 0) / n);

  const covariance = Matrix.zeros(p, p);
  for (const row of z) {
    for (let a = 0; a < p; a++) {
      const da = (row[a] as number) - (centre[a] as number);
      for (let b = a; b < p; b++)
        covariance.set(a, b, covariance.get(a, b) + da * ((row[b] as number) - (centre[b] as number)));
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const v = covariance.get(a, b) / (n - 1);
      covariance.set(a, b, v);
      covariance.set(b, a, v);
    }
  }
  const eigen = new EigenvalueDecomposition(covariance, { assumeSymmetric: true });
  const order = eigen.realEigenvalues.map((value, index) => ({ value: Math.max(0, value), index }));
  order.sort((x, y) => y.value - x.value);
  const totalVariance = order.reduce((s, e) => s + e.value, 0);
  const explained = order.map((e) => e.value);
  const ratio = explained.map((v) => (totalVariance > 0 ? v / totalVariance : 0));
  let cumulative = 0;
  let nComponents = 0;
  while (nComponents < p && cumulative <= share) cumulative += ratio[nComponents++] as number;
  const components = order.slice(0, nComponents).map((e) => eigen.eigenvectorMatrix.getColumn(e.index));

  const fitted = { centre, components };
  const chunks = chunkReference(n, options.chunks ?? { by: "count", chunkSize: Math.floor(n / 10) || 1 });
  const errors = chunks.map((chunk) =>
    errorOf(
      Array.from(chunk.indices, (i) => z[i] as Float64Array),
      fitted,
    ),
  );
  if (errors.length < 2)
    throw new RangeError(`need at least 2 reference chunks for the threshold, got ${errors.length}`);
  const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
  const sd = Math.sqrt(errors.reduce((s, e) => s + (e - mean) ** 2, 0) / (errors.length - 1));
  return {
    n_features: p,
    means,
    sds,
    centre,
    components,
    explained_variance: explained,
    explained_variance_ratio: ratio,
    n_components: nComponents,
    reference_errors: errors,
    threshold: { lower: mean - k * sd, upper: mean + k * sd, mean, sd, k },
  };
}

/**
 * Reconstruction error of a window of rows under a fitted {@link fitPcaDrift} model, and whether it
 * is outside the reference band. Missing (non-finite) values are imputed with the reference mean.
 *
 * @example
 * const { error, drift } = pcaReconstructionError(model, windowRows);
 */
export function pcaReconstructionError(model: PcaDriftModel, rows: Rows): PcaDriftResult {
  if (rows.length === 0) throw new RangeError("the window has no rows");
  const { z, imputed } = standardise(rows, model.means, model.sds);
  const error = errorOf(z, model);
  return {
    error,
    drift: error > model.threshold.upper || error < model.threshold.lower,
    n_rows: rows.length,
    imputed,
  };
}
