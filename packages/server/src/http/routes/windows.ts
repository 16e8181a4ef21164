import { type DriftMethod, isDriftMethod } from "@sightline/stats";
import type { FastifyPluginAsync } from "fastify";
import { type WindowQueryParams, windowScope } from "../../engine/window-query.js";
import { SightlineError } from "../../errors.js";
import { checkModelName, checkVersionName } from "../../names.js";
import type { AppServices } from "../app.js";
import { driftMatrixView } from "../drift-matrix-view.js";

type Query = WindowQueryParams & { method?: string; min_effect?: string; reference_chunks?: string };

const DRIFT_ONLY = ["method", "min_effect", "reference_chunks"];
const allowed = new Set(["from", "to", "window", "version", "segment", "cumulative", ...DRIFT_ONLY]);

function checkParams(query: object, extra: readonly string[]): void {
  for (const key of Object.keys(query)) {
    if (!allowed.has(key) || (DRIFT_ONLY.includes(key) && !extra.includes(key))) {
      throw new SightlineError(
        "SL_INVALID_QUERY",
        `unknown parameter ${key}: use from, to, window, version, segment, cumulative${extra.length ? `, ${extra.join(", ")}` : ""}`,
        { field: key },
      );
    }
  }
}

function methodsOf(text: string | undefined): DriftMethod[] | undefined {
  if (text === undefined) return undefined;
  const methods = text.split(",").map((m) => m.trim());
  for (const m of methods) {
    if (!isDriftMethod(m)) {
      throw new SightlineError("SL_INVALID_QUERY", `method '${m}' is not a drift method`, {
        field: "method",
      });
    }
  }
  return methods as DriftMethod[];
}

function minEffectOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new SightlineError("SL_INVALID_QUERY", `min_effect must be a non-negative number; got '${text}'`, {
      field: "min_effect",
    });
  }
  return value;
}

function referenceChunksOf(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (text === "true" || text === "false") return text === "true";
  throw new SightlineError("SL_INVALID_QUERY", `reference_chunks must be true or false; got '${text}'`, {
    field: "reference_chunks",
  });
}

/** `GET /api/v1/models/{m}/drift` (and its `/drift/matrix` form), `/quality` and `/outputs`: per-window answers computed on demand. */
export function windowRoutes(services: AppServices): FastifyPluginAsync {
  return async (app) => {
    const read = { config: { role: "read" } };
    const scopeFor = async (model: string, query: Query) => {
      const version = query.version === undefined ? undefined : checkVersionName(String(query.version));
      const newest = await services.store.windows.newestTimestamp(model, version);
      return windowScope(model, query, newest, version);
    };
    const driftOf = async (model: string, query: Query) => {
      checkParams(query, DRIFT_ONLY);
      const methods = methodsOf(query.method);
      const minEffect = minEffectOf(query.min_effect);
      const referenceChunks = referenceChunksOf(query.reference_chunks);
      const scope = await scopeFor(model, query);
      return services.windows.drift.drift(scope, {
        ...(methods === undefined ? {} : { methods }),
        ...(minEffect === undefined ? {} : { minEffect }),
        ...(referenceChunks === undefined ? {} : { referenceChunks }),
      });
    };
    app.get<{ Params: { model: string }; Querystring: Query }>(
      "/api/v1/models/:model/drift",
      read,
      async (request) => driftOf(checkModelName(request.params.model), request.query),
    );
    // The same answer in the drift matrix's compact form: the UI's matrix draws this, the full answer of one
    // window backs an opened cell.
    app.get<{ Params: { model: string }; Querystring: Query }>(
      "/api/v1/models/:model/drift/matrix",
      read,
      async (request) => driftMatrixView(await driftOf(checkModelName(request.params.model), request.query)),
    );
    app.get<{ Params: { model: string }; Querystring: WindowQueryParams & { column?: string } }>(
      "/api/v1/models/:model/drift/distribution",
      read,
      async (request) => {
        const model = checkModelName(request.params.model);
        const { column, ...rest } = request.query;
        for (const key of Object.keys(rest)) {
          if (!["from", "to", "version", "segment"].includes(key)) {
            throw new SightlineError(
              "SL_INVALID_QUERY",
              `unknown parameter ${key}: use column, from, to, version, segment`,
              { field: key },
            );
          }
        }
        if (typeof column !== "string" || column.trim() === "") {
          throw new SightlineError("SL_INVALID_QUERY", "column is required: the drift column to show", {
            field: "column",
          });
        }
        const scope = await scopeFor(model, { ...rest, cumulative: "true" });
        return services.windows.drift.distribution(scope, column);
      },
    );
    app.get<{ Params: { model: string }; Querystring: Query }>(
      "/api/v1/models/:model/quality",
      read,
      async (request) => {
        const model = checkModelName(request.params.model);
        checkParams(request.query, []);
        return services.windows.quality.quality(await scopeFor(model, request.query));
      },
    );
    app.get<{ Params: { model: string }; Querystring: Query }>(
      "/api/v1/models/:model/outputs",
      read,
      async (request) => {
        const model = checkModelName(request.params.model);
        checkParams(request.query, []);
        return services.windows.outputs.outputs(await scopeFor(model, request.query));
      },
    );
  };
}
