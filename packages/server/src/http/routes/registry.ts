import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { Window } from "../../engine/window.js";
import { SightlineError } from "../../errors.js";
import { parseTimestamp } from "../../ingest/timestamp.js";
import { checkModelName, checkVersionName } from "../../names.js";
import { checkAliasName } from "../../registry/alias-name.js";
import { DEFAULT_COMPARISON_OPTIONS } from "../../registry/compare-versions.js";
import {
  parseJsonObject,
  parseModelUpdate,
  parsePromotion,
  parseRegistration,
} from "../../registry/parse-registry-body.js";
import type { AppServices } from "../app.js";

type Query = Record<string, string | undefined>;
const dayMs = 86_400_000;

function timeParam(query: Query, field: string, fallback: number): number {
  const text = query[field];
  if (text === undefined || text === "") return fallback;
  const parsed = parseTimestamp(/^-?\d+$/.test(text) ? Number(text) : text);
  if (typeof parsed === "string") {
    throw new SightlineError("SL_INVALID_QUERY", `${field} ${parsed}`, { field });
  }
  return parsed;
}

/** `from`/`to` query parameters (ISO-8601 or epoch ms); default: the 7 days before `nowMs`. */
function windowParam(query: Query, nowMs: number): Window {
  const toMs = timeParam(query, "to", nowMs);
  const fromMs = timeParam(query, "from", toMs - 7 * dayMs);
  if (!(toMs > fromMs)) {
    throw new SightlineError("SL_INVALID_QUERY", "from must be before to", { field: "from" });
  }
  return { fromMs, toMs };
}

function intParam(query: Query, field: string, fallback: number, min: number, max: number): number {
  const text = query[field];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new SightlineError(
      "SL_INVALID_QUERY",
      `${field} must be an integer from ${min} to ${max}; got '${text}'`,
      {
        field,
      },
    );
  }
  return value;
}

const actorOf = (request: FastifyRequest) => request.apiKeyName ?? "local";

/**
 * The model registry API: register versions, read models and versions, move aliases (promote and
 * rollback, audited), serving checks and canary/shadow comparison. Writes need the admin role.
 */
export function registryRoutes(services: AppServices): FastifyPluginAsync {
  const registry = services.registry;
  const now = () => Date.now();
  return async (app) => {
    const read = { config: { role: "read" } };
    const admin = { config: { role: "admin" } };
    type ModelParams = { Params: { model: string }; Querystring: Query };

    app.get<ModelParams>("/api/v1/models/:model", read, async (request) =>
      registry.getModel(checkModelName(request.params.model)),
    );
    app.put<ModelParams>("/api/v1/models/:model", admin, async (request) => {
      const model = checkModelName(request.params.model);
      const update = parseModelUpdate(model, parseJsonObject(request.body));
      return registry.updateModel(update, actorOf(request), now());
    });
    app.get<ModelParams>("/api/v1/models/:model/versions", read, async (request) => {
      const model = checkModelName(request.params.model);
      return { model, versions: await registry.listVersions(model) };
    });
    app.post<ModelParams>("/api/v1/models/:model/versions", admin, async (request, reply) => {
      const model = checkModelName(request.params.model);
      const registration = parseRegistration(model, parseJsonObject(request.body));
      const version = await registry.registerVersion(registration, actorOf(request), now());
      return reply.status(201).send(version);
    });
    app.get<{ Params: { model: string; version: string } }>(
      "/api/v1/models/:model/versions/:version",
      read,
      async (request) =>
        registry.getVersion(checkModelName(request.params.model), checkVersionName(request.params.version)),
    );
    app.put<{ Params: { model: string; alias: string } }>(
      "/api/v1/models/:model/aliases/:alias",
      admin,
      async (request) => {
        const model = checkModelName(request.params.model);
        const alias = checkAliasName(request.params.alias);
        const version = parsePromotion(parseJsonObject(request.body));
        return registry.promote(model, alias, version, actorOf(request), now());
      },
    );
    app.post<{ Params: { model: string; alias: string } }>(
      "/api/v1/models/:model/aliases/:alias/rollback",
      admin,
      async (request) => {
        const model = checkModelName(request.params.model);
        const alias = checkAliasName(request.params.alias);
        return registry.rollback(model, alias, actorOf(request), now());
      },
    );
    app.get<ModelParams>("/api/v1/models/:model/audit", read, async (request) => {
      const model = checkModelName(request.params.model);
      const limit = intParam(request.query, "limit", 100, 1, 10_000);
      return { model, audit: await registry.audit(model, limit) };
    });
    app.get<ModelParams>("/api/v1/models/:model/serving", read, async (request) => {
      const model = checkModelName(request.params.model);
      const window = windowParam(request.query, now());
      // Event time: the window's end is "now" for staleness, so a replayed window gives the same answer.
      return { model, checks: await registry.serving(model, window, window.toMs) };
    });
    app.get<ModelParams>("/api/v1/models/:model/compare", read, async (request) => {
      const model = checkModelName(request.params.model);
      const q = request.query;
      for (const field of ["baseline", "candidate"] as const) {
        if (!q[field])
          throw new SightlineError("SL_INVALID_QUERY", `${field} is required (a version name)`, { field });
      }
      const baseline = checkVersionName(q.baseline as string);
      const candidate = checkVersionName(q.candidate as string);
      if (baseline === candidate) {
        throw new SightlineError("SL_INVALID_QUERY", "candidate must differ from baseline", {
          field: "candidate",
        });
      }
      const task = q.task;
      if (task !== undefined && task !== "classification" && task !== "regression") {
        throw new SightlineError("SL_INVALID_QUERY", "task must be classification or regression", {
          field: "task",
        });
      }
      const metric = q.metric as "accuracy" | "mae" | "rmse" | undefined;
      if (metric !== undefined && !["accuracy", "mae", "rmse"].includes(metric)) {
        throw new SightlineError("SL_INVALID_QUERY", "metric must be accuracy, mae or rmse", {
          field: "metric",
        });
      }
      const window = windowParam(q, now());
      const options = {
        ...DEFAULT_COMPARISON_OPTIONS,
        seed: intParam(q, "seed", DEFAULT_COMPARISON_OPTIONS.seed, 0, 2 ** 31),
        ...(metric ? { metric } : {}),
      };
      return registry.compare({ model, baseline, candidate, window, ...(task ? { task } : {}) }, options);
    });
  };
}
