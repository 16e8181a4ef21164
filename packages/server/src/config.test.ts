import { describe, expect, it } from "vitest";
import { hashKey } from "./auth/api-keys.js";
import { resolveServerConfig } from "./config.js";

describe("resolveServerConfig", () => {
  it("prefers flags over the environment over defaults", () => {
    expect(resolveServerConfig({}, {}).port).toBe(7070);
    expect(resolveServerConfig({}, { SIGHTLINE_PORT: "8000" }).port).toBe(8000);
    expect(resolveServerConfig({ port: "9000" }, { SIGHTLINE_PORT: "8000" }).port).toBe(9000);
  });
  it("listens on loopback without keys and refuses a public address", () => {
    expect(resolveServerConfig({}, {}).host).toBe("127.0.0.1");
    expect(() => resolveServerConfig({ host: "0.0.0.0" }, {})).toThrow(/without API keys/);
  });
  it("hashes keys from the environment and opens the host", () => {
    const config = resolveServerConfig({}, { SIGHTLINE_API_KEYS: "ingest:secret-one,ops:read:secret-two" });
    expect(config.host).toBe("0.0.0.0");
    expect(config.apiKeys).toEqual([
      { name: "env-1", role: "ingest", hash: hashKey("secret-one") },
      { name: "ops", role: "read", hash: hashKey("secret-two") },
    ]);
    expect(JSON.stringify(config)).not.toContain("secret");
  });
  it("names the bad setting", () => {
    expect(() => resolveServerConfig({ port: "http" }, {})).toThrow(/port must be an integer/);
    expect(() => resolveServerConfig({ port: "-1" }, {})).toThrow(/port must be an integer/);
    expect(() => resolveServerConfig({ port: "70000" }, {})).toThrow(/port must be an integer/);
    // 0 asks the OS for a free port.
    expect(resolveServerConfig({ port: 0 }, {}).port).toBe(0);
    expect(resolveServerConfig({ port: "0" }, {}).port).toBe(0);
    expect(() => resolveServerConfig({}, { SIGHTLINE_API_KEYS: "root:abcdefgh" })).toThrow(
      /SIGHTLINE_API_KEYS entry 1/,
    );
    expect(() => resolveServerConfig({ logLevel: "loud" }, {})).toThrow(/log level/);
  });
});
