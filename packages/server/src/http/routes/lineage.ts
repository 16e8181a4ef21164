import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { SightlineError } from "../../errors.js";
import { parseJsonBatch } from "../../ingest/parse-body.js";
import {
  intParam,
  parseFlagTarget,
  staleDaysParam,
  statusParam,
  timeParam,
} from "../../lineage/lineage-query.js";
import type { LineageService } from "../../lineage/lineage-service.js";
import { checkComponentName, checkRunId, parseComponentBody, parseRunBody } from "../../lineage/parse-run.js";
import { checkModelName } from "../../names.js";
import type { AppServices } from "../app.js";

type Query = Record<string, string | undefined>;

function jsonObject(request: FastifyRequest): unknown {
  const body = request.body;
  if (typeof body !== "string") {
    throw new SightlineError("SL_UNSUPPORTED_MEDIA_TYPE", "send the body as application/json", {
      field: "content-type",
    });
  }
  if (body.trimStart().startsWith("[")) {
    throw new SightlineError("SL_INVALID_LINEAGE", "$ must be one JSON object, not an array", { field: "$" });
  }
  return parseJsonBatch(body).values[0];
}

function traceOptions(query: Query) {
  return { depth: intParam(query.depth, "depth", 1, 100, 20), staleDays: staleDaysParam(query.stale_days) };
}

function artifactParam(query: Query): { artifact: string; hash: string | null } | undefined {
  if (query.artifact === undefined) return undefined;
  if (query.artifact === "" || query.artifact.length > 2048) {
    throw new SightlineError("SL_INVALID_QUERY", "artifact must be a non-empty artifact name", {
      field: "artifact",
    });
  }
  return {
    artifact: query.artifact,
    hash: query.hash === undefined || query.hash === "" ? null : query.hash,
  };
}

function exactlyOne(query: Query, fields: string[]): void {
  const given = fields.filter((f) => query[f] !== undefined);
  if (given.length !== 1) {
    throw new SightlineError(
      "SL_INVALID_QUERY",
      `give exactly one of ${fields.join(", ")}${given.length > 1 ? ` (got ${given.join(" and ")})` : ""}`,
      { field: given[1] ?? fields[0] },
    );
  }
}

/** Lineage: runs, components, traces, impact, flags, review and staleness. */
export function lineageRoutes(services: AppServices): FastifyPluginAsync {
  return async (app) => {
    const lineage: LineageService = services.lineage;
    const read = { config: { role: "read" } };
    const ingest = { config: { role: "ingest" } };

    app.post("/api/v1/runs", ingest, async (request, reply) => {
      const result = await lineage.recordRun(parseRunBody(jsonObject(request)));
      return reply.status(201).send(result);
    });
    app.post("/api/v1/components", ingest, async (request, reply) => {
      const component = parseComponentBody(jsonObject(request));
      await lineage.recordComponent(component);
      return reply.status(201).send({ component });
    });
    app.get<{ Querystring: Query }>("/api/v1/runs", read, async (request) => {
      const q = request.query;
      const query: Parameters<LineageService["listRuns"]>[0] = {
        limit: intParam(q.limit, "limit", 1, 10_000, 50),
      };
      if (q.component !== undefined) query.component = checkComponentName(q.component, "component");
      const status = statusParam(q.status);
      if (status !== undefined) query.status = status;
      return { runs: await lineage.listRuns(query) };
    });
    app.get<{ Params: { id: string }; Querystring: Query }>("/api/v1/runs/:id", read, async (request) => {
      return lineage.getRun(checkRunId(request.params.id, "id"), staleDaysParam(request.query.stale_days));
    });
    app.get("/api/v1/components", read, async () => ({ components: await lineage.listComponents() }));
    app.get<{ Params: { name: string }; Querystring: Query }>(
      "/api/v1/components/:name/runs",
      read,
      async (request) => {
        const q = request.query;
        const query: Parameters<LineageService["componentHistory"]>[1] = {
          limit: intParam(q.limit, "limit", 1, 10_000, 50),
        };
        const from = timeParam(q.from, "from");
        const to = timeParam(q.to, "to");
        if (from !== undefined) query.fromMs = from;
        if (to !== undefined) query.toMs = to;
        if (from !== undefined && to !== undefined && to <= from) {
          throw new SightlineError("SL_INVALID_QUERY", "to must be after from", { field: "to" });
        }
        const status = statusParam(q.status);
        if (status !== undefined) query.status = status;
        return lineage.componentHistory(checkComponentName(request.params.name, "name"), query);
      },
    );
    app.get<{ Querystring: Query }>("/api/v1/lineage/trace", read, async (request) => {
      const q = request.query;
      exactlyOne(q, ["prediction", "run", "artifact"]);
      const options = traceOptions(q);
      if (q.prediction !== undefined) {
        if (q.model === undefined) {
          throw new SightlineError("SL_INVALID_QUERY", "model is required to trace a prediction", {
            field: "model",
          });
        }
        return lineage.tracePrediction(
          checkModelName(q.model),
          checkRunId(q.prediction, "prediction"),
          options,
        );
      }
      if (q.run !== undefined) return lineage.traceRun(checkRunId(q.run, "run"), options);
      const artifact = artifactParam(q);
      if (!artifact)
        throw new SightlineError("SL_INVALID_QUERY", "artifact is required", { field: "artifact" });
      return lineage.traceArtifact(artifact.artifact, artifact.hash, options);
    });
    app.get<{ Querystring: Query }>("/api/v1/lineage/impact", read, async (request) => {
      const q = request.query;
      exactlyOne(q, ["run", "artifact"]);
      const sample = intParam(q.sample, "sample", 0, 1000, 20);
      const artifact = artifactParam(q);
      return lineage.impact(artifact ?? { run: checkRunId(q.run, "run") }, sample);
    });
    app.post("/api/v1/lineage/flags", ingest, async (request, reply) => {
      const result = await lineage.flag(parseFlagTarget(jsonObject(request)));
      return reply.status(result.created ? 201 : 200).send(result);
    });
    app.delete<{ Querystring: Query }>("/api/v1/lineage/flags", ingest, async (request) => {
      const body =
        typeof request.body === "string" && request.body.trim() !== "" ? jsonObject(request) : request.query;
      return lineage.unflag(parseFlagTarget(body));
    });
    app.get<{ Querystring: Query }>("/api/v1/lineage/review", read, async (request) => {
      return lineage.review(intParam(request.query.limit, "limit", 1, 1000, 20));
    });
    app.get<{ Querystring: Query }>("/api/v1/lineage/stale", read, async (request) => {
      const q = request.query;
      const component = q.component === undefined ? undefined : checkComponentName(q.component, "component");
      return lineage.stale(staleDaysParam(q.stale_days), component);
    });
  };
}
