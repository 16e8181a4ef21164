import type { Alert, RunningServer } from "sightline";

const hour = 3_600_000;
const t0 = Date.UTC(2024, 2, 1);

/**
 * Writes `recent` firing alerts of model `bulk` and, older than all of them, `rare` alerts labelled
 * `team=rare`, straight into the server's store: enough alerts that a filter over the newest 500 alone
 * would miss the rare ones. Returns the ids of the rare ones, newest first.
 *
 * @example
 * const rareIds = await seedAlerts(server, 600, 3);
 */
export async function seedAlerts(server: RunningServer, recent: number, rare: number): Promise<string[]> {
  const alerts: Alert[] = [];
  for (let i = 0; i < recent + rare; i++) {
    const isRare = i >= recent;
    const startsMs = t0 + (recent + rare - i) * hour;
    alerts.push({
      id: `bulk-${String(i).padStart(5, "0")}`,
      fingerprint: `bulk-${i}`,
      monitor: isRare ? "bulk.latency" : "bulk.drift",
      model: "bulk",
      kind: isRare ? "latency" : "drift",
      subject: isRare ? "*" : `f${i % 10}`,
      version: null,
      segment: null,
      severity: isRare ? "critical" : "warning",
      labels: isRare ? { team: "rare" } : { team: "common" },
      notify: [],
      state: "firing",
      startsMs,
      firedMs: startsMs + hour,
      resolvedMs: null,
      lastWindowToMs: startsMs + hour,
      evidence: {
        metric: isRare ? "p99_ms" : "psi",
        value: isRare ? 900 : 0.3,
        threshold: isRare ? 250 : 0.2,
        rule: isRare ? { above: 250 } : { calibrated: true },
        window: { fromMs: startsMs, toMs: startsMs + hour },
        rows: 100,
        check: {},
        link: `/models/bulk?from=${new Date(startsMs).toISOString()}`,
      },
      acknowledgedMs: null,
      acknowledgedBy: null,
    });
  }
  await server.services.store.alerts.saveEvaluation(alerts, []);
  return alerts.slice(recent).map((a) => a.id);
}
