import { Worker } from "node:worker_threads";
import { type ErrorCode, SightlineError } from "../errors.js";
import type { ContractRegistry } from "./contract-registry.js";
import { fromPredictionColumns } from "./prediction-columns.js";
import type { ValidatedPredictions } from "./validate-predictions.js";
import type { BodyFormat, ValidationReply, ValidationRequest } from "./validation-message.js";

interface Job {
  resolve: (value: ValidatedPredictions) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

// Compiled, the worker is the .js beside this file. Run from source (Vitest), it is the .ts, loaded through
// tsx's loader registered inside the worker (Node 20 workers ignore `--import` hooks for their entry module).
function startWorker(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./validate-worker.js", import.meta.url));
  const entry = JSON.stringify(new URL("./validate-worker.ts", import.meta.url).href);
  return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${entry}); })`, {
    eval: true,
  });
}

/**
 * Worker threads that parse, validate and contract-check prediction bodies, so the event loop only
 * receives the rows (by column) and appends them. Each worker holds a copy of the contracts, kept current
 * through the registry's listener; messages to a worker arrive in order, so a batch sent after a contract
 * changed is checked against the new one. A worker that dies fails its pending batches (500) and is
 * replaced.
 *
 * @example
 * const pool = new ValidationPool(1, contracts);
 * const { accepted, rejected } = await pool.validate("churn", ndjsonText, "ndjson", Date.now());
 * await pool.close();
 */
export class ValidationPool {
  private readonly slots: Slot[] = [];
  private nextJob = 0;
  private closed = false;

  constructor(
    size: number,
    private readonly contracts: ContractRegistry,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
    contracts.onSet((contract) => {
      for (const slot of this.slots)
        slot.worker.postMessage({ type: "contract", contract } as ValidationRequest);
    });
  }

  get size(): number {
    return this.slots.length;
  }

  private spawn(): Slot {
    const worker = startWorker();
    // Idle workers must not keep a process alive that has nothing else to do (tests, CLI commands).
    worker.unref();
    const slot: Slot = { worker, jobs: new Map() };
    for (const contract of this.contracts.all()) {
      worker.postMessage({ type: "contract", contract } as ValidationRequest);
    }
    worker.on("message", (reply: ValidationReply) => {
      const job = slot.jobs.get(reply.job);
      if (!job) return;
      slot.jobs.delete(reply.job);
      if (slot.jobs.size === 0) worker.unref();
      if ("columns" in reply) job.resolve(fromPredictionColumns(reply.columns));
      else
        job.reject(
          new SightlineError(reply.error.code as ErrorCode, reply.error.message, reply.error.details),
        );
    });
    const fail = (reason: string) => {
      const index = this.slots.indexOf(slot);
      if (index === -1) return;
      for (const job of slot.jobs.values()) {
        job.reject(new SightlineError("SL_INTERNAL", `validation worker failed: ${reason}`));
      }
      slot.jobs.clear();
      if (this.closed) return;
      this.slots[index] = this.spawn();
    };
    worker.on("error", (error) => fail(error.message));
    worker.on("exit", (code) => fail(`exited with code ${code}`));
    return slot;
  }

  /** Validates a body in the least busy worker. */
  validate(model: string, text: string, format: BodyFormat, nowMs: number): Promise<ValidatedPredictions> {
    let slot = this.slots[0];
    for (const s of this.slots) if (slot === undefined || s.jobs.size < slot.jobs.size) slot = s;
    if (slot === undefined || this.closed) {
      return Promise.reject(new SightlineError("SL_INTERNAL", "validation pool is closed"));
    }
    const job = this.nextJob++;
    const { worker, jobs } = slot;
    return new Promise((resolve, reject) => {
      jobs.set(job, { resolve, reject });
      // A worker with work in flight keeps the process alive until it answers.
      worker.ref();
      worker.postMessage({ type: "validate", job, model, text, format, nowMs } as ValidationRequest);
    });
  }

  /** Stops the workers; batches still in flight fail. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
