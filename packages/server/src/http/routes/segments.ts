import type { FastifyPluginAsync } from "fastify";
import { DEFAULT_RANGE_MS, parseTimestamp } from "../../engine/window-query.js";
import { SightlineError } from "../../errors.js";
import { checkModelName, checkVersionName } from "../../names.js";
import type { SegmentTag } from "../../store/segment-store.js";
import type { AppServices } from "../app.js";

/** Values listed per tag unless `limit` says otherwise, and the most `limit` may ask. */
const DEFAULT_VALUES = 20;
const MAX_VALUES = 100;
/** Tags listed, those on the most predictions first: segment tags are meant to be few. */
const MAX_TAGS = 50;

type Query = { from?: string; to?: string; version?: string; limit?: string };

/** `GET /api/v1/models/{m}/segments`. */
export interface SegmentsAnswer {
  model: string;
  version: string | null;
  from: string;
  to: string;
  tags: SegmentTag[];
}

function invalid(field: string, reason: string): SightlineError {
  return new SightlineError("SL_INVALID_QUERY", `${field} ${reason}`, { field });
}

/**
 * `GET /api/v1/models/{m}/segments`: the tags of a model's predictions in `[from, to)` and their most
 * frequent values with counts, for segment pickers (`segment=tag:value` of the window endpoints).
 */
export function segmentRoutes(services: AppServices): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { model: string }; Querystring: Query }>(
      "/api/v1/models/:model/segments",
      { config: { role: "read" } },
      async (request): Promise<SegmentsAnswer> => {
        const model = checkModelName(request.params.model);
        const query = request.query;
        for (const [key, value] of Object.entries(query)) {
          if (!["from", "to", "version", "limit"].includes(key))
            throw invalid(key, "is not a parameter: use from, to, version, limit");
          if (typeof value !== "string") throw invalid(key, "must be given once");
        }
        const version = query.version === undefined ? undefined : checkVersionName(query.version);
        const limit = query.limit === undefined ? DEFAULT_VALUES : Number(query.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_VALUES)
          throw invalid("limit", `must be an integer from 1 to ${MAX_VALUES}`);
        const newest = await services.store.windows.newestTimestamp(model, version);
        const toMs =
          query.to !== undefined
            ? parseTimestamp(query.to, "to")
            : newest === null
              ? services.monitors.now()
              : newest + 1;
        const fromMs =
          query.from !== undefined ? parseTimestamp(query.from, "from") : toMs - DEFAULT_RANGE_MS;
        if (toMs <= fromMs) throw invalid("to", "must be after from");
        const tags = await services.store.segments.topValues({
          model,
          fromMs,
          toMs,
          ...(version === undefined ? {} : { version }),
          valuesPerTag: limit,
          maxTags: MAX_TAGS,
        });
        return {
          model,
          version: version ?? null,
          from: new Date(fromMs).toISOString(),
          to: new Date(toMs).toISOString(),
          tags,
        };
      },
    );
  };
}
