import type {
  BinnedColumn,
  ColumnCounts,
  ColumnSource,
  ReferenceColumnShape,
  WindowClassCounts,
  WindowColumnCounts,
  WindowOperations,
  WindowScope,
  WindowStore,
  WindowViolationCount,
} from "../window-store.js";
import { scoreBins } from "../window-store.js";
import { type BaseQuery, countColumns } from "./column-counts-query.js";
import { type Column, type ColumnReader, jsonColumnReader, jsonPath } from "./column-reader.js";
import type { DuckDbDatabase } from "./duckdb-database.js";
import type { FeatureMaterializer } from "./feature-materializer.js";
import { referenceShapes } from "./reference-shapes-query.js";
import { type ColumnNeed, typedReader } from "./typed-columns.js";
import { segmentCondition } from "./typed-tags.js";

/** Rows to aggregate (`base`, with a window `w` and an `id`) and how to read their columns. */
type Source = { base: BaseQuery; reader: ColumnReader };

const needOf = (c: BinnedColumn): ColumnNeed => ({
  column: c,
  text: c.binning === "categories" && !c.numeric,
});
const numberNeed = (c: Column): ColumnNeed => ({ column: c, text: false });

const int = (value: number) => String(Math.trunc(value));

function list(items: readonly string[], type: string): string {
  return items.length === 0 ? `[]::${type}[]` : `[${items.join(", ")}]::${type}[]`;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Per-window aggregation on DuckDB. Windows are `floor((ts_ms - origin) / size) * size + origin`,
 * grouped in SQL; features are pulled out of the JSON once per row into a long (window, column, value)
 * form, and numeric values are binned by an ASOF join on the reference cuts (the largest cut below the
 * value), so one grouped query serves every numeric column and another every category column.
 *
 * @example
 * const windows = new DuckDbWindowStore(db);
 * await windows.operations({ model: "m", fromMs: 0, toMs: 86_400_000, sizeMs: 3_600_000, originMs: 0 });
 */
export class DuckDbWindowStore implements WindowStore {
  constructor(
    private readonly db: DuckDbDatabase,
    private readonly features?: FeatureMaterializer,
  ) {}

  // The scope's rows from the model's typed table when it holds every needed column, caught up first so the
  // answer counts every committed prediction, a segment read from its tag's column; else from the JSON
  // (labels are joined by id; a tag key past the cap).
  private async windowSource(scope: WindowScope, needs: readonly ColumnNeed[]): Promise<Source> {
    const columns = needs.map((n) => n.column);
    const table =
      this.features && !columns.some((c) => c.source === "label")
        ? await this.features.predictions(scope.model)
        : null;
    const reader = table && typedReader(table, needs);
    const segment = table && scope.segment !== undefined ? segmentCondition(table, scope.segment) : null;
    if (!table || !reader || (scope.segment !== undefined && !segment)) {
      const base = this.scopeBase(
        scope,
        columns.some((c) => c.source === "label"),
      );
      return { base, reader: jsonColumnReader(columns) };
    }
    const size = int(scope.sizeMs);
    const origin = int(scope.originMs);
    const params: unknown[] = [scope.fromMs, scope.toMs];
    let where = "t.ts_ms >= ? AND t.ts_ms < ?";
    if (scope.version !== undefined) {
      where += " AND t.version = ?";
      params.push(scope.version);
    }
    if (segment) {
      where += ` AND ${segment.sql}`;
      params.push(...segment.params);
    }
    const sql = `SELECT CAST(floor((t.ts_ms - ${origin}) / ${size}) AS BIGINT) * ${size} + ${origin} AS w, t.*
      FROM ${table.table} t WHERE ${where}`;
    return { base: { sql, params }, reader };
  }

  // A reference version's rows, typed when the model has a contract. With `chunks`, cut into windows by the
  // reference's own `timestamp` (ISO-8601 or epoch ms), rows without a readable one left out.
  private async referenceSource(
    model: string,
    version: string,
    needs: readonly ColumnNeed[],
    chunks?: { sizeMs: number; originMs: number },
  ): Promise<Source> {
    const table = this.features ? await this.features.reference(model, version) : null;
    const reader = table && typedReader(table, needs, true);
    const typed = table !== null && reader !== null;
    const rows = typed
      ? `SELECT CAST(row_index AS VARCHAR) AS id, t.*, ts_text AS ts_source FROM ${table.table} t WHERE version = ?`
      : "SELECT CAST(row_index AS VARCHAR) AS id, features, prediction, label, json_extract_string(features, '$.timestamp') AS ts_source FROM reference_rows WHERE model = ? AND version = ?";
    const params: unknown[] = typed ? [version] : [model, version];
    const source = typed ? reader : jsonColumnReader(needs.map((n) => n.column));
    if (!chunks) return { base: { sql: `SELECT 0 AS w, * FROM (${rows})`, params }, reader: source };
    const { sizeMs, originMs } = chunks;
    return {
      base: {
        sql: `SELECT CAST(floor((ts - ?::DOUBLE) / ?::DOUBLE) * ?::DOUBLE + ?::DOUBLE AS BIGINT) AS w, *
              FROM (SELECT COALESCE(TRY_CAST(ts_source AS BIGINT), epoch_ms(TRY_CAST(ts_source AS TIMESTAMP))) AS ts, *
                    FROM (${rows}))
              WHERE ts IS NOT NULL`,
        params: [originMs, sizeMs, sizeMs, originMs, ...params],
      },
      reader: source,
    };
  }

  private scopeBase(scope: WindowScope, withLabels: boolean): BaseQuery {
    const params: unknown[] = [scope.model, scope.fromMs, scope.toMs];
    let where = "p.model = ? AND p.ts_ms >= ? AND p.ts_ms < ?";
    if (scope.version !== undefined) {
      where += " AND p.version = ?";
      params.push(scope.version);
    }
    if (scope.segment !== undefined) {
      where += ` AND json_extract_string(p.tags, ${jsonPath(scope.segment.tag)}) = ?`;
      params.push(scope.segment.value);
    }
    const size = int(scope.sizeMs);
    const origin = int(scope.originMs);
    const join = withLabels ? "LEFT JOIN labels l ON l.model = p.model AND l.id = p.id" : "";
    const sql = `SELECT CAST(floor((p.ts_ms - ${origin}) / ${size}) AS BIGINT) * ${size} + ${origin} AS w, p.*${withLabels ? ", l.label AS label" : ""}
      FROM predictions p ${join} WHERE ${where}`;
    return { sql, params };
  }

  async operations(scope: WindowScope): Promise<WindowOperations[]> {
    const base = this.scopeBase(scope, false);
    const rows = await this.db.read(
      `WITH base AS (${base.sql})
       SELECT w, count(*) AS n, count(error) AS errors, count(latency_ms) AS lat_n,
              quantile_cont(latency_ms, [0.5, 0.9, 0.99]) AS lat,
              count(score) AS score_n, avg(score) AS score_mean, stddev_pop(score) AS score_std,
              min(score) AS score_min, max(score) AS score_max,
              quantile_cont(score, [0.1, 0.25, 0.5, 0.75, 0.9]) AS score_q,
              count(prediction_num) AS pred_n, stddev_pop(prediction_num) AS pred_std,
              count(*) FILTER (WHERE violation_count > 0) AS viol_rows
       FROM base GROUP BY w ORDER BY w`,
      base.params,
    );
    const histograms = await this.db.read(
      `WITH base AS (${base.sql})
       SELECT w, least(greatest(CAST(floor(score * ${scoreBins}) AS INTEGER), 0), ${scoreBins - 1}) AS b, count(*) AS n
       FROM base WHERE isfinite(score) GROUP BY ALL`,
      base.params,
    );
    const byWindow = new Map<number, number[]>();
    for (const h of histograms) {
      const w = Number(h.w);
      const counts = byWindow.get(w) ?? new Array<number>(scoreBins).fill(0);
      counts[Number(h.b)] = Number(h.n);
      byWindow.set(w, counts);
    }
    return rows.map((r) => {
      const w = Number(r.w);
      return {
        fromMs: w,
        rows: Number(r.n),
        errors: Number(r.errors),
        latencyCount: Number(r.lat_n),
        latencyMs: r.lat ? ((r.lat as unknown[]).map(Number) as [number, number, number]) : null,
        scoreCount: Number(r.score_n),
        scoreMean: num(r.score_mean),
        scoreStd: num(r.score_std),
        scoreMin: num(r.score_min),
        scoreMax: num(r.score_max),
        scoreQuantiles: r.score_q ? (r.score_q as unknown[]).map(Number) : null,
        scoreHistogram: byWindow.get(w) ?? new Array<number>(scoreBins).fill(0),
        predictionCount: Number(r.pred_n),
        predictionStd: num(r.pred_std),
        rowsWithViolations: Number(r.viol_rows),
      };
    });
  }

  async classCounts(scope: WindowScope, limit: number): Promise<WindowClassCounts[]> {
    const base = this.scopeBase(scope, false);
    const rows = await this.db.read(
      `WITH base AS (${base.sql}),
       c AS (SELECT w, json_extract_string(prediction, '$') AS v, count(*) AS n FROM base
             WHERE prediction IS NOT NULL GROUP BY ALL)
       SELECT * FROM c QUALIFY row_number() OVER (PARTITION BY w ORDER BY n DESC, v) <= ${int(limit)}`,
      base.params,
    );
    const byWindow = new Map<number, Record<string, number>>();
    for (const r of rows) {
      const w = Number(r.w);
      const counts = byWindow.get(w) ?? {};
      counts[String(r.v)] = Number(r.n);
      byWindow.set(w, counts);
    }
    return [...byWindow.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([fromMs, counts]) => ({ fromMs, counts }));
  }

  async violations(scope: WindowScope): Promise<WindowViolationCount[]> {
    const base = this.scopeBase(scope, false);
    const rows = await this.db.read(
      `WITH base AS (${base.sql})
       SELECT w, v ->> 'field' AS field, v ->> 'kind' AS kind, count(*) AS n
       FROM (SELECT w, unnest(CAST(violations AS JSON[])) AS v FROM base WHERE violation_count > 0)
       GROUP BY ALL ORDER BY w, field, kind`,
      base.params,
    );
    return rows.map((r) => ({
      fromMs: Number(r.w),
      field: String(r.field),
      kind: String(r.kind),
      count: Number(r.n),
    }));
  }

  async columnCounts(scope: WindowScope, columns: readonly BinnedColumn[]): Promise<WindowColumnCounts[]> {
    return this.countWindows(await this.windowSource(scope, columns.map(needOf)), columns);
  }

  // Rows per window and every column's bin counts per window, over one base query.
  private async countWindows(
    { base, reader }: Source,
    columns: readonly BinnedColumn[],
  ): Promise<WindowColumnCounts[]> {
    const totals = await this.db.read(
      `WITH base AS (${base.sql}) SELECT w, count(*) AS n FROM base GROUP BY w ORDER BY w`,
      base.params,
    );
    const counts = await countColumns(this.db, base, columns, reader);
    return totals.map((t) => ({
      fromMs: Number(t.w),
      rows: Number(t.n),
      columns: counts.get(Number(t.w)) ?? new Map<string, ColumnCounts>(),
    }));
  }

  async referenceRows(model: string, version: string): Promise<number> {
    const [r] = await this.db.read(
      "SELECT count(*) AS n FROM reference_rows WHERE model = ? AND version = ?",
      [model, version],
    );
    return Number(r?.n ?? 0);
  }

  async referenceShapes(
    model: string,
    version: string,
    columns: readonly { name: string; source: ColumnSource; numeric: boolean }[],
    bins: number,
    maxCategories: number,
  ): Promise<ReferenceColumnShape[]> {
    const { base, reader: source } = await this.referenceSource(
      model,
      version,
      columns.map((c) => ({ column: c, text: !c.numeric })),
    );
    return referenceShapes(this.db, base, source, columns, bins, maxCategories);
  }

  async referenceCounts(
    model: string,
    version: string,
    columns: readonly BinnedColumn[],
  ): Promise<Map<string, ColumnCounts>> {
    const { base, reader } = await this.referenceSource(model, version, columns.map(needOf));
    const counts = await countColumns(this.db, base, columns, reader);
    return counts.get(0) ?? new Map();
  }

  async referenceChunkCounts(
    model: string,
    version: string,
    columns: readonly BinnedColumn[],
    sizeMs: number,
    originMs: number,
  ): Promise<WindowColumnCounts[]> {
    const source = await this.referenceSource(model, version, columns.map(needOf), { sizeMs, originMs });
    return this.countWindows(source, columns);
  }

  async referenceChunkSample(
    model: string,
    version: string,
    columns: readonly Column[],
    sizeMs: number,
    originMs: number,
    perChunk: number,
  ): Promise<{ fromMs: number; rows: number[][] }[]> {
    const source = await this.referenceSource(model, version, columns.map(numberNeed), {
      sizeMs,
      originMs,
    });
    return this.sample(source, columns, perChunk);
  }

  private async sample(
    { base, reader: source }: Source,
    columns: readonly Column[],
    perWindow: number,
  ): Promise<{ fromMs: number; rows: number[][] }[]> {
    const rows = await this.db.read(
      `WITH base AS (${base.sql})
       SELECT w, ${list(
         columns.map((c) => source.number(c)),
         "DOUBLE",
       )} AS r
       FROM ${source.from}
       QUALIFY row_number() OVER (PARTITION BY w ORDER BY hash(id), id) <= ${int(perWindow)}
       ORDER BY w, hash(id), id`,
      base.params,
    );
    const out: { fromMs: number; rows: number[][] }[] = [];
    for (const r of rows) {
      const w = Number(r.w);
      let last = out[out.length - 1];
      if (!last || last.fromMs !== w) {
        last = { fromMs: w, rows: [] };
        out.push(last);
      }
      last.rows.push((r.r as (number | null)[]).map((v) => (v === null ? Number.NaN : Number(v))));
    }
    return out;
  }

  async numericSample(
    scope: WindowScope,
    columns: readonly Column[],
    perWindow: number,
  ): Promise<{ fromMs: number; rows: number[][] }[]> {
    return this.sample(await this.windowSource(scope, columns.map(numberNeed)), columns, perWindow);
  }

  async referenceNumericSample(
    model: string,
    version: string,
    columns: readonly Column[],
    rows: number,
  ): Promise<number[][]> {
    const source = await this.referenceSource(model, version, columns.map(numberNeed));
    const [first] = await this.sample(source, columns, rows);
    return first?.rows ?? [];
  }

  async newestTimestamp(model: string, version?: string): Promise<number | null> {
    const [r] = await this.db.read(
      `SELECT max(ts_ms) AS t FROM predictions WHERE model = ?${version === undefined ? "" : " AND version = ?"}`,
      version === undefined ? [model] : [model, version],
    );
    return num(r?.t);
  }

  async dominantVersion(model: string, fromMs: number, toMs: number): Promise<string | null> {
    const [r] = await this.db.read(
      `SELECT version, count(*) AS n FROM predictions WHERE model = ? AND ts_ms >= ? AND ts_ms < ?
       GROUP BY version ORDER BY n DESC, version DESC LIMIT 1`,
      [model, fromMs, toMs],
    );
    return r ? String(r.version) : null;
  }
}
