import type { FastifyPluginAsync } from "fastify";
import type { AppServices } from "../app.js";

/** `/healthz` (the process answers), `/readyz` (the store takes writes) and `/metrics`. */
export function healthRoutes(services: AppServices): FastifyPluginAsync {
  return async (app) => {
    app.get("/healthz", async () => ({ status: "ok" }));
    app.get("/readyz", async (request, reply) => {
      try {
        await services.store.checkWritable();
        return { status: "ready", store: services.store.engine };
      } catch (error) {
        request.log.error({ err: error }, "readiness check failed");
        return reply.status(503).send({ status: "unavailable", store: services.store.engine });
      }
    });
    app.get("/metrics", { config: { role: "read" } }, async (_request, reply) => {
      const registry = services.metrics.registry;
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  };
}
