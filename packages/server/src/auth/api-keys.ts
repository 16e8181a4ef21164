import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { SightlineError } from "../errors.js";

/** What a key may do. `admin` implies `read` and `ingest`. */
export const roles = ["ingest", "read", "admin"] as const;
export type Role = (typeof roles)[number];

/** A configured key: only its hash is kept in memory or on disk. */
export interface ApiKey {
  name: string;
  role: Role;
  /** `sha256:<hex>` of the key. */
  hash: string;
}

// API keys are 32 random bytes, so a fast hash is enough (no dictionary to attack, unlike passwords);
// the comparison is constant-time so timing does not leak how much of a hash matched.
export function hashKey(key: string): string {
  return `sha256:${createHash("sha256").update(key, "utf8").digest("hex")}`;
}

/** A new random key with the `slk_` prefix (so leaked keys are easy to grep for). */
export function generateKey(): string {
  return `slk_${randomBytes(32).toString("base64url")}`;
}

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/**
 * Parses `SIGHTLINE_API_KEYS`: comma-separated `role:key` or `name:role:key`; hashes at once.
 *
 * @example
 * parseKeysEnv("ingest:slk_abc,read:slk_def");
 */
export function parseKeysEnv(text: string): ApiKey[] {
  const keys: ApiKey[] = [];
  const entries = text
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  entries.forEach((entry, index) => {
    const parts = entry.split(":");
    const [name, role, key] = parts.length >= 3 ? parts : [`env-${index + 1}`, parts[0], parts[1]];
    if (role === undefined || key === undefined || !isRole(role) || key.length < 8) {
      throw new SightlineError(
        "SL_INVALID_CONFIG",
        `SIGHTLINE_API_KEYS entry ${index + 1} is invalid: expected 'role:key' with role one of ${roles.join(", ")} and a key of at least 8 characters`,
      );
    }
    keys.push({ name: name ?? `env-${index + 1}`, role, hash: hashKey(key) });
  });
  return keys;
}

/**
 * Parses a keys file: one JSON object a line, `{ "name", "role", "hash": "sha256:<hex>" }`, as written by
 * `sightline keys create`. Blank lines and lines starting with `#` are ignored.
 */
export function parseKeysFile(text: string, path: string): ApiKey[] {
  const keys: ApiKey[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new SightlineError("SL_INVALID_CONFIG", `${path}:${i + 1}: not valid JSON`);
    }
    const entry = parsed as Partial<ApiKey>;
    if (
      typeof entry.name !== "string" ||
      typeof entry.role !== "string" ||
      !isRole(entry.role) ||
      typeof entry.hash !== "string" ||
      !/^sha256:[0-9a-f]{64}$/.test(entry.hash)
    ) {
      throw new SightlineError(
        "SL_INVALID_CONFIG",
        `${path}:${i + 1}: expected {"name": string, "role": ${roles.join("|")}, "hash": "sha256:<64 hex>"}`,
      );
    }
    keys.push({ name: entry.name, role: entry.role, hash: entry.hash });
  });
  return keys;
}

/** Finds the configured key matching a presented secret, comparing hashes in constant time. */
export function findKey(keys: readonly ApiKey[], presented: string): ApiKey | undefined {
  const hash = Buffer.from(hashKey(presented));
  let found: ApiKey | undefined;
  for (const key of keys) {
    const candidate = Buffer.from(key.hash);
    if (candidate.length === hash.length && timingSafeEqual(candidate, hash)) found = key;
  }
  return found;
}

/** Whether a key's role grants the required role. */
export function grants(have: Role, need: Role): boolean {
  return have === "admin" || have === need;
}
