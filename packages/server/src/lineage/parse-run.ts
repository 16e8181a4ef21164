import { SightlineError } from "../errors.js";
import { parseTimestamp } from "../ingest/timestamp.js";
import { isValidName } from "../names.js";
import { type ArtifactRef, artifactKinds, inferArtifactKind, isSameArtifact } from "./artifact.js";
import {
  type ComponentRecord,
  type RunInput,
  type RunRecord,
  type RunStatus,
  runStatuses,
} from "./run-record.js";

const maxText = 1 << 20;
const maxArtifacts = 10_000;
const maxTags = 64;
const idPattern = /^[\x21-\x7e]{1,128}$/;

function invalid(field: string, reason: string): SightlineError {
  return new SightlineError("SL_INVALID_LINEAGE", `${field} ${reason}`, { field });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function optionalText(
  body: Record<string, unknown>,
  field: string,
  max = maxText,
): string | null | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== "string") throw invalid(field, "must be a string");
  if (value.length > max) throw invalid(field, `must be at most ${max} characters`);
  return value;
}

function parseTime(value: unknown, field: string): number {
  if (typeof value !== "string" && typeof value !== "number") {
    throw invalid(field, "must be an ISO-8601 string or epoch milliseconds");
  }
  const ms = parseTimestamp(value);
  if (typeof ms === "string") throw invalid(field, ms);
  return ms;
}

/**
 * Checks a component name: the model-name alphabet (1-128 of A-Z a-z 0-9 . _ -).
 *
 * @example
 * checkComponentName("featuregen", "component"); // "featuregen"
 */
export function checkComponentName(value: unknown, field: string): string {
  if (typeof value !== "string" || !isValidName(value)) {
    throw invalid(field, "must be 1-128 characters from A-Z a-z 0-9 . _ - starting with a letter or digit");
  }
  return value;
}

/**
 * Checks a run id: 1-128 printable ASCII characters without spaces.
 *
 * @example
 * checkRunId("0190a5d2-…", "run"); // the same id
 */
export function checkRunId(value: unknown, field: string): string {
  if (typeof value !== "string" || !idPattern.test(value)) {
    throw invalid(field, "must be 1-128 printable ASCII characters without spaces");
  }
  return value;
}

function parseTags(value: unknown, field: string): Record<string, string> {
  if (!isObject(value)) throw invalid(field, "must be an object of string values");
  const entries = Object.entries(value);
  if (entries.length > maxTags) throw invalid(field, `must have at most ${maxTags} entries`);
  for (const [key, v] of entries) {
    if (typeof v !== "string" || v.length > 1024)
      throw invalid(`${field}.${key}`, "must be a string of at most 1024 characters");
  }
  return value as Record<string, string>;
}

/**
 * Validates one artifact: a name, or `{ name, hash?, kind? }`; the kind is inferred when absent.
 *
 * @example
 * parseArtifact("models:/m/1", "outputs[0]"); // { name: "models:/m/1", hash: null, kind: "model" }
 */
export function parseArtifact(value: unknown, field: string): ArtifactRef {
  const raw = typeof value === "string" ? { name: value } : value;
  if (!isObject(raw)) throw invalid(field, "must be a name or an object { name, hash?, kind? }");
  for (const key of Object.keys(raw)) {
    if (key !== "name" && key !== "hash" && key !== "kind")
      throw invalid(`${field}.${key}`, "is not a known artifact field");
  }
  const name = raw.name;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is rejected
  if (typeof name !== "string" || name.length === 0 || name.length > 2048 || /[\x00-\x1f]/.test(name)) {
    throw invalid(
      typeof value === "string" ? field : `${field}.name`,
      "must be a non-empty name of at most 2048 characters without control characters",
    );
  }
  const hash = raw.hash;
  if (
    hash !== undefined &&
    hash !== null &&
    (typeof hash !== "string" || hash.length === 0 || hash.length > 256)
  ) {
    throw invalid(`${field}.hash`, "must be a non-empty string of at most 256 characters");
  }
  const kind = raw.kind;
  if (kind !== undefined && !(artifactKinds as readonly unknown[]).includes(kind)) {
    throw invalid(`${field}.kind`, `must be one of ${artifactKinds.join(", ")}`);
  }
  return {
    name,
    hash: typeof hash === "string" ? hash : null,
    kind: (kind as ArtifactRef["kind"] | undefined) ?? inferArtifactKind(name),
  };
}

function parseArtifacts(value: unknown, field: string): ArtifactRef[] {
  if (!Array.isArray(value)) throw invalid(field, "must be an array of artifacts");
  if (value.length > maxArtifacts) throw invalid(field, `must have at most ${maxArtifacts} artifacts`);
  const out: ArtifactRef[] = [];
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const artifact = parseArtifact(item, `${field}[${i}]`);
    const key = `${artifact.name}\u0000${artifact.hash ?? ""}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(artifact);
    }
  });
  return out;
}

/**
 * Validates a `POST /api/v1/runs` body; throws SL_INVALID_LINEAGE naming the field and the reason.
 *
 * @example
 * parseRunBody({ component: "clean", start_time: "2024-01-01T00:00:00Z", outputs: ["clean.csv"] });
 */
export function parseRunBody(body: unknown): RunInput {
  if (!isObject(body)) throw invalid("$", "must be a JSON object");
  const known = new Set([
    "id",
    "component",
    "start_time",
    "end_time",
    "status",
    "error",
    "inputs",
    "outputs",
    "code_snapshot",
    "code_hash",
    "git_commit",
    "params",
    "metrics",
    "notes",
    "component_description",
    "owner",
    "tags",
  ]);
  for (const key of Object.keys(body)) if (!known.has(key)) throw invalid(key, "is not a known run field");
  const input: RunInput = {
    id: body.id === undefined ? undefined : checkRunId(body.id, "id"),
    component: checkComponentName(body.component, "component"),
    startMs: parseTime(body.start_time, "start_time"),
  };
  if (body.end_time !== undefined)
    input.endMs = body.end_time === null ? null : parseTime(body.end_time, "end_time");
  if (input.endMs !== undefined && input.endMs !== null && input.endMs < input.startMs) {
    throw invalid("end_time", "must not be before start_time");
  }
  if (body.status !== undefined) {
    if (!(runStatuses as readonly unknown[]).includes(body.status))
      throw invalid("status", `must be one of ${runStatuses.join(", ")}`);
    input.status = body.status as RunStatus;
  }
  const text = (field: string, set: (v: string | null) => void, max?: number) => {
    const v = optionalText(body, field, max);
    if (v !== undefined) set(v);
  };
  text("error", (v) => {
    input.error = v;
  });
  text("code_snapshot", (v) => {
    input.codeSnapshot = v;
  });
  text(
    "code_hash",
    (v) => {
      input.codeHash = v;
    },
    256,
  );
  text(
    "git_commit",
    (v) => {
      input.gitCommit = v;
    },
    256,
  );
  text("notes", (v) => {
    input.notes = v;
  });
  text("component_description", (v) => {
    input.componentDescription = v;
  });
  text(
    "owner",
    (v) => {
      input.owner = v;
    },
    256,
  );
  if (body.inputs !== undefined) input.inputs = parseArtifacts(body.inputs, "inputs");
  if (body.outputs !== undefined) input.outputs = parseArtifacts(body.outputs, "outputs");
  if (body.params !== undefined) {
    if (body.params !== null && !isObject(body.params)) throw invalid("params", "must be an object");
    input.params = body.params as Record<string, unknown> | null;
  }
  if (body.metrics !== undefined) {
    if (body.metrics !== null) {
      if (!isObject(body.metrics)) throw invalid("metrics", "must be an object of numbers");
      for (const [key, v] of Object.entries(body.metrics)) {
        if (typeof v !== "number" || !Number.isFinite(v))
          throw invalid(`metrics.${key}`, "must be a finite number");
      }
    }
    input.metrics = body.metrics as Record<string, number> | null;
  }
  if (body.tags !== undefined) input.tags = parseTags(body.tags, "tags");
  return input;
}

/**
 * Validates a `POST /api/v1/components` body.
 *
 * @example
 * parseComponentBody({ name: "clean", owner: "data-eng" }); // { name: "clean", description: null, owner: "data-eng", tags: {} }
 */
export function parseComponentBody(body: unknown): ComponentRecord {
  if (!isObject(body)) throw invalid("$", "must be a JSON object");
  for (const key of Object.keys(body)) {
    if (!["name", "description", "owner", "tags"].includes(key))
      throw invalid(key, "is not a known component field");
  }
  return {
    name: checkComponentName(body.name, "name"),
    description: optionalText(body, "description") ?? null,
    owner: optionalText(body, "owner", 256) ?? null,
    tags: body.tags === undefined || body.tags === null ? {} : parseTags(body.tags, "tags"),
  };
}

/**
 * The run to store: a new run from `input`, or `existing` updated with the fields `input` carries. A run that
 * ends without a status becomes `success`. Throws SL_INVALID_LINEAGE when an input is also an output (a run
 * cannot depend on itself).
 *
 * @example
 * mergeRun(undefined, parseRunBody({ component: "clean", start_time: 1.7e12 }), "r1").status; // "running"
 */
export function mergeRun(existing: RunRecord | undefined, input: RunInput, id: string): RunRecord {
  const endMs = input.endMs !== undefined ? input.endMs : (existing?.endMs ?? null);
  const keptStatus =
    existing && !(existing.status === "running" && endMs !== null) ? existing.status : undefined;
  const run: RunRecord = {
    id,
    component: input.component,
    startMs: input.startMs,
    endMs,
    status: input.status ?? keptStatus ?? (endMs === null ? "running" : "success"),
    error: input.error !== undefined ? input.error : (existing?.error ?? null),
    inputs: input.inputs ?? existing?.inputs ?? [],
    outputs: input.outputs ?? existing?.outputs ?? [],
    codeSnapshot: input.codeSnapshot !== undefined ? input.codeSnapshot : (existing?.codeSnapshot ?? null),
    codeHash: input.codeHash !== undefined ? input.codeHash : (existing?.codeHash ?? null),
    gitCommit: input.gitCommit !== undefined ? input.gitCommit : (existing?.gitCommit ?? null),
    params: input.params !== undefined ? input.params : (existing?.params ?? null),
    metrics: input.metrics !== undefined ? input.metrics : (existing?.metrics ?? null),
    notes: input.notes !== undefined ? input.notes : (existing?.notes ?? null),
  };
  if (run.endMs !== null && run.endMs < run.startMs)
    throw invalid("end_time", "must not be before start_time");
  run.inputs.forEach((artifact, i) => {
    const j = run.outputs.findIndex((o) => isSameArtifact(artifact, o));
    if (j !== -1) {
      throw invalid(
        `inputs[${i}]`,
        `is also outputs[${j}] (${artifact.name}): a run cannot depend on itself; give both a content hash if it rewrites the artifact`,
      );
    }
  });
  return run;
}
