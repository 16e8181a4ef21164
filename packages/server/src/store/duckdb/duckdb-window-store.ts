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
import { type DuckDbDatabase, quoteLiteral, type Row } from "./duckdb-database.js";

// Doubles as string casts, so DuckDB reads back exactly the number JavaScript printed.
const double = (value: number) => `'${String(value)}'::DOUBLE`;
const int = (value: number) => String(Math.trunc(value));

function jsonPath(name: string): string {
  return quoteLiteral(`$."${name.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`);
}

type Column = { name: string; source: ColumnSource };

// The rows of `base` with every wanted feature pulled out of the features JSON in one parse (`fv`), and
// the text of each column in them (prediction and label are JSON scalars).
function extraction(columns: readonly Column[]): { from: string; text: (column: Column) => string } {
  const names = [...new Set(columns.filter((c) => c.source === "feature").map((c) => c.name))];
  const from =
    names.length === 0
      ? "base"
      : `(SELECT *, json_extract_string(features, [${names.map(jsonPath).join(", ")}]) AS fv FROM base)`;
  const text = (column: Column) =>
    column.source === "feature"
      ? `fv[${names.indexOf(column.name) + 1}]`
      : `json_extract_string(${column.source}, '$')`;
  return { from, text };
}

// Numbers compared as categories go through DOUBLE text, so 1 in a prediction and 1.0 in the reference match.
function numberOf(text: string): string {
  return `TRY_CAST(${text} AS DOUBLE)`;
}

function categoryOf(text: string, numeric: boolean): string {
  return numeric ? `CAST(${numberOf(text)} AS VARCHAR)` : text;
}

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
  constructor(private readonly db: DuckDbDatabase) {}

  private scopeBase(scope: WindowScope, withLabels: boolean): { sql: string; params: unknown[] } {
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
    const base = this.scopeBase(
      scope,
      columns.some((c) => c.source === "label"),
    );
    return this.countWindows(base, columns);
  }

  // Rows per window and every column's bin counts per window, over one base query.
  private async countWindows(
    base: { sql: string; params: unknown[] },
    columns: readonly BinnedColumn[],
  ): Promise<WindowColumnCounts[]> {
    const totals = await this.db.read(
      `WITH base AS (${base.sql}) SELECT w, count(*) AS n FROM base GROUP BY w ORDER BY w`,
      base.params,
    );
    const counts = await this.countColumns(base, columns);
    return totals.map((t) => ({
      fromMs: Number(t.w),
      rows: Number(t.n),
      columns: counts.get(Number(t.w)) ?? new Map<string, ColumnCounts>(),
    }));
  }

  private async countColumns(
    base: { sql: string; params: unknown[] },
    columns: readonly BinnedColumn[],
  ): Promise<Map<number, Map<string, ColumnCounts>>> {
    const out = new Map<number, Map<string, ColumnCounts>>();
    const slot = (w: number, index: number): ColumnCounts => {
      const column = columns[index] as BinnedColumn;
      let byColumn = out.get(w);
      if (!byColumn) {
        byColumn = new Map();
        out.set(w, byColumn);
      }
      let counts = byColumn.get(column.name);
      if (!counts) {
        const bins = column.binning === "cuts" ? column.cuts.length + 1 : column.categories.length + 1;
        counts = {
          counts: new Array<number>(bins).fill(0),
          sums: column.binning === "cuts" ? new Array<number>(bins).fill(0) : [],
          present: 0,
          min: null,
          max: null,
        };
        byColumn.set(column.name, counts);
      }
      return counts;
    };
    const numeric = columns.flatMap((c, i) => (c.binning === "cuts" ? [{ c, i }] : []));
    if (numeric.length > 0) {
      const numericSource = extraction(numeric.map(({ c }) => c));
      const edgeColumns: string[] = [];
      const edgeCuts: string[] = [];
      const edgeIndex: string[] = [];
      for (const { c, i } of numeric) {
        if (c.binning !== "cuts") continue;
        c.cuts.forEach((cut, k) => {
          edgeColumns.push(String(i));
          edgeCuts.push(double(cut));
          edgeIndex.push(String(k + 1));
        });
      }
      const rows = await this.db.read(
        `WITH base AS (${base.sql}),
         long AS (SELECT w, unnest(${list(
           numeric.map(({ i }) => String(i)),
           "INTEGER",
         )}) AS c, unnest(${list(
           numeric.map(({ c }) => numberOf(numericSource.text(c))),
           "DOUBLE",
         )}) AS x FROM ${numericSource.from}),
         vals AS (SELECT * FROM long WHERE isfinite(x)),
         edges AS (SELECT unnest(${list(edgeColumns, "INTEGER")}) AS c, unnest(${list(edgeCuts, "DOUBLE")}) AS cut,
                          unnest(${list(edgeIndex, "INTEGER")}) AS k)
         SELECT w, vals.c AS c, coalesce(edges.k, 0) AS b, count(*) AS n, sum(x) AS s, min(x) AS lo, max(x) AS hi
         FROM vals ASOF LEFT JOIN edges ON vals.c = edges.c AND vals.x > edges.cut
         GROUP BY GROUPING SETS ((w, vals.c, b), (w, vals.c))`,
        base.params,
      );
      for (const r of rows) {
        const counts = slot(Number(r.w), Number(r.c));
        if (r.b === null) {
          counts.present = Number(r.n);
          counts.min = num(r.lo);
          counts.max = num(r.hi);
        } else {
          counts.counts[Number(r.b)] = Number(r.n);
          counts.sums[Number(r.b)] = Number(r.s);
        }
      }
    }
    const categorical = columns.flatMap((c, i) => (c.binning === "categories" ? [{ c, i }] : []));
    if (categorical.length > 0) {
      const categorySource = extraction(categorical.map(({ c }) => c));
      const catColumns: string[] = [];
      const catValues: string[] = [];
      const catIndex: string[] = [];
      for (const { c, i } of categorical) {
        if (c.binning !== "categories") continue;
        c.categories.forEach((v, k) => {
          catColumns.push(String(i));
          catValues.push(quoteLiteral(v));
          catIndex.push(String(k));
        });
      }
      const rows = await this.db.read(
        `WITH base AS (${base.sql}),
         long AS (SELECT w, unnest(${list(
           categorical.map(({ i }) => String(i)),
           "INTEGER",
         )}) AS c, unnest(${list(
           categorical.map(({ c }) =>
             categoryOf(categorySource.text(c), c.binning === "categories" && c.numeric),
           ),
           "VARCHAR",
         )}) AS v FROM ${categorySource.from}),
         cats AS (SELECT unnest(${list(catColumns, "INTEGER")}) AS c, unnest(${list(catValues, "VARCHAR")}) AS v,
                         unnest(${list(catIndex, "INTEGER")}) AS k)
         SELECT w, long.c AS c, coalesce(cats.k, -1) AS k, count(*) AS n
         FROM long LEFT JOIN cats ON cats.c = long.c AND cats.v = long.v
         WHERE long.v IS NOT NULL GROUP BY ALL`,
        base.params,
      );
      for (const r of rows) {
        const counts = slot(Number(r.w), Number(r.c));
        const k = Number(r.k);
        const bin = k < 0 ? counts.counts.length - 1 : k;
        counts.counts[bin] = (counts.counts[bin] as number) + Number(r.n);
        counts.present += Number(r.n);
      }
    }
    return out;
  }

  async referenceRows(model: string, version: string): Promise<number> {
    const [r] = await this.db.read(
      "SELECT count(*) AS n FROM reference_rows WHERE model = ? AND version = ?",
      [model, version],
    );
    return Number(r?.n ?? 0);
  }

  private referenceBase(model: string, version: string): { sql: string; params: unknown[] } {
    return {
      sql: "SELECT 0 AS w, CAST(row_index AS VARCHAR) AS id, features, prediction, label FROM reference_rows WHERE model = ? AND version = ?",
      params: [model, version],
    };
  }

  async referenceShapes(
    model: string,
    version: string,
    columns: readonly { name: string; source: ColumnSource; numeric: boolean }[],
    bins: number,
    maxCategories: number,
  ): Promise<ReferenceColumnShape[]> {
    const base = this.referenceBase(model, version);
    const shapes: ReferenceColumnShape[] = columns.map((c) => ({
      name: c.name,
      source: c.source,
      numeric: c.numeric,
      present: 0,
      distinct: 0,
      min: null,
      max: null,
      std: null,
      cuts: [],
      categories: [],
    }));
    if (columns.length === 0) return shapes;
    const indices = list(
      columns.map((_, i) => String(i)),
      "INTEGER",
    );
    const source = extraction(columns);
    const numericIndex = columns.flatMap((c, i) => (c.numeric ? [i] : []));
    if (numericIndex.length > 0) {
      // Quantiles at i / bins with linear interpolation (as quantile_cont and NumPy's default) read off one
      // sorted list per column: quantile_cont with a thousand probabilities takes ~30x longer.
      const b = int(bins);
      const lo = `CAST(floor((n - 1) * i / ${b}) AS BIGINT)`;
      const rows = await this.db.read(
        `WITH base AS (${base.sql}),
         long AS (SELECT unnest(${list(numericIndex.map(String), "INTEGER")}) AS c, unnest(${list(
           numericIndex.map((i) => numberOf(source.text(columns[i] as Column))),
           "DOUBLE",
         )}) AS x FROM ${source.from}),
         sorted AS (SELECT c, list(x ORDER BY x) AS xs, count(*) AS n, count(DISTINCT x) AS d, min(x) AS lo,
                           max(x) AS hi, stddev_pop(x) AS sd
                    FROM long WHERE isfinite(x) GROUP BY c)
         SELECT c, n, d, lo, hi, sd,
                list_transform(range(1, ${b}), i -> xs[${lo} + 1] + ((n - 1) * i / ${b} - floor((n - 1) * i / ${b}))
                  * (xs[least(${lo} + 2, n)] - xs[${lo} + 1])) AS q
         FROM sorted`,
        base.params,
      );
      for (const r of rows) {
        const shape = shapes[Number(r.c)] as ReferenceColumnShape;
        shape.present = Number(r.n);
        shape.distinct = Number(r.d);
        shape.min = num(r.lo);
        shape.max = num(r.hi);
        shape.std = num(r.sd);
        for (const value of (r.q as unknown[] | null) ?? []) {
          const cut = Number(value);
          if (shape.cuts.length === 0 || cut > (shape.cuts[shape.cuts.length - 1] as number))
            shape.cuts.push(cut);
        }
      }
    }
    const rows: Row[] = await this.db.read(
      `WITH base AS (${base.sql}),
       long AS (SELECT unnest(${indices}) AS c, unnest(${list(
         columns.map((c) => categoryOf(source.text(c), c.numeric)),
         "VARCHAR",
       )}) AS v FROM ${source.from}),
       counts AS (SELECT c, v, count(*) AS n FROM long WHERE v IS NOT NULL GROUP BY ALL)
       SELECT c, v, n, count(*) OVER (PARTITION BY c) AS d, sum(n) OVER (PARTITION BY c) AS total FROM counts
       QUALIFY row_number() OVER (PARTITION BY c ORDER BY n DESC, v) <= ${int(maxCategories)}
       ORDER BY c, n DESC, v`,
      base.params,
    );
    for (const r of rows) {
      const shape = shapes[Number(r.c)] as ReferenceColumnShape;
      shape.categories.push(String(r.v));
      if (!shape.numeric) {
        shape.present = Number(r.total);
        shape.distinct = Number(r.d);
      }
    }
    return shapes;
  }

  async referenceCounts(
    model: string,
    version: string,
    columns: readonly BinnedColumn[],
  ): Promise<Map<string, ColumnCounts>> {
    const counts = await this.countColumns(this.referenceBase(model, version), columns);
    return counts.get(0) ?? new Map();
  }

  async referenceChunkCounts(
    model: string,
    version: string,
    columns: readonly BinnedColumn[],
    sizeMs: number,
    originMs: number,
  ): Promise<WindowColumnCounts[]> {
    return this.countWindows(this.referenceChunkBase(model, version, sizeMs, originMs), columns);
  }

  referenceChunkSample(
    model: string,
    version: string,
    columns: readonly Column[],
    sizeMs: number,
    originMs: number,
    perChunk: number,
  ): Promise<{ fromMs: number; rows: number[][] }[]> {
    return this.sample(this.referenceChunkBase(model, version, sizeMs, originMs), columns, perChunk);
  }

  // Reference rows windowed by their reserved `timestamp` (epoch ms or ISO-8601); rows without one left out.
  private referenceChunkBase(model: string, version: string, sizeMs: number, originMs: number) {
    const ts = "json_extract_string(features, '$.timestamp')";
    return {
      sql: `SELECT CAST(floor((ts - ?::DOUBLE) / ?::DOUBLE) * ?::DOUBLE + ?::DOUBLE AS BIGINT) AS w, id, features, prediction, label
            FROM (SELECT COALESCE(TRY_CAST(${ts} AS BIGINT), epoch_ms(TRY_CAST(${ts} AS TIMESTAMP))) AS ts,
                         CAST(row_index AS VARCHAR) AS id, features, prediction, label
                  FROM reference_rows WHERE model = ? AND version = ?)
            WHERE ts IS NOT NULL`,
      params: [originMs, sizeMs, sizeMs, originMs, model, version],
    };
  }

  private async sample(
    base: { sql: string; params: unknown[] },
    columns: readonly Column[],
    perWindow: number,
  ): Promise<{ fromMs: number; rows: number[][] }[]> {
    const source = extraction(columns);
    const rows = await this.db.read(
      `WITH base AS (${base.sql})
       SELECT w, ${list(
         columns.map((c) => numberOf(source.text(c))),
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

  numericSample(
    scope: WindowScope,
    columns: readonly Column[],
    perWindow: number,
  ): Promise<{ fromMs: number; rows: number[][] }[]> {
    return this.sample(
      this.scopeBase(
        scope,
        columns.some((c) => c.source === "label"),
      ),
      columns,
      perWindow,
    );
  }

  async referenceNumericSample(
    model: string,
    version: string,
    columns: readonly Column[],
    rows: number,
  ): Promise<number[][]> {
    const [first] = await this.sample(this.referenceBase(model, version), columns, rows);
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
