import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, resolveServerConfig, startServer } from "sightline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS } from "./flight.js";
import { type FlightsDemoResult, runFlightsDemo } from "./run-flights-demo.js";
import { demoScenario } from "./scenario.js";

// Acceptance test of issue 7: the --fast demo from a clean data directory (about 15-30 s here).
describe("flights demo --fast", () => {
  const scenario = demoScenario(true);
  let dir: string;
  let server: RunningServer;
  let result: FlightsDemoResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sightline-flights-"));
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    result = await runFlightsDemo({ url: server.url, fast: true, log: () => {} });
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("replays every sampled day with labels", () => {
    const days = (scenario.toMs - scenario.fromMs) / DAY_MS;
    expect(result.predictions).toBe(days * scenario.flightsPerDay);
    expect(result.labels).toBeGreaterThan(0.8 * result.predictions);
  });

  it("raises each injected failure's alert within the stated windows", () => {
    for (const f of result.detection.failures) {
      expect(f.detected, f.failure.title).toBe(true);
      expect(f.window).toBeLessThanOrEqual(scenario.detectWithinWindows);
    }
  });

  it("fires no alert in the quiet period and reports natural drift without an alert storm", () => {
    expect(result.detection.quietAlerts).toEqual([]);
    expect(result.detection.naturalDriftAlerts.length).toBeLessThanOrEqual(2);
  });

  it("traces an affected prediction of each failure to the faulty run or version", () => {
    expect(result.traces.map((t) => [t.kind, t.reached])).toEqual([
      ["unit_change", true],
      ["broken_join", true],
      ["stale_version", true],
    ]);
    expect(result.ok).toBe(true);
  });
});
