import type { FastifyPluginAsync } from "fastify";
import { SightlineError } from "../../errors.js";
import { checkModelName, checkVersionName } from "../../names.js";
import type { AppServices } from "../app.js";

/** Read endpoints over models (with their registry entries), contracts, single predictions and violation counts. */
export function modelRoutes(services: AppServices): FastifyPluginAsync {
  return async (app) => {
    const read = { config: { role: "read" } };
    app.get("/api/v1/models", read, async () => ({ models: await services.registry.listModels() }));
    app.get<{ Params: { model: string; version: string } }>(
      "/api/v1/models/:model/versions/:version/contract",
      read,
      async (request) => {
        const model = checkModelName(request.params.model);
        const version = checkVersionName(request.params.version);
        const contract = await services.store.getContract(model, version);
        if (!contract) {
          throw new SightlineError("SL_NOT_FOUND", `no reference uploaded for ${model} version ${version}`);
        }
        return { contract };
      },
    );
    app.get<{ Params: { model: string; id: string } }>(
      "/api/v1/models/:model/predictions/:id",
      read,
      async (request) => {
        const model = checkModelName(request.params.model);
        const prediction = await services.store.getPrediction(model, request.params.id);
        if (!prediction)
          throw new SightlineError("SL_NOT_FOUND", `no prediction ${request.params.id} for ${model}`);
        return prediction;
      },
    );
    app.get<{ Params: { model: string } }>("/api/v1/models/:model/violations", read, async (request) => {
      const model = checkModelName(request.params.model);
      return { model, violations: await services.store.countViolations(model) };
    });
  };
}
