import type { FastifyReply, FastifyRequest } from "fastify";
import { type ApiKey, findKey, grants, type Role } from "../auth/api-keys.js";
import { SightlineError } from "../errors.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Name of the API key that authenticated the request; undefined when the server runs without keys. */
    apiKeyName?: string;
  }
}

/**
 * Returns an onRequest hook enforcing `Authorization: Bearer <key>` with the route's role, when keys are
 * configured. Without keys the server only listens on loopback (see config.ts), so every call is allowed.
 */
export function authHook(keys: readonly ApiKey[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const role = (request.routeOptions.config as { role?: Role } | undefined)?.role;
    if (role === undefined || keys.length === 0) return;
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new SightlineError("SL_UNAUTHENTICATED", "missing API key: send 'Authorization: Bearer <key>'");
    }
    const key = findKey(keys, match[1]);
    if (!key) throw new SightlineError("SL_UNAUTHENTICATED", "unknown API key");
    if (!grants(key.role, role)) {
      throw new SightlineError(
        "SL_FORBIDDEN",
        `API key '${key.name}' has role '${key.role}'; this call needs '${role}'`,
      );
    }
    request.apiKeyName = key.name;
  };
}
