import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Where the built UI lives (packages/web/dist), or undefined when it has not been built. */
export function findWebRoot(): string | undefined {
  try {
    const root = join(dirname(createRequire(import.meta.url).resolve("@sightline/web/package.json")), "dist");
    return existsSync(join(root, "index.html")) ? root : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the UI's static files at `/`. The UI routes in the browser (`/models/flight-delay?from=...`), so any
 * other GET that is not an API path answers index.html: shared URLs open the right view.
 */
export function registerWeb(app: FastifyInstance, webRoot: string): void {
  // Registered on the root instance (the plugin is not encapsulated) so the not-found handler can sendFile.
  app.register(fastifyStatic, { root: webRoot, prefix: "/", wildcard: false, index: ["index.html"] });
}

/** True for requests the UI should answer (browser navigation), false for API-like paths. */
export function isUiPath(request: FastifyRequest): boolean {
  const path = request.url.split("?")[0] ?? "";
  return (
    request.method === "GET" &&
    !path.startsWith("/api/") &&
    !path.startsWith("/v1/") &&
    !["/metrics", "/healthz", "/readyz"].includes(path)
  );
}

/** Answers the UI's index.html (for a browser route). */
export function sendUi(reply: FastifyReply): FastifyReply {
  return reply.type("text/html").sendFile("index.html");
}
