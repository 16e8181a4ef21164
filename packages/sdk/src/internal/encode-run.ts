import type { Artifact, RunRecord } from "../run-record.js";
import { INVALID, isPlainObject, wireJson } from "./json-safe.js";
import { wireTimestamp } from "./wire-timestamp.js";

const KINDS = new Set(["data", "model", "endpoint", "other"]);
const STATUSES = new Set(["running", "success", "failed"]);

/** A run as the `POST /api/v1/runs` body, or the reason it cannot be sent. */
export type EncodedRun = { ok: true; body: string } | { ok: false; problem: string };

function nonEmpty(x: unknown): x is string {
  return typeof x === "string" && x !== "";
}

function wireArtifacts(list: unknown, field: string): unknown[] | string {
  if (!Array.isArray(list)) return `${field} must be an array of artifacts`;
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i++) {
    const a = list[i] as Artifact | undefined;
    if (nonEmpty(a)) {
      out.push(a);
      continue;
    }
    if (!isPlainObject(a) || !nonEmpty(a.name)) {
      return `${field}[${i}] must be a non-empty string or { name, hash?, kind? }`;
    }
    const artifact: Record<string, string> = { name: a.name };
    if (a.hash !== undefined) {
      if (!nonEmpty(a.hash)) return `${field}[${i}].hash must be a non-empty string`;
      artifact.hash = a.hash;
    }
    if (a.kind !== undefined) {
      if (typeof a.kind !== "string" || !KINDS.has(a.kind)) {
        return `${field}[${i}].kind must be one of data, model, endpoint, other`;
      }
      artifact.kind = a.kind;
    }
    out.push(artifact);
  }
  return out;
}

function badTime(field: string): EncodedRun {
  return { ok: false, problem: `run ${field} must be epoch milliseconds, an ISO-8601 string or a Date` };
}

function errorText(error: unknown): string | undefined {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === "string" ? error : undefined;
}

/**
 * Checks a `RunRecord` and turns it into the JSON body of `POST /api/v1/runs` (snake_case fields);
 * never throws. `id` is the run id to use when the record has none.
 */
export function encodeRun(record: unknown, id: string): EncodedRun {
  try {
    if (!isPlainObject(record)) return { ok: false, problem: "a run record must be an object" };
    const r = record as Partial<Record<keyof RunRecord, unknown>>;
    if (!nonEmpty(r.component)) return { ok: false, problem: "run component must be a non-empty string" };
    if (r.id !== undefined && !nonEmpty(r.id))
      return { ok: false, problem: "run id must be a non-empty string" };
    const out: Record<string, unknown> = { id: r.id ?? id, component: r.component };
    const start = wireTimestamp(r.startTime);
    if (start === INVALID) return badTime("startTime");
    out.start_time = start;
    if (r.endTime !== undefined) {
      const end = wireTimestamp(r.endTime);
      if (end === INVALID) return badTime("endTime");
      out.end_time = end;
    }
    if (r.status !== undefined) {
      if (typeof r.status !== "string" || !STATUSES.has(r.status)) {
        return { ok: false, problem: "run status must be running, success or failed" };
      }
      out.status = r.status;
    }
    if (r.error !== undefined) {
      const text = errorText(r.error);
      if (text === undefined) return { ok: false, problem: "run error must be a string or an Error" };
      out.error = text;
    }
    for (const field of ["inputs", "outputs"] as const) {
      if (r[field] === undefined) continue;
      const list = wireArtifacts(r[field], field);
      if (typeof list === "string") return { ok: false, problem: list };
      out[field] = list;
    }
    const strings = [
      ["codeSnapshot", "code_snapshot"],
      ["codeHash", "code_hash"],
      ["gitCommit", "git_commit"],
      ["notes", "notes"],
      ["componentDescription", "component_description"],
      ["owner", "owner"],
    ] as const;
    for (const [field, wire] of strings) {
      const v = r[field];
      if (v === undefined) continue;
      if (typeof v !== "string") return { ok: false, problem: `run ${field} must be a string` };
      out[wire] = v;
    }
    if (r.params !== undefined) {
      const params = isPlainObject(r.params) ? wireJson(r.params) : INVALID;
      if (params === INVALID) return { ok: false, problem: "run params must be an object of JSON values" };
      out.params = params;
    }
    if (r.metrics !== undefined) {
      const m = r.metrics;
      if (!isPlainObject(m) || !Object.values(m).every((v) => typeof v === "number" && Number.isFinite(v))) {
        return { ok: false, problem: "run metrics must be an object of finite numbers" };
      }
      out.metrics = m;
    }
    if (r.tags !== undefined) {
      if (!isPlainObject(r.tags) || !Object.values(r.tags).every((v) => typeof v === "string")) {
        return { ok: false, problem: "run tags must be an object of strings" };
      }
      out.tags = r.tags;
    }
    return { ok: true, body: JSON.stringify(out) };
  } catch {
    return { ok: false, problem: "the run record could not be read" };
  }
}
