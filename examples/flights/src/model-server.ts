import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { modelArtifact, type RunHandle, type Sightline } from "@sightline/sdk";
import { type DelayModel, scoreDelay } from "./delay-model.js";
import type { Flight, FlightFeatures } from "./flight.js";
import type { FeatureTransform } from "./online-features.js";
import { MODEL } from "./training-pipeline.js";

/** What the server is serving: a model version and the online feature release it reads. */
export interface Deployment {
  model: DelayModel;
  /** The feature artifact's content hash (the featuregen run that wrote it). */
  featureHash: string;
  features: FeatureTransform;
  /** Event time the deployment starts serving. */
  atMs: number;
}

/** One answer of `POST /predict`. */
export interface PredictionAnswer {
  id: string;
  score: number;
  delayed: 0 | 1;
  version: string;
}

export const FEATURE_ARTIFACT = "flights.features.online";

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/**
 * The flight-delay model server: `POST /predict` with `{ flights: [...] }` scores each flight with the
 * deployed version, reading its features through the deployed online feature transform, and logs every
 * prediction with the SDK, stamped with its serving run (a lineage run whose inputs are the model artifact
 * and the feature artifact). Each deployment ends the previous serving run and starts a new one.
 *
 * @example
 * const server = await FlightModelServer.start(sl);
 * server.deploy({ model: v2, featureHash: "release-2001-02-01", features: onlineFeatures, atMs });
 */
export class FlightModelServer {
  private deployment: Deployment | null = null;
  /** The deployed model's scoring, wrapped by the SDK: logged on the flight's event time. */
  private score: ((features: FlightFeatures, flight: Flight) => number) | null = null;
  private serving: RunHandle | null = null;

  private constructor(
    private readonly sl: Sightline,
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(sl: Sightline): Promise<FlightModelServer> {
    let self: FlightModelServer | undefined;
    const server = createServer((request, response) => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.method !== "POST" || request.url !== "/predict")
        return reply(404, { error: "POST /predict" });
      readJson(request).then(
        (body) => {
          const flights = (body as { flights?: unknown }).flights;
          if (!Array.isArray(flights)) return reply(400, { error: "body.flights must be an array" });
          try {
            reply(200, { predictions: self?.predict(flights as Flight[]) ?? [] });
          } catch (error) {
            reply(503, { error: error instanceof Error ? error.message : String(error) });
          }
        },
        () => reply(400, { error: "body must be JSON" }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    self = new FlightModelServer(sl, server, `http://127.0.0.1:${port}`);
    return self;
  }

  /** The version currently served, if any. */
  get servedVersion(): string | null {
    return this.deployment?.model.version ?? null;
  }

  /** The serving run of the current deployment. */
  get servingRunId(): string | null {
    return this.serving?.id ?? null;
  }

  /** Switches to a new deployment; returns its serving run id (stable for the same version, features and time). */
  deploy(deployment: Deployment): string {
    this.endServingRun(deployment.atMs);
    const version = deployment.model.version;
    const { model } = deployment;
    this.serving = this.sl
      .component("inference", { description: "the flight-delay model server", owner: "flights-demo" })
      .start({
        id: `flights-serve-${version}-${deployment.featureHash}`,
        inputs: [
          modelArtifact(MODEL, version),
          { name: FEATURE_ARTIFACT, hash: deployment.featureHash, kind: "data" },
        ],
        params: { version },
        // The replay's clock: the serving run starts when the deployment does, in 2001.
        clock: () => deployment.atMs,
      });
    const logger = this.sl.model(MODEL, { version, runId: this.serving.id });
    this.score = logger.wrap((features: FlightFeatures, _flight: Flight) => scoreDelay(model, features), {
      features: ([features]) => ({ ...features }),
      id: ([, flight]) => flight.id,
      timestamp: ([, flight]) => flight.timestampMs,
      prediction: (score) => (score >= model.threshold ? 1 : 0),
      scores: (score) => ({ "1": Number(score.toFixed(4)), "0": Number((1 - score).toFixed(4)) }),
    });
    this.deployment = deployment;
    return this.serving.id;
  }

  private endServingRun(atMs: number): void {
    if (this.serving === null || this.deployment === null) return;
    this.serving.end({ endTime: Math.max(atMs, this.deployment.atMs) });
    this.serving = null;
  }

  private predict(flights: readonly Flight[]): PredictionAnswer[] {
    const deployment = this.deployment;
    const score = this.score;
    if (deployment === null || score === null) throw new Error("no model deployed");
    return flights.map((flight) => {
      const s = score(deployment.features(flight), flight);
      const delayed = s >= deployment.model.threshold ? 1 : 0;
      return { id: flight.id, score: s, delayed, version: deployment.model.version };
    });
  }

  /** Ends the serving run at `atMs` and stops listening. */
  async close(atMs: number): Promise<void> {
    this.endServingRun(atMs);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
