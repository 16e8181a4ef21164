import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKeysEnv } from "../../auth/api-keys.js";
import { resolveServerConfig } from "../../config.js";
import { type RunningServer, startServer } from "../../server.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";
import { buildApp } from "../app.js";
import { apiDocsPrefix } from "../routes/openapi.js";
import { openApiDocument } from "./openapi-document.js";

const document = openApiDocument("0.0.0-test");
let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = await makeTempDir("sightline-openapi-");
  server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
});

afterAll(async () => {
  await server?.close();
  if (dir) await removeTempDir(dir);
});

function buildWithKeys(keys = "") {
  return buildApp(server.services, {
    apiKeys: parseKeysEnv(keys),
    maxBodyBytes: 1 << 20,
    logLevel: "silent",
  });
}

/** "METHOD /path/{param} role" for every route the app registers (HEAD and the docs UI's own assets aside). */
async function registeredRoutes(): Promise<string[]> {
  const app = buildWithKeys();
  const routes: string[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const role = (route.config as { role?: string } | undefined)?.role ?? "open";
    const path = route.url.replace(/:([A-Za-z]+)/g, "{$1}");
    if (path.startsWith(apiDocsPrefix)) return;
    for (const method of methods) if (method !== "HEAD") routes.push(`${method} ${path} ${role}`);
  });
  await app.ready();
  await app.close();
  return routes.sort();
}

function documentedRoutes(): string[] {
  const routes: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      routes.push(`${method.toUpperCase()} ${path} ${op["x-sightline-role"] ?? "open"}`);
    }
  }
  return routes.sort();
}

describe("OpenAPI document", () => {
  it("lists exactly the routes the app registers, each with the role it needs", async () => {
    const registered = await registeredRoutes();
    expect(registered.length).toBeGreaterThan(50);
    expect(documentedRoutes()).toEqual(registered);
  });

  it("declares every path parameter, and only those, on each operation", () => {
    for (const [path, item] of Object.entries(document.paths)) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const op of Object.values(item)) {
        const declared = (op.parameters ?? [])
          .filter((p) => p.in === "path")
          .map((p) => p.name)
          .sort();
        expect(declared, `${op.operationId} ${path}`).toEqual(inPath);
        const names = (op.parameters ?? []).map((p) => `${p.in}:${p.name}`);
        expect(new Set(names).size, `${op.operationId} repeats a parameter`).toBe(names.length);
      }
    }
  });

  it("has unique operation ids and only $refs that resolve", () => {
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    const text = JSON.stringify(document);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/(schemas|responses)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(20);
    for (const [, kind, name] of refs) {
      const table: Record<string, unknown> =
        kind === "schemas" ? document.components.schemas : document.components.responses;
      expect(table[name ?? ""], `${kind}/${name}`).toBeDefined();
    }
  });

  it("is served at /api/v1/openapi.json and rendered at /api/docs, without a key even when keys are configured", async () => {
    const app = buildWithKeys("read:secret-read-key");
    const json = await app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(json.statusCode).toBe(200);
    const served = json.json() as { openapi: string; paths: Record<string, unknown> };
    expect(served.openapi).toBe("3.1.0");
    expect(Object.keys(served.paths).sort()).toEqual(Object.keys(document.paths).sort());
    const page = await app.inject({ method: "GET", url: `${apiDocsPrefix}/` });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("swagger-ui");
    const rendered = await app.inject({ method: "GET", url: `${apiDocsPrefix}/json` });
    expect((rendered.json() as { openapi: string }).openapi).toBe("3.1.0");
    const guarded = await app.inject({ method: "GET", url: "/api/v1/models" });
    expect(guarded.statusCode).toBe(401);
    await app.close();
  });
});
