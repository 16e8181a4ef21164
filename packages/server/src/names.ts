import { SightlineError } from "./errors.js";

// Model and version names appear in URLs, SQL parameters, metric labels and file names: a conservative
// alphabet keeps all of them safe without escaping rules per face.
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Checks a model name from a URL or file; throws SL_INVALID_MODEL_NAME naming the rule. */
export function checkModelName(name: string): string {
  if (!namePattern.test(name)) {
    throw new SightlineError(
      "SL_INVALID_MODEL_NAME",
      `model name ${JSON.stringify(name.slice(0, 200))} is invalid: use 1-128 characters from A-Z a-z 0-9 . _ - starting with a letter or digit`,
      { field: "model" },
    );
  }
  return name;
}

/** Checks a version name; throws SL_INVALID_VERSION_NAME naming the rule. */
export function checkVersionName(name: string): string {
  if (!namePattern.test(name)) {
    throw new SightlineError(
      "SL_INVALID_VERSION_NAME",
      `version ${JSON.stringify(name.slice(0, 200))} is invalid: use 1-128 characters from A-Z a-z 0-9 . _ - starting with a letter or digit`,
      { field: "version" },
    );
  }
  return name;
}

/** True when the string is a valid model or version name. */
export function isValidName(name: string): boolean {
  return namePattern.test(name);
}
