import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Sightline } from "@sightline/sdk";
import type { DelayModel } from "./delay-model.js";
import { type AlertSummary, type DetectionSummary, summarizeDetection } from "./detection.js";
import { DAY_MS, type Flight } from "./flight.js";
import { FlightData } from "./flight-data.js";
import { FEATURE_ARTIFACT, FlightModelServer } from "./model-server.js";
import {
  brokenJoinFeatures,
  type FeatureTransform,
  kilometreFeatures,
  onlineFeatures,
} from "./online-features.js";
import { pipelineStep } from "./pipeline-step.js";
import { activeFailures, demoScenario, type FailureKind, replayDays } from "./scenario.js";
import { SightlineApi } from "./sightline-api.js";
import { MODEL, promote, runTrainingPipeline, type TrainingSpec } from "./training-pipeline.js";

/** Options of {@link runFlightsDemo}. */
export interface FlightsDemoOptions {
  /** The Sightline server's base URL. */
  url: string;
  apiKey?: string;
  /** The short version: 1 Feb - 10 Mar, 300 flights a day. */
  fast: boolean;
  /** Where messages go (one line each). */
  log: (line: string) => void;
  /** Called after each replayed day. */
  progress?: (done: number, total: number, dayMs: number) => void;
}

/** A failure's trace check: the affected prediction and whether its trace reached the faulty run. */
export interface TraceCheck {
  kind: FailureKind;
  prediction: string;
  expectedRun: string;
  reached: boolean;
}

/** What the demo did and found. */
export interface FlightsDemoResult {
  predictions: number;
  labels: number;
  detection: DetectionSummary;
  traces: TraceCheck[];
  /** True when every failure was detected in time, its trace reached the faulty run and the quiet period was quiet. */
  ok: boolean;
}

const d = (month: number, date: number) => Date.UTC(2001, month - 1, date);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// vega-datasets exports no subpaths: look for its data folder in node_modules up from this file.
function parquetPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "node_modules", "vega-datasets", "data", "flights-3m.parquet");
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("vega-datasets/data/flights-3m.parquet not found: run npm install");
    dir = parent;
  }
}

// Deterministic label lag from the id, so re-runs send the same labels at the same event times.
function labelLagMs(id: string, [min, max]: readonly [number, number]): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (min + (((h >>> 0) % 1000) / 1000) * (max - min)) * DAY_MS;
}

interface ServingState {
  failures: FailureKind[];
}

/**
 * The flagship demo against a running Sightline server: trains v1 (1-10 January) and v2 (January) with a
 * lineage-logged pipeline, promotes v2, starts an instrumented model server, replays February onwards in
 * event-time order with delayed labels, injects three silent failures and checks that alerts and traces
 * catch them.
 *
 * @example
 * const result = await runFlightsDemo({ url: server.url, fast: true, log: console.log });
 * process.exitCode = result.ok ? 0 : 1;
 */
export async function runFlightsDemo(options: FlightsDemoOptions): Promise<FlightsDemoResult> {
  const { log } = options;
  const scenario = demoScenario(options.fast);
  const api = new SightlineApi(options.url, options.apiKey);
  const key = options.apiKey === undefined ? {} : { apiKey: options.apiKey };
  const pipelineSl = new Sightline({ url: options.url, ...key });
  const servingSl = new Sightline({ url: options.url, ...key, maxBufferSize: 50_000 });
  const labelSl = new Sightline({ url: options.url, ...key, maxBufferSize: 50_000 });
  const data = await FlightData.open(parquetPath());
  const step = <T>(
    id: string,
    component: string,
    atMs: number,
    io: { inputs: string[]; outputs: string[]; params?: Record<string, string | number> },
    body: () => Promise<{ value: T; metrics?: Record<string, number> }>,
  ) => pipelineStep(pipelineSl, { id, component, atMs, ...io }, body);
  let server: FlightModelServer | undefined;
  try {
    const trained = new Map<string, DelayModel>();
    // A reference day holds as many flights as a replayed day, so the reference's own daily chunks are
    // as noisy as the windows they calibrate (docs/monitors.md, thresholds from reference chunks).
    const specs: TrainingSpec[] = [
      {
        version: "v1",
        atMs: d(1, 11),
        trainFromMs: d(1, 1),
        trainToMs: d(1, 9),
        testFromMs: d(1, 9),
        testToMs: d(1, 11),
        trainRows: 3000,
        referenceFromMs: d(1, 1),
        referenceRows: 10 * scenario.flightsPerDay,
      },
      {
        version: "v2",
        atMs: d(1, 31) + 20 * 3_600_000,
        trainFromMs: d(1, 1),
        trainToMs: d(1, 25),
        testFromMs: d(1, 25),
        testToMs: d(2, 1),
        trainRows: 8000,
        referenceFromMs: d(1, 1),
        referenceRows: 31 * scenario.flightsPerDay,
      },
    ];
    for (const spec of specs) {
      log(
        `pipeline ${spec.version}: clean → featuregen → split → train → evaluate → register (event time ${isoDay(spec.atMs)})`,
      );
      const result = await runTrainingPipeline(
        pipelineSl,
        api,
        data,
        spec,
        (id, component, offsetMin, io, body) => step(id, component, spec.atMs + offsetMin * 60_000, io, body),
      );
      trained.set(spec.version, result.model);
      await promote(api, spec.version);
      log(
        `  ${MODEL}/${spec.version}: F1 ${result.metrics.f1?.toFixed(3)}, ROC AUC ${result.metrics.roc_auc?.toFixed(3)}; production → ${spec.version}`,
      );
    }
    await pipelineSl.flush();
    log(
      "monitors: the defaults (drift thresholds from the reference's own days, Holm across each day's tests; quality against the reference's missing rate; serving version)",
    );

    server = await FlightModelServer.start(servingSl);
    log(`model server listening on ${server.url} (POST /predict), instrumented with @sightline/sdk`);
    const flights = await data.dailySample(scenario.fromMs, scenario.toMs, scenario.flightsPerDay);
    const byDay = new Map<number, Flight[]>();
    for (const f of flights) {
      const dayIndex = Math.floor((f.timestampMs - scenario.fromMs) / DAY_MS);
      byDay.set(dayIndex, [...(byDay.get(dayIndex) ?? []), f]);
    }
    log(
      `replay: ${flights.length} flights (${scenario.flightsPerDay} sampled per day), ${isoDay(scenario.fromMs)} to ${isoDay(scenario.toMs - 1)}; labels ${scenario.labelLagDays[0]}-${scenario.labelLagDays[1]} days after each flight`,
    );
    for (const f of scenario.failures)
      log(`  injected ${isoDay(f.startMs)} - ${isoDay(f.endMs - 1)}: ${f.title}`);

    const releaseRuns = new Map<string, string>();
    const affected = new Map<FailureKind, string>();
    let state: ServingState | null = null;
    const pendingLabels = new Map<number, { id: string; label: 0 | 1; atMs: number }[]>();
    const labeller = labelSl.model(MODEL);
    let predictions = 0;
    let labels = 0;
    const days = replayDays(scenario);
    for (const [index, dayMs] of days.entries()) {
      const failures = activeFailures(scenario, dayMs);
      if (state === null || failures.join() !== state.failures.join()) {
        const featureFailure = failures.includes("unit_change")
          ? "km"
          : failures.includes("broken_join")
            ? "broken-join"
            : "ok";
        const transform: FeatureTransform =
          featureFailure === "km"
            ? kilometreFeatures
            : featureFailure === "broken-join"
              ? brokenJoinFeatures(scenario.brokenAirport)
              : onlineFeatures;
        const hash = `release-${isoDay(dayMs)}-${featureFailure}`;
        const runId = `flights-featuregen-online-${isoDay(dayMs)}`;
        await pipelineStep(
          pipelineSl,
          {
            id: runId,
            component: "featuregen",
            atMs: dayMs - 30 * 60_000,
            inputs: ["flights.clean"],
            outputs: [{ name: FEATURE_ARTIFACT, hash, kind: "data" }],
            code: transform,
            params: { release: hash },
          },
          async () => ({ value: null }),
        );
        releaseRuns.set(hash, runId);
        await pipelineSl.flush();
        const version = await resolveProduction(api, failures.includes("stale_version"));
        const model = trained.get(version);
        if (model === undefined) throw new Error(`no trained model for ${version}`);
        server.deploy({ model, featureHash: hash, features: transform, atMs: dayMs });
        await pipelineSl.flush();
        await servingSl.flush();
        log(`  ${isoDay(dayMs)}: featuregen run ${runId} (${featureFailure}); serving ${version}`);
        state = { failures };
      }
      for (const l of pendingLabels.get(index) ?? []) labeller.label(l.id, l.label, l.atMs);
      labels += pendingLabels.get(index)?.length ?? 0;
      pendingLabels.delete(index);
      const today = byDay.get(index) ?? [];
      for (let i = 0; i < today.length; i += 250) {
        const batch = today.slice(i, i + 250);
        const response = await fetch(`${server.url}/predict`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ flights: batch }),
        });
        if (!response.ok) throw new Error(`model server: ${response.status} ${await response.text()}`);
        predictions += batch.length;
      }
      for (const kind of failures) {
        if (affected.has(kind)) continue;
        const hit =
          kind === "broken_join" ? today.find((f) => f.origin === scenario.brokenAirport) : today[0];
        if (hit !== undefined) affected.set(kind, hit.id);
      }
      for (const f of today) {
        const atMs = f.timestampMs + labelLagMs(f.id, scenario.labelLagDays);
        const due = Math.ceil((atMs - scenario.fromMs) / DAY_MS);
        pendingLabels.set(due, [...(pendingLabels.get(due) ?? []), { id: f.id, label: f.delayed, atMs }]);
      }
      await servingSl.flush();
      await labelSl.flush();
      await api.request("POST", "/api/v1/monitors/evaluate", {});
      options.progress?.(index + 1, days.length, dayMs);
    }
    await server.close(scenario.toMs);
    server = undefined;
    await pipelineSl.flush();

    const { alerts } = await api.get<{ alerts: AlertSummary[] }>(`/api/v1/alerts?model=${MODEL}&limit=1000`);
    const detection = summarizeDetection(scenario, alerts);
    const traces: TraceCheck[] = [];
    for (const failure of scenario.failures) {
      const prediction = affected.get(failure.kind);
      if (prediction === undefined) continue;
      const expectedRun =
        failure.kind === "stale_version"
          ? "flights-train-v1"
          : `flights-featuregen-online-${isoDay(failure.startMs)}`;
      const trace = await api.get<unknown>(
        `/api/v1/lineage/trace?model=${MODEL}&prediction=${encodeURIComponent(prediction)}`,
      );
      traces.push({
        kind: failure.kind,
        prediction,
        expectedRun,
        reached: JSON.stringify(trace).includes(`"id":"${expectedRun}"`),
      });
    }
    const ok =
      detection.failures.every((f) => f.detected) &&
      traces.length === scenario.failures.length &&
      traces.every((t) => t.reached) &&
      detection.quietAlerts.length === 0;
    return { predictions, labels, detection, traces, ok };
  } finally {
    if (server !== undefined) await server.close(scenario.toMs);
    await Promise.all([pipelineSl.close(), servingSl.close(), labelSl.close()]);
    data.close();
  }
}

/** Which version the model server loads; with the promotion bug, the audit trail's previous version. */
async function resolveProduction(api: SightlineApi, promotionBug: boolean): Promise<string> {
  if (promotionBug) {
    const { audit } = await api.get<{
      audit: { action: string; alias: string | null; previous_version: string | null }[];
    }>(`/api/v1/models/${MODEL}/audit?limit=100`);
    const last = audit.find((a) => a.action === "promote" && a.alias === "production");
    if (last?.previous_version) return last.previous_version;
  }
  const listing = await api.get<{ aliases?: Record<string, string> }>(`/api/v1/models/${MODEL}`);
  const version = listing.aliases?.production;
  if (version === undefined) throw new Error(`${MODEL} has no production version`);
  return version;
}
