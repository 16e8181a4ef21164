import { describe, expect, it } from "vitest";
import type { ModelVersion } from "../store/registry-store.js";
import { DEFAULT_MAX_TRAINING_AGE_MS, type ServingInput, servingChecks } from "./serving-checks.js";

const day = 86_400_000;
const now = Date.UTC(2026, 5, 1);

function version(name: string, createdMs: number | null, trainedMs = createdMs): ModelVersion {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    model: "m",
    version: name,
    registered: createdMs !== null,
    artifact_uri: null,
    run_id: null,
    metrics: {},
    tags: {},
    description: null,
    created_timestamp: iso(createdMs),
    created_by: null,
    trained_timestamp: iso(trainedMs),
    has_contract: false,
    aliases: [],
    predictions: 0,
    first_timestamp: null,
    last_timestamp: null,
  };
}

function input(overrides: Partial<ServingInput>): ServingInput {
  return {
    model: "m",
    window: { fromMs: now - day, toMs: now },
    traffic: [],
    servingAlias: "production",
    aliasVersion: "v2",
    productionVersion: "v2",
    versions: [version("v1", now - 40 * day), version("v2", now - 10 * day)],
    nowMs: now,
    maxTrainingAgeMs: DEFAULT_MAX_TRAINING_AGE_MS,
    ...overrides,
  };
}

const served = (name: string, predictions: number) => ({
  version: name,
  predictions,
  errors: 0,
  first_ms: 0,
  last_ms: 0,
});

describe("servingChecks", () => {
  it("passes when all traffic comes from the alias holder, trained recently", () => {
    const [check, stale] = servingChecks(input({ traffic: [served("v2", 50)] }));
    expect(check).toMatchObject({ kind: "serving_version", value: 0, breached: false, rows: 50 });
    expect(stale).toMatchObject({ kind: "staleness", version: "v2", breached: false, value: 10 });
  });

  it("breaches serving_version with the share of off-alias traffic, and flags the superseded version stale", () => {
    const checks = servingChecks(input({ traffic: [served("v1", 30), served("v2", 70)] }));
    expect(checks[0]).toMatchObject({ breached: true, value: 0.3, evidence: { off_alias_versions: ["v1"] } });
    const v1 = checks.find((c) => c.version === "v1");
    expect(v1).toMatchObject({ breached: true, evidence: { superseded: true } });
  });

  it("flags training data older than the threshold even for the alias holder", () => {
    const checks = servingChecks(
      input({ traffic: [served("v2", 5)], versions: [version("v2", now - 10 * day, now - 120 * day)] }),
    );
    expect(checks[1]).toMatchObject({ breached: true, value: 120, threshold: 90 });
    expect(checks[1]?.evidence.reasons).toEqual(["training data is 120.0 days old (threshold 90 days)"]);
  });

  it("judges traffic against a serving alias other than production", () => {
    const checks = servingChecks(
      input({ servingAlias: "canary", aliasVersion: "v1", traffic: [served("v1", 9)] }),
    );
    expect(checks[0]).toMatchObject({ subject: "canary", breached: false });
  });

  it("does not breach when the alias is unset, and says so", () => {
    const checks = servingChecks(
      input({ aliasVersion: null, productionVersion: null, traffic: [served("v0", 3)] }),
    );
    expect(checks[0]).toMatchObject({
      breached: false,
      value: null,
      evidence: { reason: "alias production is not set" },
    });
    expect(checks[1]).toMatchObject({ version: "v0", value: null, breached: false });
  });
});
