// The web UI's model page under load: a model with six months of daily windows (181 days, 200 predictions a
// day) and 50 numeric features (3 of them shifting in the last two months), seeded through the real HTTP API
// in NDJSON batches of 4,000 records, reference of 2,000 rows. Debian's Chromium (playwright-core) opens
// /models/bench?range=all and we time navigation -> drift matrix rendered with its last cell clickable
// (time to interactive), then a click -> the cell's numbers, its full record, and its distribution chart. The first load (cold server caches:
// reference profile, calibrated thresholds) is reported apart; the median of 5 fresh browser contexts after
// it. Also the bundle size of packages/web/dist/assets, raw and gzip, and what index.html loads first. Needs `tsc -b` and the web build
// first (`npm run bench` does the former; `npm run build -w @sightline/web` the latter).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { resolveServerConfig, startServer } from "../packages/server/dist/index.js";

const DAY = 86_400_000;
const DAYS = 181;
const PER_DAY = 200;
const FEATURES = 50;
const START = Date.UTC(2024, 0, 1);
const RUNS = 5;
const chromiumPath = process.env.SIGHTLINE_CHROMIUM ?? "/usr/bin/chromium";
const assets = fileURLToPath(new URL("../packages/web/dist/assets", import.meta.url));

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const uniform = mulberry32(11);
const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
const features = (shifted) =>
  Object.fromEntries(
    Array.from({ length: FEATURES }, (_, j) => [
      `f${j}`,
      Math.round((normal() + (shifted && j < 3 ? 1 : 0)) * 1000) / 1000,
    ]),
  );

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function post(url, body, type) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": type }, body });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

if (!existsSync(assets))
  throw new Error("packages/web/dist is missing: run `npm run build -w @sightline/web`");
const bundle = readdirSync(assets).map((name) => {
  const bytes = readFileSync(join(assets, name));
  return { name, raw: bytes.length, gzip: gzipSync(bytes).length };
});

const dir = mkdtempSync(join(tmpdir(), "sightline-bench-web-"));
const server = await startServer(
  resolveServerConfig(
    { port: 0, dataDir: dir, logLevel: "silent" },
    { SIGHTLINE_MONITOR_INTERVAL_SECONDS: "86400" },
  ),
);
let browser;
try {
  const api = `${server.url}/api/v1/models/bench`;
  const header = Array.from({ length: FEATURES }, (_, j) => `f${j}`).join(",");
  const referenceRows = Array.from({ length: 2000 }, () => Object.values(features(false)).join(","));
  await post(`${api}/versions/v1/reference`, [header, ...referenceRows].join("\n"), "text/csv");
  const seedStart = performance.now();
  let batch = [];
  let sent = 0;
  for (let day = 0; day < DAYS; day++) {
    for (let i = 0; i < PER_DAY; i++) {
      batch.push(
        JSON.stringify({
          id: `d${day}-${i}`,
          timestamp: START + day * DAY + Math.floor((i / PER_DAY) * DAY),
          version: "v1",
          features: features(day >= DAYS - 60),
          prediction: uniform() < 0.5 ? 1 : 0,
          latency_ms: 10 + uniform() * 40,
        }),
      );
      if (batch.length === 4000) {
        sent += (await post(`${api}/predictions`, batch.join("\n"), "application/x-ndjson")).accepted;
        batch = [];
      }
    }
  }
  if (batch.length > 0)
    sent += (await post(`${api}/predictions`, batch.join("\n"), "application/x-ndjson")).accepted;
  const seedSeconds = (performance.now() - seedStart) / 1000;

  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  const lastDay = new Date(START + (DAYS - 1) * DAY).toISOString();
  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // The matrix's answer: `/drift/matrix` (or `/drift` from UIs before it); the first one, not an opened cell's.
    let driftMs = Number.NaN;
    let driftBytes = Number.NaN;
    page.on("requestfinished", (request) => {
      if (!/\/drift(\/matrix)?\?/.test(request.url()) || !Number.isNaN(driftMs)) return;
      driftMs = performance.now() - start;
      request.sizes().then(
        (sizes) => {
          driftBytes = sizes.responseBodySize;
        },
        () => {},
      );
    });
    const start = performance.now();
    await page.goto(`${server.url}/models/bench?range=all`);
    const cell = page.locator(`button[data-column="f${FEATURES - 1}"][data-window="${lastDay}"]`);
    await cell.waitFor({ state: "visible", timeout: 120_000 });
    const interactiveMs = performance.now() - start;
    const cells = await page.locator("button.cell").count();
    const clickStart = performance.now();
    await cell.click();
    // The opened cell's numbers (the list of the test's record), not just its frame; then its full record
    // (UIs that show the matrix's numbers first mark the list data-complete="false" until it arrives).
    const facts = page.getByTestId("drift-cell").locator("dl");
    await facts.waitFor({ timeout: 60_000 });
    const openMs = performance.now() - clickStart;
    await page
      .getByTestId("drift-cell")
      .locator('dl:not([data-complete="false"])')
      .waitFor({ timeout: 120_000 });
    const recordMs = performance.now() - clickStart;
    // The reference against the window (its own `/drift/distribution` request, behind whatever the page
    // still has the server computing).
    await page.getByTestId("drift-cell").getByTestId("drift-distribution").waitFor({ timeout: 120_000 });
    const distributionMs = performance.now() - clickStart;
    // The server keeps computing what a closed page asked for: wait for the rest of the page (quality and
    // advice come after drift) so that the next run starts on an idle server.
    await page.getByTestId("quality").waitFor({ timeout: 120_000 });
    await page.getByTestId("advice").waitFor({ timeout: 120_000 });
    const settledMs = performance.now() - start;
    await context.close();
    if (errors.length > 0) throw new Error(`page errors: ${errors.join("; ")}`);
    return {
      interactiveMs,
      driftMs,
      driftBytes,
      renderMs: interactiveMs - driftMs,
      openMs,
      recordMs,
      distributionMs,
      settledMs,
      cells,
    };
  };
  const cold = await open();
  const warm = [];
  for (let run = 0; run < RUNS; run++) warm.push(await open());

  console.log(
    `seeded ${sent.toLocaleString("en-US")} predictions x ${FEATURES} features over ${DAYS} days in ${seedSeconds.toFixed(1)} s`,
  );
  console.log(`drift matrix: ${cold.cells.toLocaleString("en-US")} cells (features + prediction x windows)`);
  const row = (label, runs) => {
    const m = (key) => median(runs.map((r) => r[key])).toFixed(0);
    return `| ${label} | ${m("interactiveMs")} | ${m("driftMs")} | ${(median(runs.map((r) => r.driftBytes)) / 1000).toFixed(0)} | ${m("renderMs")} | ${m("openMs")} | ${m("recordMs")} | ${m("distributionMs")} | ${m("settledMs")} |`;
  };
  console.log(
    "| load | time to interactive (ms) | drift answered (ms) | drift answer (kB) | drift answer -> matrix clickable (ms) | click -> cell numbers (ms) | click -> cell's full record (ms) | click -> distribution drawn (ms) | whole page loaded (ms) |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  console.log(row("first (cold server caches)", [cold]));
  console.log(
    row(`median of ${RUNS} (runs: ${warm.map((w) => w.interactiveMs.toFixed(0)).join(", ")})`, warm),
  );
  console.log("| asset | raw (kB) | gzip (kB) |");
  console.log("| --- | ---: | ---: |");
  for (const file of bundle) {
    console.log(
      `| ${file.name.replace(/-[\w-]{8}\./, ".")} | ${(file.raw / 1000).toFixed(1)} | ${(file.gzip / 1000).toFixed(1)} |`,
    );
  }
  // What a first visit loads before any page renders: the assets index.html names (script, preloads, CSS).
  const html = readFileSync(join(assets, "..", "index.html"), "utf8");
  const initial = bundle.filter((file) => html.includes(`/assets/${file.name}`));
  const sum = (files, key) => (files.reduce((n, f) => n + f[key], 0) / 1000).toFixed(1);
  console.log(
    `| initial load (${initial.length} files) | ${sum(initial, "raw")} | ${sum(initial, "gzip")} |`,
  );
  console.log(`| all (${bundle.length} files) | ${sum(bundle, "raw")} | ${sum(bundle, "gzip")} |`);
} finally {
  await browser?.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
