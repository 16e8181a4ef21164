import type { AlertStore } from "../../store/alert-store.js";
import type { PerformanceStore } from "../../store/performance-store.js";
import type { Monitor } from "./monitor.js";
import {
  LABEL_LAG_QUANTILE,
  LABEL_LAG_SPAN_MS,
  type LabelDelay,
  type LabelLag,
  resolveLabelDelay,
  usesObservedDelay,
} from "./observed-label-delay.js";

/**
 * The delays monitors use (observed-label-delay.ts): stated, from their model's label lag over the labels
 * of the LABEL_LAG_SPAN_MS before an event-time clock, or the kind's default. The lag is read once per model
 * and call, only when a monitor needs it.
 *
 * @example
 * const delays = await new LabelDelays(store).at(monitors, new Map([["m", clockMs]]));
 */
export class LabelDelays {
  constructor(
    private readonly store: {
      alerts: Pick<AlertStore, "modelExtents">;
      performance: Pick<PerformanceStore, "labelLag">;
    },
  ) {}

  /** Each monitor's delay with its model's clock at `clockMs` (a model without one gets the default). */
  async at(
    monitors: readonly Monitor[],
    clockMs: ReadonlyMap<string, number>,
  ): Promise<Map<string, LabelDelay>> {
    const lags = new Map<string, LabelLag | undefined>();
    const out = new Map<string, LabelDelay>();
    for (const m of monitors) {
      if (usesObservedDelay(m) && !lags.has(m.model)) {
        const clock = clockMs.get(m.model);
        lags.set(m.model, clock === undefined ? undefined : await this.lag(m.model, clock));
      }
      out.set(m.name, resolveLabelDelay(m, lags.get(m.model)));
    }
    return out;
  }

  /** Each monitor's delay now: its model's clock is its newest prediction (event time). */
  async current(monitors: readonly Monitor[]): Promise<Map<string, LabelDelay>> {
    const extents = monitors.some(usesObservedDelay) ? await this.store.alerts.modelExtents() : [];
    return this.at(monitors, new Map(extents.map((e) => [e.model, e.newestMs])));
  }

  private lag(model: string, clockMs: number): Promise<LabelLag> {
    return this.store.performance.labelLag(model, {
      fromMs: clockMs - LABEL_LAG_SPAN_MS,
      toMs: clockMs,
      quantile: LABEL_LAG_QUANTILE,
    });
  }
}
