import { randomUUID } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import type { Alert, AlertState, Silence } from "../../engine/alerts/alert.js";
import { parseLabelMatchers } from "../../engine/alerts/alert-label-matchers.js";
import { parseDuration, windowOf, windowToJson } from "../../engine/window.js";
import { SightlineError } from "../../errors.js";
import { parseTimestamp } from "../../ingest/timestamp.js";
import { checkModelName } from "../../names.js";
import { parseJsonObject } from "../../registry/parse-registry-body.js";
import type { AppServices } from "../app.js";
import { alertToJson, eventToJson, silenceToJson } from "./alert-json.js";

const states: readonly AlertState[] = ["pending", "firing", "resolved"];

function invalid(field: string, reason: string): SightlineError {
  return new SightlineError("SL_INVALID_QUERY", `${field} ${reason}`, { field });
}

function time(field: string, value: unknown): number {
  const text = typeof value === "number" ? value : String(value);
  const parsed = parseTimestamp(typeof text === "string" && /^-?\d+$/.test(text) ? Number(text) : text);
  if (typeof parsed !== "number")
    throw invalid(field, `must be an ISO-8601 time or epoch milliseconds (${parsed})`);
  return parsed;
}

function limitOf(value: string | undefined): number {
  if (value === undefined) return 500;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw invalid("limit", "must be an integer from 1 to 10000");
  return n;
}

function parseSilence(body: Record<string, unknown>, nowMs: number): Silence {
  const known = ["matchers", "until", "starts_at", "comment", "created_by"];
  for (const key of Object.keys(body)) {
    if (!known.includes(key))
      throw new SightlineError(
        "SL_INVALID_MONITOR",
        `silence.${key} is not a silence field (known: ${known.join(", ")})`,
        { field: `silence.${key}` },
      );
  }
  const fail = (field: string, reason: string) =>
    new SightlineError("SL_INVALID_MONITOR", `silence.${field} ${reason}`, { field: `silence.${field}` });
  const matchers = body.matchers;
  if (
    typeof matchers !== "object" ||
    matchers === null ||
    Array.isArray(matchers) ||
    Object.keys(matchers).length === 0
  ) {
    throw fail("matchers", "must be a non-empty object such as { model: 'm', subject: 'distance' }");
  }
  for (const [key, value] of Object.entries(matchers)) {
    if (typeof value !== "string") throw fail(`matchers.${key}`, "must be a string");
  }
  if (body.until === undefined) throw fail("until", "is required (ISO-8601 time or epoch ms)");
  const untilMs = time("silence.until", body.until);
  const startsMs = body.starts_at === undefined ? nowMs : time("silence.starts_at", body.starts_at);
  if (untilMs <= Math.max(nowMs, startsMs)) throw fail("until", "must be in the future and after starts_at");
  const text = (field: string, value: unknown, fallback: string) => {
    if (value === undefined) return fallback;
    if (typeof value !== "string" || value.length > 1000)
      throw fail(field, "must be a string of at most 1000 characters");
    return value;
  };
  return {
    id: randomUUID(),
    matchers: matchers as Record<string, string>,
    startsMs,
    untilMs,
    createdMs: nowMs,
    createdBy: text("created_by", body.created_by, "api"),
    comment: text("comment", body.comment, ""),
  };
}

/**
 * Alerts (list, one with its history, per model over a time range, acknowledge), silences, and retraining
 * advice (`/api/v1/models/{model}/advice`).
 */
export function alertRoutes(services: AppServices): FastifyPluginAsync {
  return async (app) => {
    const read = { config: { role: "read" } };
    const admin = { config: { role: "admin" } };
    const alerts = services.store.alerts;
    const now = () => services.monitors.now();
    // Alerts in answers carry whether a silence is in force over them now.
    const toJson = async (list: readonly Alert[]) => {
      const nowMs = now();
      const silences = list.length === 0 ? [] : await alerts.listSilences(nowMs, false);
      return list.map((a) => alertToJson(a, silences, nowMs));
    };

    app.get<{
      Querystring: {
        state?: string | string[];
        model?: string | string[];
        monitor?: string | string[];
        label?: string | string[];
        limit?: string | string[];
        before?: string | string[];
      };
    }>("/api/v1/alerts", read, async (request) => {
      const { state, model, monitor, limit, before } = request.query;
      const one = (field: string, value: string | string[] | undefined) => {
        if (Array.isArray(value)) throw invalid(field, "may be given once");
        return value;
      };
      const stateValue = one("state", state);
      if (stateValue !== undefined && !(states as readonly string[]).includes(stateValue)) {
        throw invalid("state", `must be one of ${states.join(", ")}`);
      }
      const modelValue = one("model", model);
      const monitorValue = one("monitor", monitor);
      if (monitorValue === "") throw invalid("monitor", "must not be empty");
      const labels = parseLabelMatchers(request.query.label);
      const max = limitOf(one("limit", limit));
      const beforeId = one("before", before);
      if (beforeId !== undefined && (await alerts.getAlert(beforeId)) === undefined)
        throw invalid("before", "must be the id of an alert (the next_before of the previous page)");
      // One more than asked tells whether another page follows.
      const list = await alerts.listAlerts({
        ...(stateValue === undefined ? {} : { state: stateValue as AlertState }),
        ...(modelValue === undefined ? {} : { model: checkModelName(modelValue) }),
        ...(monitorValue === undefined ? {} : { monitor: monitorValue }),
        ...(beforeId === undefined ? {} : { beforeId }),
        labels,
        limit: max + 1,
      });
      const page = list.slice(0, max);
      const last = page.at(-1);
      return {
        alerts: await toJson(page),
        next_before: list.length > max && last !== undefined ? last.id : null,
      };
    });

    app.get<{ Params: { id: string } }>("/api/v1/alerts/:id", read, async (request) => {
      const alert = await alerts.getAlert(request.params.id);
      if (!alert) throw new SightlineError("SL_NOT_FOUND", `no alert ${request.params.id.slice(0, 100)}`);
      const history = await alerts.listEvents({ alertId: alert.id, limit: 10_000 });
      const [json] = await toJson([alert]);
      return { alert: json, history: history.map(eventToJson) };
    });

    app.get<{
      Params: { model: string };
      Querystring: { from?: string; to?: string; state?: string; limit?: string };
    }>("/api/v1/models/:model/alerts", read, async (request) => {
      const model = checkModelName(request.params.model);
      const { from, to, state, limit } = request.query;
      const fromMs = from === undefined ? undefined : time("from", from);
      const toMs = to === undefined ? undefined : time("to", to);
      if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs)
        throw invalid("to", "must be after from");
      if (state !== undefined && !(states as readonly string[]).includes(state)) {
        throw invalid("state", `must be one of ${states.join(", ")}`);
      }
      const range = { ...(fromMs === undefined ? {} : { fromMs }), ...(toMs === undefined ? {} : { toMs }) };
      const max = limitOf(limit);
      const list = await alerts.listAlerts({
        model,
        ...range,
        ...(state === undefined ? {} : { state: state as AlertState }),
        limit: max,
      });
      const history = await alerts.listEvents({ model, ...range, limit: max });
      return { model, alerts: await toJson(list), history: history.map(eventToJson) };
    });

    app.post<{ Params: { id: string } }>("/api/v1/alerts/:id/ack", admin, async (request) => {
      const body = parseJsonObject(request.body);
      const by = body.by ?? "api";
      if (typeof by !== "string" || by.length === 0 || by.length > 200)
        throw invalid("by", "must be a string of 1-200 characters");
      const alert = await services.monitors.acknowledge(request.params.id, by);
      if (!alert) throw new SightlineError("SL_NOT_FOUND", `no alert ${request.params.id.slice(0, 100)}`);
      const [json] = await toJson([alert]);
      return { alert: json };
    });

    app.get<{ Querystring: { expired?: string } }>("/api/v1/silences", read, async (request) => {
      const list = await alerts.listSilences(now(), request.query.expired === "true");
      return { silences: list.map(silenceToJson) };
    });

    app.post("/api/v1/silences", admin, async (request, reply) => {
      const silence = parseSilence(parseJsonObject(request.body), now());
      await alerts.saveSilence(silence);
      return reply.status(201).send({ silence: silenceToJson(silence) });
    });

    app.delete<{ Params: { id: string } }>("/api/v1/silences/:id", admin, async (request, reply) => {
      if (!(await alerts.deleteSilence(request.params.id, now()))) {
        throw new SightlineError("SL_NOT_FOUND", `no active silence ${request.params.id.slice(0, 100)}`);
      }
      return reply.status(204).send();
    });

    app.get<{ Params: { model: string }; Querystring: { from?: string; to?: string; window?: string } }>(
      "/api/v1/models/:model/advice",
      read,
      async (request) => {
        const model = checkModelName(request.params.model);
        const { from, to, window } = request.query;
        const extent = (await alerts.modelExtents()).find((e) => e.model === model);
        if (!extent && (from === undefined || to === undefined)) {
          throw new SightlineError("SL_NOT_FOUND", `no predictions for ${model}; pass from and to`);
        }
        const sizeMs = parseDuration(window ?? "1d", "window");
        let range: { fromMs: number; toMs: number };
        if (from !== undefined || to !== undefined) {
          if (from === undefined || to === undefined)
            throw invalid(from === undefined ? "from" : "to", "is needed with the other");
          range = { fromMs: time("from", from), toMs: time("to", to) };
          if (range.toMs <= range.fromMs) throw invalid("to", "must be after from");
        } else {
          // The last window that has closed: the one before the window holding the newest prediction.
          const current = windowOf((extent as { newestMs: number }).newestMs, sizeMs);
          range = { fromMs: current.fromMs - sizeMs, toMs: current.fromMs };
        }
        const nowMs = extent?.newestMs ?? range.toMs;
        const advised = await services.monitors.advice(model, range, nowMs);
        return {
          model,
          window: windowToJson(range),
          verdict: advised.advice.verdict,
          reasons: advised.advice.reasons,
          drift_share: advised.advice.drift_share,
          label_coverage: advised.advice.label_coverage,
          checks: advised.checks.length,
        };
      },
    );
  };
}
