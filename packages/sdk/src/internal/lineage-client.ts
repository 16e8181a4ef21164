import type { RunRecord } from "../run-record.js";
import { SightlineError } from "../sightline-error.js";
import type { ResolvedOptions } from "../sightline-options.js";
import type { Tags } from "../types.js";
import { encodeRun } from "./encode-run.js";
import { readGitCommit } from "./git-commit.js";
import { isPlainObject } from "./json-safe.js";
import { JsonSender } from "./json-sender.js";
import { uuidv7 } from "./uuidv7.js";

/** Component fields as `POST /api/v1/components` takes them. */
export interface ComponentFields {
  name: string;
  description?: string | undefined;
  owner?: string | undefined;
  tags?: Tags | undefined;
}

/**
 * The client's lineage half: checks and posts runs and components through one ordered sender, and
 * reads the git commit once. Never throws; problems go to the client's error report.
 */
export class LineageClient {
  private closed = false;
  private git: { commit: string | undefined } | undefined;

  constructor(
    private readonly sender: JsonSender,
    private readonly report: (error: SightlineError) => void,
    private readonly readCommit: () => string | undefined,
  ) {}

  /** Queues a run and returns its id (the record's, or a new UUIDv7). */
  logRun(record: RunRecord): string {
    let id: string;
    try {
      const given = (record as { id?: unknown } | null)?.id;
      id = typeof given === "string" && given !== "" ? given : uuidv7(Date.now());
    } catch {
      id = uuidv7(Date.now());
    }
    const encoded = encodeRun(record, id);
    if (!encoded.ok) {
      this.report(new SightlineError("SL_SDK_INVALID_OPTION", `run ${id} not recorded: ${encoded.problem}`));
    } else if (this.closed) {
      this.report(
        new SightlineError("SL_SDK_INVALID_OPTION", `run ${id} not recorded: the client is closed`),
      );
    } else {
      this.sender.send("/api/v1/runs", encoded.body, `run ${id}`, "runs");
    }
    return id;
  }

  /** Queues the registration of a component (checked by the caller). */
  registerComponent(fields: ComponentFields): void {
    if (this.closed) return;
    this.sender.send("/api/v1/components", JSON.stringify(fields), `component ${fields.name}`, "components");
  }

  /** The git commit of the working directory, read once per client. */
  gitCommit(): string | undefined {
    if (this.git === undefined) {
      let commit: string | undefined;
      try {
        commit = this.readCommit();
      } catch {
        commit = undefined;
      }
      this.git = { commit };
    }
    return this.git.commit;
  }

  flush(): Promise<void> {
    return this.sender.flush();
  }

  /** Later runs are reported and not sent; those queued before are still delivered by flush(). */
  close(): void {
    this.closed = true;
  }
}

/** The lineage half of a client: JSON posts with the client's URL, key, timeouts and retries. */
export function createLineageClient(
  options: ResolvedOptions,
  headers: Readonly<Record<string, string>>,
  report: (error: SightlineError) => void,
): LineageClient {
  const sender = new JsonSender({
    baseUrl: options.url,
    headers: { ...headers, "content-type": "application/json" },
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
    maxRetries: options.maxRetries,
    retryBaseMs: options.retryBaseMs,
    capacity: 1000,
    report,
  });
  return new LineageClient(sender, report, () => readGitCommit(process.cwd()));
}

function invalid(message: string): SightlineError {
  return new SightlineError("SL_SDK_INVALID_OPTION", message);
}

/** Checks `sl.component()` arguments; throws a SightlineError naming the bad one. */
export function checkComponent(name: unknown, options: unknown): ComponentFields {
  if (typeof name !== "string" || name === "")
    throw invalid("a component name (non-empty string) is required");
  if (typeof options !== "object" || options === null)
    throw invalid(`component "${name}": options must be an object`);
  const o = options as Record<string, unknown>;
  const fields: ComponentFields = { name };
  for (const key of ["description", "owner"] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== "string") throw invalid(`component "${name}": ${key} must be a string`);
    fields[key] = v;
  }
  if (o.tags !== undefined) {
    const tags = o.tags as Record<string, unknown>;
    if (!isPlainObject(tags) || !Object.values(tags).every((t) => typeof t === "string")) {
      throw invalid(`component "${name}": tags must be an object of strings`);
    }
    fields.tags = { ...(tags as Tags) };
  }
  return fields;
}
