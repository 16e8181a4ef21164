/** What an artifact points at. */
export const artifactKinds = ["data", "model", "endpoint", "other"] as const;
export type ArtifactKind = (typeof artifactKinds)[number];

/** One artifact a run read or wrote: a name or URI, an optional content hash and its kind. */
export interface ArtifactRef {
  name: string;
  hash: string | null;
  kind: ArtifactKind;
}

const modelPrefix = "models:/";
const dataSchemes = /^(s3|s3a|gs|gcs|az|abfs|abfss|wasbs|hdfs|file|dbfs|adl):\/\//i;
const modelExtensions = /\.(pkl|pickle|joblib|pt|pth|onnx|h5|keras|ckpt|safetensors|pb|mlmodel|cbm|bst)$/i;
const dataExtensions =
  /\.(csv|tsv|parquet|pq|json|jsonl|ndjson|avro|orc|feather|arrow|xlsx?|txt|npy|npz|db|sqlite|tfrecords?|zip|gz)$/i;
// A table name: identifiers joined by dots, e.g. `warehouse.flights` or `db.schema.table`.
const tableName = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)+$/;

/**
 * Infers an artifact's kind from its name, as mltrace maps file extensions to pointer types: `models:/…`
 * (MLflow style) and model files are models, `http(s)://` is an endpoint, object-store URIs, paths, data files
 * and dotted table names are data; anything else is other.
 *
 * @example
 * inferArtifactKind("models:/flight-delay/3"); // "model"
 * inferArtifactKind("s3://bucket/clean/2024-01-01.parquet"); // "data"
 */
export function inferArtifactKind(name: string): ArtifactKind {
  if (name.startsWith(modelPrefix)) return "model";
  if (/^https?:\/\//i.test(name)) return "endpoint";
  if (modelExtensions.test(name)) return "model";
  if (dataSchemes.test(name) || dataExtensions.test(name) || tableName.test(name)) return "data";
  if (name.includes("/")) return "data";
  return "other";
}

/**
 * The artifact name of a model version, as MLflow names registered versions.
 *
 * @example
 * modelVersionArtifact("flight-delay", "3"); // "models:/flight-delay/3"
 */
export function modelVersionArtifact(model: string, version: string): string {
  return `${modelPrefix}${model}/${version}`;
}

/**
 * The model and version an artifact name points at, or undefined when it is not `models:/<model>/<version>`.
 *
 * @example
 * parseModelVersionArtifact("models:/flight-delay/3"); // { model: "flight-delay", version: "3" }
 */
export function parseModelVersionArtifact(name: string): { model: string; version: string } | undefined {
  if (!name.startsWith(modelPrefix)) return undefined;
  const rest = name.slice(modelPrefix.length);
  const slash = rest.indexOf("/");
  if (slash <= 0 || slash === rest.length - 1 || rest.indexOf("/", slash + 1) !== -1) return undefined;
  return { model: rest.slice(0, slash), version: rest.slice(slash + 1) };
}

/**
 * True when reading `input` and writing `output` in one run would make the run depend on itself: same name
 * and no content hash telling them apart.
 *
 * @example
 * isSameArtifact({ name: "a.csv", hash: null, kind: "data" }, { name: "a.csv", hash: "x", kind: "data" }); // true
 */
export function isSameArtifact(input: ArtifactRef, output: ArtifactRef): boolean {
  if (input.name !== output.name) return false;
  return input.hash === null || output.hash === null || input.hash === output.hash;
}
