import type { SegmentQuery, SegmentStore, SegmentTag } from "../segment-store.js";
import { valueCounts } from "./column-counts-query.js";
import type { DuckDbDatabase } from "./duckdb-database.js";
import type { FeatureMaterializer } from "./feature-materializer.js";
import type { TypedPredictionTable } from "./typed-tags.js";

// Counts per (tag, value) of the scope's predictions, as rows (tag, value, n): from the typed table's tag
// columns when it has every key (one grouping set per column, hashed in place), else from the tags JSON of
// every row, expanded into pairs.
function countedSql(
  query: SegmentQuery,
  typed: TypedPredictionTable | null,
): { sql: string; params: unknown[] } {
  const params: unknown[] = typed === null ? [query.model] : [];
  params.push(query.fromMs, query.toMs);
  let where = typed === null ? "model = ? AND " : "";
  where += "ts_ms >= ? AND ts_ms < ?";
  if (query.version !== undefined) {
    where += " AND version = ?";
    params.push(query.version);
  }
  if (typed === null) {
    return {
      sql: `SELECT kv.key AS tag, kv.value AS value, count(*) AS n
        FROM (SELECT unnest(map_entries(json_transform(tags, '"MAP(VARCHAR, VARCHAR)"'))) AS kv
              FROM predictions WHERE ${where} AND tags IS NOT NULL AND tags <> '{}')
        WHERE kv.value IS NOT NULL GROUP BY ALL`,
      params,
    };
  }
  if (typed.tags.length === 0) {
    return { sql: "SELECT NULL::VARCHAR AS tag, NULL::VARCHAR AS value, 0 AS n WHERE false", params: [] };
  }
  const keys = typed.tags.map((_, i) => ({ index: i, key: `g${i}`, value: `g${i}` }));
  return {
    sql: `SELECT CAST(?::JSON AS VARCHAR[])[c + 1] AS tag, value, n
      FROM (WITH src AS (SELECT 0 AS w${typed.tags.map((_, i) => `, g${i}`).join("")} FROM ${typed.table} WHERE ${where})
            ${valueCounts(keys, "value")})
      WHERE value IS NOT NULL`,
    params: [JSON.stringify(typed.tags), ...params],
  };
}

/**
 * Segment tags and their value counts: DuckDB counts (tag, value) pairs (from the tag columns of the model's
 * typed table when it has a contract, else from the `tags` JSON) and ranks the values per tag; Node
 * receives the top values only.
 *
 * @example
 * const segments = new DuckDbSegmentStore(db);
 * await segments.topValues({ model: "m", fromMs: 0, toMs: Date.now(), valuesPerTag: 20, maxTags: 50 });
 */
export class DuckDbSegmentStore implements SegmentStore {
  constructor(
    private readonly db: DuckDbDatabase,
    private readonly features?: FeatureMaterializer,
  ) {}

  async topValues(query: SegmentQuery): Promise<SegmentTag[]> {
    const table = this.features ? await this.features.predictions(query.model) : null;
    const counted = countedSql(query, table?.tagsComplete ? table : null);
    const rows = await this.db.read(
      `WITH counted AS (${counted.sql}),
       ranked AS (
         SELECT tag, value, n,
           row_number() OVER (PARTITION BY tag ORDER BY n DESC, value) AS value_rank,
           sum(n) OVER (PARTITION BY tag) AS tag_rows,
           count(*) OVER (PARTITION BY tag) AS distinct_values
         FROM counted
       ),
       tags AS (
         SELECT tag, dense_rank() OVER (ORDER BY tag_rows DESC, tag) AS tag_rank
         FROM (SELECT DISTINCT tag, tag_rows FROM ranked)
       )
       SELECT r.tag, r.value, r.n, r.tag_rows, r.distinct_values, t.tag_rank
       FROM ranked r JOIN tags t USING (tag)
       WHERE t.tag_rank <= ? AND r.value_rank <= ?
       ORDER BY t.tag_rank, r.value_rank`,
      [...counted.params, query.maxTags, query.valuesPerTag],
    );
    const out: SegmentTag[] = [];
    for (const row of rows) {
      const tag = String(row.tag);
      let last = out.at(-1);
      if (last?.tag !== tag) {
        last = { tag, rows: Number(row.tag_rows), distinct_values: Number(row.distinct_values), values: [] };
        out.push(last);
      }
      last.values.push({ value: String(row.value), count: Number(row.n) });
    }
    return out;
  }
}
