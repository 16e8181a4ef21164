// The alert listing's server-side filters on a big alert table: 200,000 alerts (BENCH_ALERTS) bulk-loaded with
// SQL in a temporary DuckDB file, laid out as the store writes them (columns plus the JSON body). Timed
// through the store's listAlerts (the SQL the API runs), median and p95 of 20 runs each: the newest page
// unfiltered, label filters on a monitor label (rare and common), on the alert's own fields and columns, and a
// keyset page deep in the listing. Also counts what the old browser-side filter over the newest 500 found.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDbStore } from "../packages/server/dist/store/duckdb/duckdb-store.js";

const count = Number(process.env.BENCH_ALERTS ?? 200_000);
const repeats = 20;
const t0 = Date.UTC(2024, 0, 1);

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function time(fn) {
  const times = [];
  let last;
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    last = await fn();
    times.push(performance.now() - t);
  }
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95), rows: last.length };
}

// Alert i starts i minutes after t0 (so higher i is newer); every 1000th is labelled team=rare and critical,
// the others spread over five teams and 50 monitors of 10 models.
async function seed(db) {
  await db.write((conn) =>
    db.run(
      conn,
      `INSERT INTO alerts
       SELECT id, 'f-' || i, monitor, model, state, starts_ms, starts_ms + 3600000,
              CASE WHEN state = 'resolved' THEN starts_ms + 7200000 END, starts_ms + 7200000, NULL, NULL,
              json_object('id', id, 'fingerprint', 'f-' || i, 'monitor', monitor, 'model', model, 'kind', 'drift',
                'subject', 'f' || (i % 20), 'version', CASE WHEN i % 2 = 0 THEN 'v1' END, 'segment', NULL,
                'severity', severity, 'labels', json_object('team', team), 'notify', json('[]'), 'state', state,
                'startsMs', starts_ms, 'firedMs', starts_ms + 3600000,
                'resolvedMs', CASE WHEN state = 'resolved' THEN starts_ms + 7200000 END,
                'lastWindowToMs', starts_ms + 7200000,
                'evidence', json_object('metric', 'psi', 'value', 0.3, 'threshold', 0.2,
                  'rule', json_object('calibrated', true),
                  'window', json_object('fromMs', starts_ms, 'toMs', starts_ms + 3600000), 'rows', 1000,
                  'check', json_object('method', 'psi'), 'link', ''))::VARCHAR
       FROM (
         SELECT i, printf('alert-%08d', i) AS id, 'model-' || (i % 10) AS model,
                'model-' || (i % 10) || '.m' || (i % 50) AS monitor, ${t0} + i * 60000 AS starts_ms,
                CASE i % 3 WHEN 0 THEN 'firing' WHEN 1 THEN 'pending' ELSE 'resolved' END AS state,
                CASE WHEN i % 1000 = 7 THEN 'rare' ELSE ['ml', 'risk', 'data', 'ops', 'web'][1 + i % 5] END AS team,
                CASE WHEN i % 1000 = 7 OR i % 20 = 0 THEN 'critical' ELSE 'warning' END AS severity
         FROM range(${count}) r(i))`,
    ),
  );
}

const dir = mkdtempSync(join(tmpdir(), "sl-bench-alerts-"));
const store = await DuckDbStore.open(dir);
try {
  let started = performance.now();
  await seed(store.db);
  const seedSeconds = (performance.now() - started) / 1000;
  const alerts = store.alerts;
  const label = (key, value) => ({ key, value });
  const cases = [
    ["newest 500, no filter", { limit: 501 }],
    ["state=firing", { state: "firing", limit: 501 }],
    ["monitor=model-3.m13 (column)", { monitor: "model-3.m13", limit: 501 }],
    ["label team=ml (monitor label, common)", { labels: [label("team", "ml")], limit: 501 }],
    ["label team=rare (monitor label, 1 in 1000)", { labels: [label("team", "rare")], limit: 501 }],
    [
      "label severity=critical + team=ml + state=firing",
      { state: "firing", labels: [label("severity", "critical"), label("team", "ml")], limit: 501 },
    ],
    ["label version=v1 (own field or monitor label)", { labels: [label("version", "v1")], limit: 501 }],
  ];
  const deep = (await alerts.listAlerts({ labels: [label("team", "ml")], limit: 20_001 })).at(-1);
  cases.push([
    "label team=ml, page after 20,000 matches (before=)",
    { labels: [label("team", "ml")], beforeId: deep.id, limit: 501 },
  ]);
  console.log(`${count.toLocaleString("en")} alerts seeded in ${seedSeconds.toFixed(1)} s`);
  console.log("query (limit 500, +1 to see a next page)               median ms   p95 ms   rows");
  for (const [name, query] of cases) {
    const r = await time(() => alerts.listAlerts(query));
    console.log(
      `${name.padEnd(54)} ${r.median.toFixed(1).padStart(9)} ${r.p95.toFixed(1).padStart(8)} ${String(r.rows).padStart(6)}`,
    );
  }
  started = performance.now();
  const newest = await alerts.listAlerts({ limit: 500 });
  const foundBefore = newest.filter((a) => a.labels.team === "rare").length;
  const foundNow = (await alerts.listAlerts({ labels: [label("team", "rare")], limit: 10_000 })).length;
  console.log(
    `team=rare: the old browser filter over the newest 500 found ${foundBefore}; the server's filter finds ${foundNow}`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
