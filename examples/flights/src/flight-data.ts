import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { Flight } from "./flight.js";

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const flightColumns = `id, ts::DOUBLE AS ts, hour::INTEGER AS hour, weekday::INTEGER AS weekday,
  distance::DOUBLE AS distance, origin, destination, delayed::INTEGER AS delayed`;

function toFlight(row: Record<string, unknown>): Flight {
  return {
    id: String(row.id),
    timestampMs: Number(row.ts),
    hour: Number(row.hour),
    weekday: Number(row.weekday),
    distance: Number(row.distance),
    origin: String(row.origin),
    destination: String(row.destination),
    delayed: Number(row.delayed) === 1 ? 1 : 0,
  };
}

/**
 * The flights dataset in an in-memory DuckDB: the pipeline's heavy lifting (cleaning, feature generation,
 * splits, samples, target rates) is SQL over the 3M-row Parquet file; Node only sees the samples.
 *
 * @example
 * const data = await FlightData.open("node_modules/vega-datasets/data/flights-3m.parquet");
 * await data.clean();
 * await data.featuregen();
 * const january = await data.sample(Date.UTC(2001, 0, 1), Date.UTC(2001, 1, 1), 10_000);
 */
export class FlightData {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly parquetPath: string,
  ) {}

  static async open(parquetPath: string): Promise<FlightData> {
    const instance = await DuckDBInstance.create(":memory:");
    return new FlightData(instance, await instance.connect(), parquetPath);
  }

  private async rows(sql: string): Promise<Record<string, unknown>[]> {
    const reader = await this.conn.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }

  private async count(table: string): Promise<number> {
    const [row] = await this.rows(`SELECT count(*)::DOUBLE AS n FROM ${table}`);
    return Number(row?.n ?? 0);
  }

  /** Raw flights → `clean`: drops rows without a delay, distance or airport, and self-loops. Returns row counts. */
  async clean(): Promise<{ raw: number; clean: number }> {
    const source = `read_parquet(${literal(this.parquetPath)})`;
    await this.conn.run(`CREATE OR REPLACE TABLE clean AS
      SELECT epoch_ms(date) AS ts, delay, distance, origin, destination FROM ${source}
      WHERE date IS NOT NULL AND delay IS NOT NULL AND distance > 0 AND origin IS NOT NULL
        AND destination IS NOT NULL AND origin <> destination`);
    const [raw] = await this.rows(`SELECT count(*)::DOUBLE AS n FROM ${source}`);
    return { raw: Number(raw?.n ?? 0), clean: await this.count("clean") };
  }

  /** `clean` → `features`: stable id, hour, ISO weekday, distance, airports and the label. Returns the row count. */
  async featuregen(): Promise<number> {
    await this.conn.run(`CREATE OR REPLACE TABLE features AS
      SELECT 'fl-' || ts || '-' || origin || '-' || destination || '-' ||
               row_number() OVER (PARTITION BY ts, origin, destination ORDER BY delay, distance) AS id,
             ts, hour(make_timestamp(ts * 1000)) AS hour, isodow(make_timestamp(ts * 1000)) AS weekday,
             distance, origin, destination, (delay > 15)::INTEGER AS delayed
      FROM clean`);
    return this.count("features");
  }

  /** A deterministic sample (by a hash of the id) of at most `limit` flights in `[fromMs, toMs)`. */
  async sample(fromMs: number, toMs: number, limit: number): Promise<Flight[]> {
    const rows = await this.rows(`SELECT ${flightColumns} FROM features
      WHERE ts >= ${fromMs} AND ts < ${toMs} ORDER BY hash(id), id LIMIT ${limit}`);
    return rows.map(toFlight);
  }

  /** Flights in `[fromMs, toMs)`, at most `perDay` a day (deterministic sample), in event-time order. */
  async dailySample(fromMs: number, toMs: number, perDay: number): Promise<Flight[]> {
    const rows = await this.rows(`SELECT ${flightColumns} FROM (
        SELECT *, row_number() OVER (PARTITION BY ts // 86400000 ORDER BY hash(id), id) AS rn FROM features
        WHERE ts >= ${fromMs} AND ts < ${toMs})
      WHERE rn <= ${perDay} ORDER BY ts, id`);
    return rows.map(toFlight);
  }

  /** Count of flights and delayed share in `[fromMs, toMs)`, computed in SQL. */
  async summary(fromMs: number, toMs: number): Promise<{ flights: number; delayedShare: number }> {
    const [row] = await this.rows(`SELECT count(*)::DOUBLE AS n, coalesce(avg(delayed), 0)::DOUBLE AS share
      FROM features WHERE ts >= ${fromMs} AND ts < ${toMs}`);
    return { flights: Number(row?.n ?? 0), delayedShare: Number(row?.share ?? 0) };
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
