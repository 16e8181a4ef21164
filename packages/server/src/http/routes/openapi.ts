import { createRequire } from "node:module";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyPluginAsync } from "fastify";
import fastifyPlugin from "fastify-plugin";
import { openApiDocument } from "../openapi/openapi-document.js";

const { version } = createRequire(import.meta.url)("../../../package.json") as { version: string };

/** Where the rendered reference lives; its own routes (assets, `/json`) are not API routes. */
export const apiDocsPrefix = "/api/docs";

/**
 * `GET /api/v1/openapi.json` (the OpenAPI 3.1 document) and `/api/docs` (Swagger UI rendering it, served from
 * the package's own files, no CDN). Both are open: they describe the API and hold no data.
 *
 * @example
 * app.register(openApiRoutes());
 */
export function openApiRoutes(): FastifyPluginAsync {
  const document = openApiDocument(version);
  return async (app) => {
    app.get("/api/v1/openapi.json", async () => document);
    await app.register(async (docs) => {
      // Swagger UI depends on @fastify/swagger for `fastify.swagger()`; the document is written, not generated,
      // so a plugin of that name gives it the document.
      await docs.register(
        fastifyPlugin(
          async (scope) => {
            scope.decorate("swagger", () => document);
          },
          { name: "@fastify/swagger" },
        ),
      );
      await docs.register(fastifySwaggerUi, { routePrefix: apiDocsPrefix, uiConfig: { deepLinking: true } });
    });
  };
}
