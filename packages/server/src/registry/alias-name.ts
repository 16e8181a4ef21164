import { SightlineError } from "../errors.js";

const aliasPattern = /^[a-z][a-z0-9_-]{0,63}$/;

/**
 * Checks an alias name (`production`, `staging`, `canary`, `shadow`, or any lowercase name); throws
 * SL_INVALID_ALIAS naming the rule.
 *
 * @example
 * checkAliasName("canary"); // "canary"
 */
export function checkAliasName(name: string, field = "alias"): string {
  if (!aliasPattern.test(name)) {
    throw new SightlineError(
      "SL_INVALID_ALIAS",
      `${field} ${JSON.stringify(name.slice(0, 100))} is invalid: use 1-64 characters from a-z 0-9 _ - starting with a letter`,
      { field },
    );
  }
  return name;
}
