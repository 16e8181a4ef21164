import { DAY_MS } from "./flight.js";

/** The three silent failures the demo injects. */
export type FailureKind = "unit_change" | "broken_join" | "stale_version";

/** One injected failure: when it starts and ends (event time) and which alert should catch it. */
export interface InjectedFailure {
  kind: FailureKind;
  title: string;
  startMs: number;
  endMs: number;
  /** The alert kind (and subject, when one) expected to catch it. */
  expect: { kind: string; subject?: string };
  explanation: string;
}

/** What the replay sends and when things break. */
export interface Scenario {
  fromMs: number;
  toMs: number;
  flightsPerDay: number;
  /** Labels arrive this many days after the flight, spread uniformly over the range by a hash of the id. */
  labelLagDays: readonly [number, number];
  /** No alert may fire in `[fromMs, quietUntilMs)`. */
  quietUntilMs: number;
  /** A failure counts as detected when its alert starts within this many daily windows of its start. */
  detectWithinWindows: number;
  /** The airport whose features the broken join loses. */
  brokenAirport: string;
  failures: readonly InjectedFailure[];
}

const day = (month: number, date: number) => Date.UTC(2001, month - 1, date);

/**
 * The demo's timeline. Failures fall in February and early March in both modes; `fast` replays
 * 1 Feb - 10 Mar with 300 flights a day, the full demo 1 Feb - 30 Jun with 1,000 a day.
 *
 * @example
 * demoScenario(true).failures.map((f) => f.kind); // ["unit_change", "broken_join", "stale_version"]
 */
export function demoScenario(fast: boolean): Scenario {
  const failures: InjectedFailure[] = [
    {
      kind: "unit_change",
      title: "upstream unit change: distance in kilometres",
      startMs: day(2, 15),
      endMs: day(2, 18),
      expect: { kind: "drift", subject: "distance" },
      explanation:
        "a new featuregen run (changed code: miles × 1.609) fed the model kilometres; distance drifted against the January reference",
    },
    {
      kind: "broken_join",
      title: "broken join: ORD flights lose their features",
      startMs: day(2, 22),
      endMs: day(2, 25),
      expect: { kind: "quality" },
      explanation:
        "a featuregen run whose airport join dropped ORD: distance and destination arrive missing for ORD departures",
    },
    {
      kind: "stale_version",
      title: "promotion bug: serving rolled back to stale v1",
      startMs: day(3, 1),
      endMs: day(3, 4),
      expect: { kind: "serving_version" },
      explanation:
        "the model server resolved `production` from the audit trail's previous version and loaded v1 (trained on 1-10 January) while the registry's production alias stayed on v2",
    },
  ];
  return {
    fromMs: day(2, 1),
    toMs: fast ? day(3, 10) : day(7, 1),
    flightsPerDay: fast ? 300 : 1000,
    labelLagDays: [2, 5],
    quietUntilMs: day(2, 15),
    detectWithinWindows: 2,
    brokenAirport: "ORD",
    failures,
  };
}

/** The failures in force at event time `ms`. */
export function activeFailures(scenario: Scenario, ms: number): FailureKind[] {
  return scenario.failures.filter((f) => ms >= f.startMs && ms < f.endMs).map((f) => f.kind);
}

/** Day boundaries of the replay, `[fromMs, toMs)` in steps of a day. */
export function replayDays(scenario: Scenario): number[] {
  const days: number[] = [];
  for (let t = scenario.fromMs; t < scenario.toMs; t += DAY_MS) days.push(t);
  return days;
}
