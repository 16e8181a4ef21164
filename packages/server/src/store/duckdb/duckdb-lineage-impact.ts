import { parseModelVersionArtifact } from "../../lineage/artifact.js";
import type { ImpactRows, ImpactSeed, ReviewRow } from "../lineage-store.js";
import type { DuckDbDatabase } from "./duckdb-database.js";
import { runRow } from "./lineage-run-row.js";

/**
 * Forward impact in SQL: a recursive walk down the resolved dependencies from a run (or from the runs that
 * read an artifact), the model versions those runs wrote, and the predictions of those versions or served by
 * those runs, counted by version and sampled (newest first) where they are stored.
 *
 * @example
 * const rows = await queryImpact(db, { run: "r1" }, 20, 10_000, true);
 */
export async function queryImpact(
  db: DuckDbDatabase,
  seed: ImpactSeed,
  sampleSize: number,
  maxRuns: number,
  withRunIds: boolean,
): Promise<ImpactRows> {
  const seedSql =
    "run" in seed
      ? "SELECT ?::VARCHAR AS run_id"
      : `SELECT DISTINCT run_id FROM lineage_run_artifacts
         WHERE artifact = ? AND direction = 'input' AND (?::VARCHAR IS NULL OR hash = ?)`;
  const seedParams = "run" in seed ? [seed.run] : [seed.artifact, seed.hash, seed.hash];
  // UNION (not UNION ALL) keeps each run once, so the walk ends even on a malformed graph.
  const down = `WITH RECURSIVE down(run_id) AS (
      ${seedSql}
      UNION
      SELECT a.run_id FROM lineage_run_artifacts a JOIN down ON a.producer_run = down.run_id
      WHERE a.direction = 'input')`;
  const excluded = "run" in seed ? seed.run : null;
  const runs = await db.read(
    `${down}
     SELECT r.id, r.component, r.start_ms, r.end_ms, r.status, count(*) OVER () AS total
     FROM down JOIN lineage_runs r ON r.id = down.run_id
     WHERE ?::VARCHAR IS NULL OR r.id <> ?
     ORDER BY r.start_ms, r.id LIMIT ?`,
    [...seedParams, excluded, excluded, maxRuns],
  );
  const outputs = await db.read(
    `${down}
     SELECT DISTINCT a.artifact, a.run_id FROM down JOIN lineage_run_artifacts a ON a.run_id = down.run_id
     WHERE a.direction = 'output' AND starts_with(a.artifact, 'models:/')
     ORDER BY a.artifact, a.run_id`,
    seedParams,
  );
  const modelVersions: ImpactRows["modelVersions"] = [];
  for (const o of outputs) {
    const mv = parseModelVersionArtifact(o.artifact as string);
    if (mv) modelVersions.push({ ...mv, runId: o.run_id as string });
  }
  if ("artifact" in seed) {
    const mv = parseModelVersionArtifact(seed.artifact);
    if (mv && !modelVersions.some((v) => v.model === mv.model && v.version === mv.version)) {
      modelVersions.push({ ...mv, runId: "" });
    }
  }
  const versions = [...new Map(modelVersions.map((v) => [`${v.model}/${v.version}`, v])).values()];
  const conditions: string[] = [];
  const params: unknown[] = [];
  let prefix = "";
  if (withRunIds) {
    prefix = down;
    params.push(...seedParams);
    conditions.push("p.run_id IN (SELECT run_id FROM down)");
  }
  if (versions.length > 0) {
    conditions.push(
      `(p.model, p.version) IN (SELECT * FROM (VALUES ${versions.map(() => "(?, ?)").join(", ")}) t(model, version))`,
    );
    for (const v of versions) params.push(v.model, v.version);
  }
  let predictionsByVersion: ImpactRows["predictionsByVersion"] = [];
  let predictionSample: ImpactRows["predictionSample"] = [];
  if (conditions.length > 0) {
    const where = conditions.join(" OR ");
    const counts = await db.read(
      `${prefix} SELECT p.model, p.version, count(*) AS count FROM predictions p WHERE ${where}
       GROUP BY ALL ORDER BY p.model, p.version`,
      params,
    );
    predictionsByVersion = counts.map((c) => ({
      model: c.model as string,
      version: c.version as string,
      count: c.count as number,
    }));
    const sample = await db.read(
      `${prefix} SELECT p.model, p.id, p.version, p.ts_ms FROM predictions p WHERE ${where}
       ORDER BY p.ts_ms DESC, p.id LIMIT ?`,
      [...params, sampleSize],
    );
    predictionSample = sample.map((s) => ({
      model: s.model as string,
      id: s.id as string,
      version: s.version as string,
      tsMs: s.ts_ms as number,
    }));
  }
  return {
    runs: runs.map(runRow),
    runCount: (runs[0]?.total as number | undefined) ?? 0,
    modelVersions: versions,
    predictionCount: predictionsByVersion.reduce((sum, v) => sum + v.count, 0),
    predictionsByVersion,
    predictionSample,
  };
}

/**
 * mltrace's review in SQL: from each flagged output's runs, walk upstream and count, for every run reached,
 * how many distinct flagged outputs it feeds; most first.
 *
 * @example
 * await queryReview(db, [{ flag: "m/p1", runIds: ["infer-1", "train-1"] }], 20);
 */
export async function queryReview(
  db: DuckDbDatabase,

  seeds: readonly { flag: string; runIds: readonly string[] }[],
  limit: number,
): Promise<ReviewRow[]> {
  const pairs = seeds.flatMap((s) => s.runIds.map((runId) => [s.flag, runId] as const));
  if (pairs.length === 0) return [];
  const rows = await db.read(
    `WITH RECURSIVE up(flag, run_id) AS (
       SELECT * FROM (VALUES ${pairs.map(() => "(?, ?)").join(", ")}) t(flag, run_id)
       UNION
       SELECT up.flag, a.producer_run FROM up JOIN lineage_run_artifacts a ON a.run_id = up.run_id
       WHERE a.direction = 'input' AND a.producer_run IS NOT NULL)
     SELECT r.id, r.component, r.start_ms, r.end_ms, r.status, count(DISTINCT up.flag) AS flagged
     FROM up JOIN lineage_runs r ON r.id = up.run_id
     GROUP BY ALL ORDER BY flagged DESC, r.start_ms DESC, r.id LIMIT ?`,
    [...pairs.flat(), limit],
  );
  return rows.map((r) => ({ ...runRow(r), flagged: r.flagged as number }));
}
