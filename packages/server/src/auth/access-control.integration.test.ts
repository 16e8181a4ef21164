import { createHash, randomBytes } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../test-support/api-client.js";
import { freePort } from "../test-support/free-port.js";
import { runSightline } from "../test-support/run-sightline.js";
import { type ServerProcess, startServerProcess } from "../test-support/server-process.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";

const newKey = () => `slk_${randomBytes(24).toString("base64url")}`;
const record = [{ features: { x: 1 }, prediction: 1 }];
const csv = "x\n1\n2\n";

/** Status of each kind of call for a client: ingest, read, metrics, reference upload. */
async function statuses(api: ApiClient) {
  return {
    ingest: (await api.postJson("/api/v1/models/guarded/predictions", record)).status,
    label: (await api.postJson("/api/v1/models/guarded/labels", [{ id: "l", label: 1 }])).status,
    read: (await api.get("/api/v1/models")).status,
    metrics: (await api.get("/metrics")).status,
    reference: (await api.request("POST", "/api/v1/models/guarded/versions/v1/reference", csv, "text/csv"))
      .status,
  };
}

describe("API keys from SIGHTLINE_API_KEYS", () => {
  const ingestKey = newKey();
  const readKey = newKey();
  const adminKey = newKey();
  let server: ServerProcess;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startServerProcess({
      host: "127.0.0.1",
      env: { SIGHTLINE_API_KEYS: `ingest:${ingestKey},read:${readKey},ops:admin:${adminKey}` },
    });
    api = new ApiClient(server.url);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("answers health checks without a key", async () => {
    expect((await api.get("/healthz")).status).toBe(200);
    expect((await api.get("/readyz")).status).toBe(200);
  });

  it("answers 401 without a key, with an unknown key or with a malformed header", async () => {
    expect(await statuses(api)).toEqual({ ingest: 401, label: 401, read: 401, metrics: 401, reference: 401 });
    expect(await statuses(api.withKey(newKey()))).toEqual({
      ingest: 401,
      label: 401,
      read: 401,
      metrics: 401,
      reference: 401,
    });
    const basic = await api.request("GET", "/api/v1/models", undefined, undefined, {
      authorization: `Basic ${readKey}`,
    });
    expect(basic.status).toBe(401);
    expect(basic.json.error.code).toBe("SL_UNAUTHENTICATED");
  });

  it("answers 403 for the wrong role and 2xx for the right one", async () => {
    expect(await statuses(api.withKey(ingestKey))).toEqual({
      ingest: 200,
      label: 200,
      read: 403,
      metrics: 403,
      reference: 403,
    });
    expect(await statuses(api.withKey(readKey))).toEqual({
      ingest: 403,
      label: 403,
      read: 200,
      metrics: 200,
      reference: 403,
    });
    expect(await statuses(api.withKey(adminKey))).toEqual({
      ingest: 200,
      label: 200,
      read: 200,
      metrics: 200,
      reference: 201,
    });
    const forbidden = await api.withKey(readKey).postJson("/api/v1/models/guarded/predictions", record);
    expect(forbidden.json.error).toMatchObject({ code: "SL_FORBIDDEN" });
    expect(forbidden.json.error.message).toMatch(/role 'read'.*needs 'ingest'/);
  });

  it("never prints a clear key", () => {
    expect(server.stdout).toMatch(/3 API key\(s\) configured/);
    for (const key of [ingestKey, readKey, adminKey]) expect(server.output).not.toContain(key);
  });
});

describe("API keys from a keys file made by `sightline keys create`", () => {
  let dir: string;
  let keysFile: string;
  let ingestKey: string;
  let readKey: string;
  let server: ServerProcess;
  let api: ApiClient;
  const printed: string[] = [];

  beforeAll(async () => {
    dir = await makeTempDir("sightline-it-keys-");
    keysFile = join(dir, "keys.jsonl");
    const create = async (role: string, name: string) => {
      const result = await runSightline([
        "keys",
        "create",
        "--role",
        role,
        "--name",
        name,
        "--keys-file",
        keysFile,
      ]);
      expect(result.code, result.stderr).toBe(0);
      printed.push(result.stdout, result.stderr);
      const match = /^(slk_\S+)$/m.exec(result.stdout);
      expect(match, result.stdout).not.toBeNull();
      expect(result.stderr).toMatch(/shown only this once/);
      return match?.[1] as string;
    };
    ingestKey = await create("ingest", "x");
    readKey = await create("read", "dashboards");
    server = await startServerProcess({ host: "127.0.0.1", keysFile, env: { SIGHTLINE_LOG_LEVEL: "debug" } });
    api = new ApiClient(server.url);
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) await removeTempDir(dir);
  });

  it("stores only hashes of the keys, in a file only its owner can read", async () => {
    const text = await readFile(keysFile, "utf8");
    expect(text).not.toContain(ingestKey);
    expect(text).not.toContain(readKey);
    const entries = text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const sha = (key: string) => `sha256:${createHash("sha256").update(key).digest("hex")}`;
    expect(entries).toEqual([
      { name: "x", role: "ingest", hash: sha(ingestKey) },
      { name: "dashboards", role: "read", hash: sha(readKey) },
    ]);
    expect((await stat(keysFile)).mode & 0o077).toBe(0);
  });

  it("enforces the roles of the keys in the file", async () => {
    expect(await statuses(api)).toEqual({ ingest: 401, label: 401, read: 401, metrics: 401, reference: 401 });
    expect(await statuses(api.withKey(ingestKey))).toEqual({
      ingest: 200,
      label: 200,
      read: 403,
      metrics: 403,
      reference: 403,
    });
    expect(await statuses(api.withKey(readKey))).toEqual({
      ingest: 403,
      label: 403,
      read: 200,
      metrics: 200,
      reference: 403,
    });
    const forbidden = await api.withKey(ingestKey).get("/api/v1/models");
    expect(forbidden.json.error.message).toMatch(/'x' has role 'ingest'/);
  });

  it("never prints a clear key, even at debug log level", () => {
    expect(server.output).toMatch(/2 API key\(s\) configured/);
    expect(server.output).toMatch(/incoming request/);
    for (const key of [ingestKey, readKey]) expect(server.output).not.toContain(key);
  });
});

describe("without API keys", () => {
  let server: ServerProcess;
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-it-open-");
    server = await startServerProcess();
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) await removeTempDir(dir);
  });

  it("listens on 127.0.0.1, says so at start, and allows every call", async () => {
    expect(server.stdout).toContain(`Sightline listening on http://127.0.0.1:${server.port}`);
    expect(server.stdout).toMatch(/No API keys configured: listening on loopback only/);
    expect(await statuses(new ApiClient(server.url))).toEqual({
      ingest: 200,
      label: 200,
      read: 200,
      metrics: 200,
      reference: 201,
    });
  });

  it("refuses to start on 0.0.0.0 with a clear message and a non-zero exit", async () => {
    const port = String(await freePort());
    const byFlag = await runSightline(["serve", "--host", "0.0.0.0", "--port", port, "--data-dir", dir]);
    expect(byFlag.code).not.toBe(0);
    expect(byFlag.signal).toBeNull();
    expect(byFlag.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without API keys/);
    expect(byFlag.stdout).not.toMatch(/listening on/);
    const byEnv = await runSightline(["serve", "--port", port, "--data-dir", dir], {
      env: { SIGHTLINE_HOST: "0.0.0.0" },
    });
    expect(byEnv.code).not.toBe(0);
    expect(byEnv.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without API keys/);
  });
});
