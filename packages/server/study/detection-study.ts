// Drift detection study on the 3 million flights of vega-datasets (2001-01-01 .. 2001-06-30), through the
// engine's own services on a DuckDB store in a temp dir: reference = Jan 1-21 (uploaded as a version's
// parquet reference), daily windows. Part 1: alarms per feature-window on the January holdout (Jan 22-31)
// and on the natural months February-June. Part 2: three shifts injected from 2001-02-05 into copies of
// Jan 22 - Feb 28 (miles -> km on distance, 10% nulls in origin, +15 min on delay): detection delay in
// windows. Rules compared on the same windows: the engine default (auto method; threshold = the largest of
// the minimum effect, the sampling threshold at the window's size and the spread of the reference's own
// days), the same without the reference days (the default before session 3), the sampling threshold alone
// (minEffect 0, no reference days), and raw p < 0.05 (binned KS for numbers, chi-square for categories).
// Run from packages/server:
// `npx tsx study/detection-study.ts` (prints Markdown tables; docs/detection-study.md holds the results).

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateMonitors, type MonitorCheck } from "../src/engine/alerts/evaluate-monitors.js";
import { qualityCheckProvider } from "../src/engine/check-providers.js";
import type { DriftAnswer, DriftOptions } from "../src/engine/drift/drift-service.js";
import { defaultMonitors } from "../src/engine/monitors/default-monitors.js";
import type { Monitor } from "../src/engine/monitors/monitor.js";
import { buildWindowEngine } from "../src/engine/window-engine.js";
import { ContractRegistry } from "../src/ingest/contract-registry.js";
import { ReferenceService } from "../src/reference/reference-service.js";
import { DuckDbStore } from "../src/store/duckdb/duckdb-store.js";

const parquet = fileURLToPath(
  new URL("../../../node_modules/vega-datasets/data/flights-3m.parquet", import.meta.url),
);
const DAY = 86_400_000;
const JAN = Date.UTC(2001, 0, 1);
const HOLDOUT_FROM = Date.UTC(2001, 0, 22);
const FEB = Date.UTC(2001, 1, 1);
const SHIFT_FROM = Date.UTC(2001, 1, 5);
const SCENARIO_TO = Date.UTC(2001, 2, 1);
const TO = Date.UTC(2001, 6, 1);
const FEATURES = ["delay", "distance", "origin", "destination", "hour"] as const;
const CATEGORICAL = new Set(["origin", "destination"]);
const MONTHS = ["Jan 22-31", "Feb", "Mar", "Apr", "May", "Jun"];
const SCENARIOS = [
  {
    model: "flights-distance-km",
    column: "distance",
    expr: "distance * 1.609",
    label: "distance miles -> km (x1.609)",
  },
  {
    model: "flights-origin-nulls",
    column: "origin",
    expr: "CASE WHEN hash(date, origin, destination, delay, distance) % 10 = 0 THEN NULL ELSE origin END",
    label: "10% nulls in origin",
  },
  { model: "flights-delay-15", column: "delay", expr: "delay + 15", label: "delay + 15 min" },
] as const;

type Rule = "default" | "sampling" | "calibrated" | "raw";
const RULES: Rule[] = ["default", "sampling", "calibrated", "raw"];
const RULE_NAMES: Record<Rule, string> = {
  default: "engine default (min effect, sampling, reference days)",
  sampling: "without reference days (min effect, sampling)",
  calibrated: "sampling threshold only (minEffect 0)",
  raw: "raw p < 0.05 (binned KS / chi²)",
};
const RULE_OPTIONS: Record<Rule, DriftOptions> = {
  default: { multivariate: true },
  sampling: { referenceChunks: false, multivariate: false },
  calibrated: { minEffect: 0, referenceChunks: false, multivariate: false },
  raw: { methods: ["binned-ks", "chi-square"], referenceChunks: false, multivariate: false },
};

/** One feature in one window under one rule. */
interface Flag {
  fromMs: number;
  column: string;
  rule: Rule;
  method: string;
  statistic: number;
  pValue: number | null;
  threshold: number;
  source: string;
  drift: boolean;
}

/** The result a rule reads from an answer: raw p-values use binned KS on numbers, chi-square on categories. */
function flags(answer: DriftAnswer, rule: Rule): Flag[] {
  const out: Flag[] = [];
  for (const w of answer.windows) {
    for (const c of w.columns) {
      if (rule === "raw" && c.method !== (CATEGORICAL.has(c.column) ? "chi-square" : "binned-ks")) continue;
      out.push({
        fromMs: w.fromMs,
        column: c.column,
        rule,
        method: c.method,
        statistic: c.statistic,
        pValue: c.p_value,
        threshold: c.threshold,
        source: c.threshold_source,
        drift: c.drift_detected,
      });
    }
    if (rule === "default" && w.multivariate) {
      const m = w.multivariate;
      out.push({
        fromMs: w.fromMs,
        column: "multivariate (PCA)",
        rule,
        method: m.method,
        statistic: m.statistic,
        pValue: null,
        threshold: m.upper,
        source: "pca band",
        drift: m.drift_detected,
      });
    }
  }
  return out;
}

function period(fromMs: number): string {
  return fromMs < FEB ? "Jan 22-31" : (MONTHS[new Date(fromMs).getUTCMonth()] ?? "?");
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? (s[mid] as number)
      : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));
const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(1);
const columnsOf = (all: Flag[]) => [...new Set(all.map((f) => f.column))];

function quietTables(all: Flag[]): void {
  console.log("\n### Alarms per feature and period (alarmed windows / windows)\n");
  console.log(`| feature | rule | ${MONTHS.join(" | ")} | Feb-Jun alarms per feature-month |`);
  console.log(`| --- | --- | ${MONTHS.map(() => "---").join(" | ")} | --- |`);
  for (const column of columnsOf(all)) {
    for (const rule of RULES) {
      const mine = all.filter((f) => f.column === column && f.rule === rule);
      if (mine.length === 0) continue;
      const cells = MONTHS.map((m) => {
        const inMonth = mine.filter((f) => period(f.fromMs) === m);
        return `${inMonth.filter((f) => f.drift).length}/${inMonth.length}`;
      });
      const natural = mine.filter((f) => f.fromMs >= FEB);
      const perMonth = natural.filter((f) => f.drift).length / 5;
      console.log(`| ${column} | ${RULE_NAMES[rule]} | ${cells.join(" | ")} | ${perMonth.toFixed(1)} |`);
    }
  }
  console.log("\n### Totals over the features (feature-windows alarmed / feature-windows)\n");
  console.log("| rule | Jan 22-31 holdout | rate | Feb-Jun | rate |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const rule of RULES) {
    const mine = all.filter(
      (f) => f.rule === rule && FEATURES.includes(f.column as (typeof FEATURES)[number]),
    );
    const hold = mine.filter((f) => f.fromMs < FEB);
    const nat = mine.filter((f) => f.fromMs >= FEB);
    const a = hold.filter((f) => f.drift).length;
    const b = nat.filter((f) => f.drift).length;
    console.log(
      `| ${RULE_NAMES[rule]} | ${a}/${hold.length} | ${fmt(a / hold.length, 2)} | ${b}/${nat.length} | ${fmt(b / nat.length, 2)} |`,
    );
  }
  console.log("\n### Effect sizes: median statistic per period (default rule), and median threshold\n");
  console.log(
    `| feature | method | ${MONTHS.join(" | ")} | median threshold (default) | deciding part | median sampling threshold |`,
  );
  console.log(`| --- | --- | ${MONTHS.map(() => "---").join(" | ")} | --- | --- | --- |`);
  for (const column of columnsOf(all)) {
    const mine = all.filter((f) => f.column === column && f.rule === "default");
    const cal = all.filter((f) => f.column === column && f.rule === "calibrated");
    const sources = [...new Set(mine.map((f) => f.source))].join(", ");
    const cells = MONTHS.map((m) =>
      fmt(median(mine.filter((f) => period(f.fromMs) === m).map((f) => f.statistic))),
    );
    console.log(
      `| ${column} | ${mine[0]?.method ?? "-"} | ${cells.join(" | ")} | ${fmt(median(mine.map((f) => f.threshold)))} | ${sources} | ${cal.length ? fmt(median(cal.map((f) => f.threshold))) : "-"} |`,
    );
  }
}

function scenarioTable(label: string, shifted: string, all: Flag[], quiet: Flag[]): void {
  console.log(`\n### ${label} (from ${new Date(SHIFT_FROM).toISOString().slice(0, 10)})\n`);
  console.log(
    "| feature | rule | alarms before (Jan 22-Feb 4) | first alarm after start (delay, windows) | shifted windows alarmed | same as unshifted stream | median statistic before -> after |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const column of columnsOf(all)) {
    for (const rule of RULES) {
      const mine = all
        .filter((f) => f.column === column && f.rule === rule)
        .sort((a, b) => a.fromMs - b.fromMs);
      if (mine.length === 0) continue;
      const before = mine.filter((f) => f.fromMs < SHIFT_FROM);
      const after = mine.filter((f) => f.fromMs >= SHIFT_FROM);
      const first = after.find((f) => f.drift);
      const delay = first ? `${Math.round((first.fromMs - SHIFT_FROM) / DAY)}` : "never";
      const reference = new Map(
        quiet.filter((f) => f.column === column && f.rule === rule).map((f) => [f.fromMs, f.drift]),
      );
      const same = after.every((f) => reference.get(f.fromMs) === f.drift) ? "yes" : "no";
      const name = column === shifted ? `**${column}** (shifted)` : column;
      const moved =
        rule === "default" || rule === "raw"
          ? `${fmt(median(before.map((f) => f.statistic)))} -> ${fmt(median(after.map((f) => f.statistic)))}`
          : "";
      console.log(
        `| ${name} | ${RULE_NAMES[rule]} | ${before.filter((f) => f.drift).length}/${before.length} | ${delay} | ${after.filter((f) => f.drift).length}/${after.length} | ${same} | ${moved} |`,
      );
    }
  }
}

/** Missing-rate checks of the origin-nulls model, judged by the default monitors and by a fixed bound. */
async function qualityMonitors(engine: ReturnType<typeof buildWindowEngine>, model: string): Promise<void> {
  const provider = qualityCheckProvider(engine.quality);
  const checks: MonitorCheck[] = [];
  for (let from = HOLDOUT_FROM; from < SCENARIO_TO; from += DAY) {
    checks.push(
      ...(await provider.checks({ model, window: { fromMs: from, toMs: from + DAY }, nowMs: from + DAY })),
    );
  }
  const defaults = defaultMonitors([model]).filter((m) => m.kind === "quality");
  const fixed: Monitor = {
    ...(defaults[0] as Monitor),
    name: `${model}.missing`,
    metric: "missing_rate",
    threshold: { above: 0.01 },
    source: "file",
  };
  const missing = checks.filter((c) => c.metric === "missing_rate" && c.subject === "origin");
  const rates = missing.map((c) => c.value as number);
  const pre = rates.slice(0, Math.round((SHIFT_FROM - HOLDOUT_FROM) / DAY));
  const post = rates.slice(pre.length);
  console.log(
    `\norigin missing_rate per day: before ${fmt(Math.max(...pre))} max; after min ${fmt(Math.min(...post))}, max ${fmt(Math.max(...post))}`,
  );
  for (const monitor of [...defaults, fixed]) {
    const { events } = evaluateMonitors({
      monitors: [monitor],
      checks,
      previous: [],
      silences: [],
      nowMs: SCENARIO_TO,
      publicUrl: "http://127.0.0.1:7070",
    });
    const firing = events.filter((e) => e.type === "firing");
    const first = firing.map((e) => e.alert.startsMs).sort((a, b) => a - b)[0];
    const rule = JSON.stringify(monitor.threshold);
    console.log(
      `monitor ${monitor.name} ${rule}${monitor.metric ? ` metric ${monitor.metric}` : ""}: ${firing.length} firing events (${[...new Set(firing.map((e) => e.alert.subject))].join(", ") || "none"}), first window ${first === undefined ? "none" : new Date(first).toISOString().slice(0, 10)}`,
    );
  }
}

const started = performance.now();
const dir = mkdtempSync(join(tmpdir(), "sightline-detection-study-"));
try {
  const store = await DuckDbStore.open(dir);
  const source = `read_parquet('${parquet}')`;
  const referenceFile = join(dir, "reference.parquet");
  const run = (sql: string) => store.db.write((conn) => store.db.run(conn, sql));
  await run(
    `COPY (SELECT date AS timestamp, delay, distance, origin, destination, hour(date) AS hour FROM ${source} WHERE date < TIMESTAMP '2001-01-22') TO '${referenceFile}' (FORMAT parquet)`,
  );
  const references = new ReferenceService(
    store,
    new ContractRegistry(),
    undefined,
    join(dir, "tmp"),
    () => 0,
  );
  const insert = async (model: string, fromMs: number, toMs: number, overrides: Record<string, string>) => {
    const value = (c: string) =>
      overrides[c] ? `CASE WHEN epoch_ms(date) >= ${SHIFT_FROM} THEN ${overrides[c]} ELSE ${c} END` : c;
    await references.upload(model, "v1", readFileSync(referenceFile), "parquet");
    await run(
      `INSERT INTO predictions (model, id, ts_ms, version, features, violation_count, received_ms)
       SELECT '${model}', CAST(row_number() OVER () AS VARCHAR), epoch_ms(date), 'v1',
              json_object('delay', ${value("delay")}, 'distance', ${value("distance")}, 'origin', ${value("origin")},
                          'destination', destination, 'hour', hour(date))::VARCHAR, 0, 0
       FROM ${source} WHERE epoch_ms(date) >= ${fromMs} AND epoch_ms(date) < ${toMs}`,
    );
  };
  let step = performance.now();
  await insert("flights", JAN, TO, {});
  for (const s of SCENARIOS) await insert(s.model, HOLDOUT_FROM, SCENARIO_TO, { [s.column]: s.expr });
  console.log(`loaded predictions in ${seconds(step)} s`);

  const engine = buildWindowEngine(store);
  const driftOf = async (model: string, toMs: number) => {
    const all: Flag[] = [];
    for (const rule of RULES) {
      const answer = await engine.drift.drift(
        { model, fromMs: HOLDOUT_FROM, toMs, sizeMs: DAY, originMs: 0, version: "v1" },
        RULE_OPTIONS[rule],
      );
      all.push(...flags(answer, rule));
    }
    return all;
  };
  step = performance.now();
  const quiet = await driftOf("flights", TO);
  console.log(`quiet stream: ${quiet.length} results in ${seconds(step)} s`);
  quietTables(quiet);
  for (const s of SCENARIOS) {
    step = performance.now();
    const shifted = await driftOf(s.model, SCENARIO_TO);
    scenarioTable(s.label, s.column, shifted, quiet);
    if (s.column === "origin") await qualityMonitors(engine, s.model);
    console.log(`(${s.model}: ${seconds(step)} s)`);
  }
  await store.close();
  console.log(
    `\n${new Date().toISOString()}, ${cpus().length} cores, Node ${process.version}, total ${seconds(started)} s`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
