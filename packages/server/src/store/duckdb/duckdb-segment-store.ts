import type { SegmentQuery, SegmentStore, SegmentTag } from "../segment-store.js";
import type { DuckDbDatabase } from "./duckdb-database.js";
import type { FeatureMaterializer } from "./feature-materializer.js";

// The (tag, value) pairs of the scope's predictions, as rows `kv` of a struct { key, value }: from the typed
// table's tags map when the model has one (caught up first), else from the tags JSON of every row.
function pairsSql(query: SegmentQuery, typedTable: string | null): { sql: string; params: unknown[] } {
  const params: unknown[] = typedTable === null ? [query.model] : [];
  params.push(query.fromMs, query.toMs);
  let where = typedTable === null ? "model = ? AND " : "";
  where += "ts_ms >= ? AND ts_ms < ?";
  if (query.version !== undefined) {
    where += " AND version = ?";
    params.push(query.version);
  }
  const sql =
    typedTable === null
      ? `SELECT unnest(map_entries(json_transform(tags, '"MAP(VARCHAR, VARCHAR)"'))) AS kv
         FROM predictions WHERE ${where} AND tags IS NOT NULL AND tags <> '{}'`
      : `SELECT unnest(map_entries(tags)) AS kv FROM ${typedTable} WHERE ${where}`;
  return { sql, params };
}

/**
 * Segment tags and their value counts: DuckDB expands each prediction's tags into (tag, value) pairs (from
 * the model's typed table when it has a contract, else from the `tags` JSON), counts them and ranks the
 * values per tag; Node receives the top values only.
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
    const typed = this.features ? await this.features.predictions(query.model) : null;
    const pairs = pairsSql(query, typed?.table ?? null);
    const rows = await this.db.read(
      `WITH pairs AS (${pairs.sql}),
       counted AS (
         SELECT kv.key AS tag, kv.value AS value, count(*) AS n FROM pairs WHERE kv.value IS NOT NULL GROUP BY ALL
       ),
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
      [...pairs.params, query.maxTags, query.valuesPerTag],
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
