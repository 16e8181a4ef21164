import type { FastifyPluginAsync } from "fastify";
import type { Segment } from "../../engine/check.js";
import { parseTask } from "../../engine/performance/detect-task.js";
import type { PerformanceQuery } from "../../engine/performance/performance-service.js";
import { parseDuration } from "../../engine/window.js";
import { SightlineError } from "../../errors.js";
import { parseTimestamp } from "../../ingest/timestamp.js";
import { checkModelName, checkVersionName } from "../../names.js";
import type { AppServices } from "../app.js";

type PerformanceParams = Partial<Record<"from" | "to" | "window" | "version" | "segment" | "task", string>>;

const known = new Set(["from", "to", "window", "version", "segment", "task"]);

function invalid(field: string, reason: string): SightlineError {
  return new SightlineError("SL_INVALID_QUERY", `${field} ${reason}`, { field });
}

function time(field: string, text: string): number {
  const parsed = parseTimestamp(/^-?\d+$/.test(text) ? Number(text) : text);
  if (typeof parsed === "string") throw invalid(field, `${parsed}; got '${text.slice(0, 100)}'`);
  return parsed;
}

/**
 * Parses `segment=tag:value` (the first colon splits; the value may hold more).
 *
 * @example
 * parseSegment("region:eu"); // { tag: "region", value: "eu" }
 */
export function parseSegment(text: string): Segment {
  const colon = text.indexOf(":");
  if (colon <= 0 || colon === text.length - 1 || text.length > 1024) {
    throw invalid("segment", `must be tag:value with a non-empty tag and value; got '${text.slice(0, 100)}'`);
  }
  return { tag: text.slice(0, colon), value: text.slice(colon + 1) };
}

/** Validates the query string of `GET /models/{m}/performance`; each bad parameter is a 400 naming it. */
export function parsePerformanceQuery(model: string, query: unknown): PerformanceQuery {
  const params = (query ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(params)) {
    if (!known.has(key))
      throw invalid(key, `is not a parameter of this endpoint (use ${[...known].join(", ")})`);
    if (typeof value !== "string") throw invalid(key, "must be given once");
  }
  const p = params as PerformanceParams;
  const out: PerformanceQuery = { model };
  if (p.from !== undefined) out.fromMs = time("from", p.from);
  if (p.to !== undefined) out.toMs = time("to", p.to);
  if (out.fromMs !== undefined && out.toMs !== undefined && !(out.toMs > out.fromMs)) {
    throw invalid("to", "must be after from");
  }
  if (p.window !== undefined) out.windowMs = parseDuration(p.window, "window");
  if (p.version !== undefined) out.version = checkVersionName(p.version);
  if (p.segment !== undefined) out.segment = parseSegment(p.segment);
  if (p.task !== undefined) out.task = parseTask(p.task);
  return out;
}

/** `GET /api/v1/models/{model}/performance`: performance per window and cumulative, label coverage, CBPE. */
export function performanceRoutes(services: AppServices): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { model: string } }>(
      "/api/v1/models/:model/performance",
      { config: { role: "read" } },
      async (request) => {
        const model = checkModelName(request.params.model);
        return services.performance.report(parsePerformanceQuery(model, request.query));
      },
    );
  };
}
