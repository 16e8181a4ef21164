import type { FastifyPluginAsync } from "fastify";
import { type Monitor, monitorToJson } from "../../engine/monitors/monitor.js";
import { parseMonitor } from "../../engine/monitors/parse-monitor.js";
import { SightlineError } from "../../errors.js";
import { checkModelName, isValidName } from "../../names.js";
import { parseJsonObject } from "../../registry/parse-registry-body.js";
import type { AppServices } from "../app.js";

function monitorName(name: string): string {
  if (!isValidName(name)) {
    throw new SightlineError(
      "SL_INVALID_MONITOR",
      `monitor name ${JSON.stringify(name.slice(0, 200))} is invalid`,
      {
        field: "name",
      },
    );
  }
  return name;
}

/**
 * `/api/v1/monitors`: list (with defaults, file and API monitors and where each came from), create, replace,
 * delete (a default or file monitor is switched off instead), and evaluate now.
 */
export function monitorRoutes(services: AppServices): FastifyPluginAsync {
  return async (app) => {
    const read = { config: { role: "read" } };
    const admin = { config: { role: "admin" } };
    const monitors = services.monitors;
    // With the delay in force and where it came from (observed label lag, stated, default).
    const shown = async (monitor: Monitor) =>
      monitorToJson(monitor, (await monitors.currentLabelDelays([monitor])).get(monitor.name));

    app.get<{ Querystring: { model?: string } }>("/api/v1/monitors", read, async (request) => {
      const model = request.query.model === undefined ? undefined : checkModelName(request.query.model);
      const list = (await monitors.listMonitors()).filter((m) => model === undefined || m.model === model);
      const delays = await monitors.currentLabelDelays(list);
      return {
        monitors: list.map((m) => monitorToJson(m, delays.get(m.name))),
        notifiers: monitors.notifierNames,
      };
    });

    app.get<{ Params: { name: string } }>("/api/v1/monitors/:name", read, async (request) => {
      const monitor = await monitors.getMonitor(monitorName(request.params.name));
      if (!monitor) throw new SightlineError("SL_NOT_FOUND", `no monitor ${request.params.name}`);
      return { monitor: await shown(monitor) };
    });

    app.post("/api/v1/monitors", admin, async (request, reply) => {
      const monitor = parseMonitor(parseJsonObject(request.body), "monitor", "api");
      if (await monitors.getMonitor(monitor.name)) {
        throw new SightlineError(
          "SL_CONFLICT",
          `monitor ${monitor.name} exists; PUT /api/v1/monitors/${monitor.name} replaces it`,
        );
      }
      await monitors.putMonitor(monitor);
      return reply.status(201).send({ monitor: await shown({ ...monitor, source: "api" }) });
    });

    app.put<{ Params: { name: string } }>("/api/v1/monitors/:name", admin, async (request) => {
      const name = monitorName(request.params.name);
      const body = parseJsonObject(request.body);
      if (body.name !== undefined && body.name !== name) {
        throw new SightlineError(
          "SL_INVALID_MONITOR",
          `monitor.name '${String(body.name)}' differs from the URL's '${name}'`,
          {
            field: "monitor.name",
          },
        );
      }
      const monitor = parseMonitor({ ...body, name }, "monitor", "api");
      await monitors.putMonitor(monitor);
      return { monitor: await shown({ ...monitor, source: "api" }) };
    });

    app.delete<{ Params: { name: string } }>("/api/v1/monitors/:name", admin, async (request, reply) => {
      const name = monitorName(request.params.name);
      if (!(await monitors.deleteMonitor(name)))
        throw new SightlineError("SL_NOT_FOUND", `no monitor ${name}`);
      return reply.status(204).send();
    });

    app.post("/api/v1/monitors/evaluate", admin, async () => {
      await monitors.scheduler.runNow();
      return { evaluated: true };
    });
  };
}
