import { expect } from "vitest";

/** The first day of the seeded predictions (UTC). */
export const SEED_START_MS = Date.UTC(2024, 2, 1);
export const SEED_DAYS = 10;
/** Day index (0-based) from which `distance` shifts: 2024-03-06. */
export const SHIFT_DAY = 5;
/** Days (0-based) whose labels arrive, three days late. */
export const LABELLED_DAYS = 4;
const DAY_MS = 86_400_000;
const PER_DAY = 240;

/** Mulberry32: a seeded uniform generator on [0, 1), so every run seeds the same data. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

interface Row {
  distance: number;
  hour: number;
  origin: string;
  score: number;
  label: number;
}

function row(uniform: () => number, shifted: boolean): Row {
  const score = Math.round((1 / (1 + Math.exp(-1.5 * normal(uniform)))) * 1000) / 1000;
  return {
    distance: Math.round((shifted ? 1400 : 1000) + 150 * normal(uniform)),
    hour: Math.floor(uniform() * 24),
    origin: ["JFK", "SFO", "ORD"][Math.floor(uniform() * 3)] as string,
    score,
    label: uniform() < score ? 1 : 0,
  };
}

async function send(url: string, body: string, type: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": type }, body });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

/**
 * Seeds `model` through the HTTP API: a reference for v1 (2,000 rows), 240 predictions a day over 10 days
 * from 2024-03-01 (a third tagged region eu, the rest us) where `distance` shifts by 2.7 sd from day 6, a few failed inferences, labels for the
 * first 4 days arriving 3 days late; then runs the monitors (the default drift monitor fires).
 */
export async function seedDriftedModel(baseUrl: string, model: string): Promise<void> {
  const uniform = mulberry32(7);
  const api = `${baseUrl}/api/v1/models/${model}`;
  const reference = Array.from({ length: 2000 }, () => row(uniform, false));
  const csv = [
    "distance,hour,origin,score,prediction,label",
    ...reference.map(
      (r) => `${r.distance},${r.hour},${r.origin},${r.score},${r.score >= 0.5 ? 1 : 0},${r.label}`,
    ),
  ].join("\n");
  expect((await send(`${api}/versions/v1/reference`, csv, "text/csv")).status).toBe(201);
  const predictions: unknown[] = [];
  const labels: unknown[] = [];
  for (let day = 0; day < SEED_DAYS; day++) {
    for (let i = 0; i < PER_DAY; i++) {
      const r = row(uniform, day >= SHIFT_DAY);
      const timestampMs = SEED_START_MS + day * DAY_MS + Math.floor((i / PER_DAY) * DAY_MS);
      const id = `p-${day}-${i}`;
      const failed = i % 120 === 7;
      predictions.push({
        id,
        timestamp: new Date(timestampMs).toISOString(),
        version: "v1",
        features: { distance: r.distance, hour: r.hour, origin: r.origin },
        ...(failed
          ? { error: "timeout" }
          : { prediction: r.score >= 0.5 ? 1 : 0, scores: { "0": 1 - r.score, "1": r.score } }),
        latency_ms: 20 + Math.round(uniform() * 300) / 10,
        tags: { region: i % 3 === 0 ? "eu" : "us" },
      });
      if (day < LABELLED_DAYS && !failed) {
        labels.push({ id, label: r.label, timestamp: new Date(timestampMs + 3 * DAY_MS).toISOString() });
      }
    }
  }
  const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n");
  const sent = await send(`${api}/predictions`, ndjson(predictions), "application/x-ndjson");
  expect((sent.json as { accepted: number }).accepted).toBe(predictions.length);
  const labelled = await send(`${api}/labels`, ndjson(labels), "application/x-ndjson");
  expect((labelled.json as { accepted: number }).accepted).toBe(labels.length);
  expect((await send(`${baseUrl}/api/v1/monitors/evaluate`, "{}", "application/json")).status).toBe(200);
}
