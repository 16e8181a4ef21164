import type { Alert, AlertEvent, Silence } from "../../engine/alerts/alert.js";
import type { Segment } from "../../engine/check.js";
import type { Monitor } from "../../engine/monitors/monitor.js";
import type {
  AlertQuery,
  AlertStore,
  DelayedProgress,
  DelayedProgressUpdate,
  ModelExtent,
  WindowCount,
} from "../alert-store.js";
import { alertLabelCondition } from "./alert-label-condition.js";
import type { DuckDbDatabase, Row } from "./duckdb-database.js";
import { readDelayedProgress, writeDelayedProgress } from "./duckdb-delayed-progress.js";

function toAlert(r: Row): Alert {
  const body = JSON.parse(r.body as string) as Alert;
  return {
    ...body,
    acknowledgedMs: (r.acknowledged_ms as number | null) ?? null,
    acknowledgedBy: (r.acknowledged_by as string | null) ?? null,
  };
}

function toSilence(r: Row): Silence {
  return {
    id: r.id as string,
    matchers: JSON.parse(r.matchers as string) as Record<string, string>,
    startsMs: r.starts_ms as number,
    untilMs: r.until_ms as number,
    createdMs: r.created_ms as number,
    createdBy: r.created_by as string,
    comment: r.comment as string,
  };
}

/**
 * DuckDB adapter of {@link AlertStore} (migration 4): alerts keep their full JSON in `body` plus the columns
 * queries filter on; acknowledgements live in their own columns so an evaluation never overwrites them.
 *
 * @example
 * const alerts = new DuckDbAlertStore(db);
 * await alerts.saveEvaluation(result.alerts, result.events);
 */
export class DuckDbAlertStore implements AlertStore {
  constructor(private readonly db: DuckDbDatabase) {}

  async latestAlerts(model: string): Promise<Alert[]> {
    const rows = await this.db.read(
      `SELECT * FROM alerts WHERE model = ?
       QUALIFY row_number() OVER (PARTITION BY fingerprint ORDER BY starts_ms DESC, id DESC) = 1`,
      [model],
    );
    return rows.map(toAlert);
  }

  saveEvaluation(alerts: readonly Alert[], events: readonly AlertEvent[]): Promise<void> {
    if (alerts.length === 0 && events.length === 0) return Promise.resolve();
    return this.db.transaction(async (conn) => {
      for (const a of alerts) {
        const { acknowledgedMs: _ms, acknowledgedBy: _by, ...body } = a;
        await this.db.run(
          conn,
          `INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)
           ON CONFLICT (id) DO UPDATE SET state = excluded.state, fired_ms = excluded.fired_ms,
             resolved_ms = excluded.resolved_ms, last_window_to_ms = excluded.last_window_to_ms, body = excluded.body`,
          [
            a.id,
            a.fingerprint,
            a.monitor,
            a.model,
            a.state,
            a.startsMs,
            a.firedMs,
            a.resolvedMs,
            a.lastWindowToMs,
            JSON.stringify(body),
          ],
        );
      }
      const [next] = await this.db.run(conn, "SELECT coalesce(max(seq), 0) + 1 AS seq FROM alert_events");
      let seq = (next?.seq as number | undefined) ?? 1;
      for (const e of events) {
        await this.db.run(conn, "INSERT INTO alert_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
          seq++,
          e.alertId,
          e.model,
          e.monitor,
          e.type,
          e.atMs,
          e.silenced,
          JSON.stringify(e.alert),
        ]);
      }
    });
  }

  async listAlerts(query: AlertQuery): Promise<Alert[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.state !== undefined) {
      where.push("state = ?");
      params.push(query.state);
    }
    if (query.model !== undefined) {
      where.push("model = ?");
      params.push(query.model);
    }
    if (query.monitor !== undefined) {
      where.push("monitor = ?");
      params.push(query.monitor);
    }
    for (const matcher of query.labels ?? []) {
      const condition = alertLabelCondition(matcher);
      where.push(condition.sql);
      params.push(...condition.params);
    }
    if (query.beforeId !== undefined) {
      where.push(
        `EXISTS (SELECT 1 FROM alerts page_end WHERE page_end.id = ? AND (alerts.starts_ms < page_end.starts_ms
           OR (alerts.starts_ms = page_end.starts_ms AND alerts.id < page_end.id)))`,
      );
      params.push(query.beforeId);
    }
    if (query.toMs !== undefined) {
      where.push("starts_ms < ?");
      params.push(query.toMs);
    }
    if (query.fromMs !== undefined) {
      where.push("(resolved_ms IS NULL OR resolved_ms > ?)");
      params.push(query.fromMs);
    }
    params.push(query.limit);
    const rows = await this.db.read(
      `SELECT * FROM alerts ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY starts_ms DESC, id DESC LIMIT ?`,
      params,
    );
    return rows.map(toAlert);
  }

  async getAlert(id: string): Promise<Alert | undefined> {
    const [row] = await this.db.read("SELECT * FROM alerts WHERE id = ?", [id]);
    return row ? toAlert(row) : undefined;
  }

  acknowledge(id: string, by: string, atMs: number): Promise<Alert | undefined> {
    return this.db.write(async (conn) => {
      const [row] = await this.db.run(
        conn,
        "UPDATE alerts SET acknowledged_ms = ?, acknowledged_by = ? WHERE id = ? RETURNING *",
        [atMs, by, id],
      );
      return row ? toAlert(row) : undefined;
    });
  }

  async listEvents(query: {
    model?: string;
    alertId?: string;
    fromMs?: number;
    toMs?: number;
    limit: number;
  }): Promise<AlertEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (query.model !== undefined) add("model = ?", query.model);
    if (query.alertId !== undefined) add("alert_id = ?", query.alertId);
    if (query.fromMs !== undefined) add("at_ms >= ?", query.fromMs);
    if (query.toMs !== undefined) add("at_ms < ?", query.toMs);
    params.push(query.limit);
    const rows = await this.db.read(
      `SELECT * FROM alert_events ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq LIMIT ?`,
      params,
    );
    return rows.map((r) => ({
      alertId: r.alert_id as string,
      model: r.model as string,
      monitor: r.monitor as string,
      type: r.type as AlertEvent["type"],
      atMs: r.at_ms as number,
      silenced: r.silenced as boolean,
      alert: JSON.parse(r.alert as string) as Alert,
    }));
  }

  saveSilence(s: Silence): Promise<void> {
    return this.db.write(async (conn) => {
      await this.db.run(conn, "INSERT INTO silences VALUES (?, ?, ?, ?, ?, ?, ?, NULL)", [
        s.id,
        JSON.stringify(s.matchers),
        s.startsMs,
        s.untilMs,
        s.createdMs,
        s.createdBy,
        s.comment,
      ]);
    });
  }

  async listSilences(nowMs: number, includeExpired = false): Promise<Silence[]> {
    const rows = await this.db.read(
      `SELECT * FROM silences WHERE deleted_ms IS NULL ${includeExpired ? "" : "AND until_ms > ?"} ORDER BY id`,
      includeExpired ? [] : [nowMs],
    );
    return rows.map(toSilence);
  }

  deleteSilence(id: string, nowMs: number): Promise<boolean> {
    return this.db.write(async (conn) => {
      const rows = await this.db.run(
        conn,
        "UPDATE silences SET deleted_ms = ? WHERE id = ? AND deleted_ms IS NULL RETURNING id",
        [nowMs, id],
      );
      return rows.length > 0;
    });
  }

  async listMonitors(): Promise<Monitor[]> {
    const rows = await this.db.read("SELECT body FROM monitors ORDER BY name");
    return rows.map((r) => JSON.parse(r.body as string) as Monitor);
  }

  saveMonitor(monitor: Monitor, nowMs: number): Promise<void> {
    return this.db.write(async (conn) => {
      await this.db.run(conn, "INSERT OR REPLACE INTO monitors VALUES (?, ?, ?)", [
        monitor.name,
        JSON.stringify(monitor),
        nowMs,
      ]);
    });
  }

  deleteMonitor(name: string): Promise<boolean> {
    return this.db.write(async (conn) => {
      const rows = await this.db.run(conn, "DELETE FROM monitors WHERE name = ? RETURNING name", [name]);
      return rows.length > 0;
    });
  }

  async getProgress(model: string, windowMs: number): Promise<number | null> {
    const [row] = await this.db.read(
      "SELECT evaluated_to_ms FROM monitor_progress WHERE model = ? AND window_ms = ?",
      [model, windowMs],
    );
    return row ? (row.evaluated_to_ms as number) : null;
  }

  setProgress(model: string, windowMs: number, evaluatedToMs: number): Promise<void> {
    return this.db.write(async (conn) => {
      await this.db.run(conn, "INSERT OR REPLACE INTO monitor_progress VALUES (?, ?, ?)", [
        model,
        windowMs,
        evaluatedToMs,
      ]);
    });
  }

  getDelayedProgress(model: string, windowMs: number): Promise<DelayedProgress> {
    return readDelayedProgress(this.db, model, windowMs);
  }

  saveDelayedProgress(model: string, windowMs: number, update: DelayedProgressUpdate): Promise<void> {
    return writeDelayedProgress(this.db, model, windowMs, update);
  }

  async modelExtents(): Promise<ModelExtent[]> {
    const rows = await this.db.read(
      "SELECT model, min(ts_ms) AS oldest_ms, max(ts_ms) AS newest_ms FROM predictions GROUP BY model ORDER BY model",
    );
    return rows.map((r) => ({
      model: r.model as string,
      oldestMs: r.oldest_ms as number,
      newestMs: r.newest_ms as number,
    }));
  }

  async windowCounts(query: {
    model: string;
    fromMs: number;
    toMs: number;
    sizeMs: number;
    version?: string;
    segment?: Segment;
  }): Promise<WindowCount[]> {
    const params: unknown[] = [query.sizeMs, query.sizeMs, query.model, query.fromMs, query.toMs];
    let filter = "";
    if (query.version !== undefined) {
      filter += " AND version = ?";
      params.push(query.version);
    }
    if (query.segment !== undefined) {
      filter += " AND json_extract_string(tags, ?) = ?";
      params.push(`$."${query.segment.tag.replaceAll('"', '\\"')}"`, query.segment.value);
    }
    const rows = await this.db.read(
      `SELECT (ts_ms // ?) * ? AS from_ms, count(*) AS rows, count(error) AS errors
       FROM predictions WHERE model = ? AND ts_ms >= ? AND ts_ms < ?${filter}
       GROUP BY 1 ORDER BY 1`,
      params,
    );
    return rows.map((r) => ({
      fromMs: r.from_ms as number,
      rows: r.rows as number,
      errors: r.errors as number,
    }));
  }
}
