import type { Store } from "../store/store.js";
import type { CheckProvider } from "./check.js";
import { driftCheckProvider, operationalCheckProvider, qualityCheckProvider } from "./check-providers.js";
import { DriftService } from "./drift/drift-service.js";
import { OutputsService } from "./outputs/outputs-service.js";
import { QualityService } from "./quality/quality-service.js";

/** The window services behind `/drift`, `/quality` and `/outputs`, and their check providers. */
export interface WindowEngine {
  drift: DriftService;
  quality: QualityService;
  outputs: OutputsService;
  /** Drift, data quality and operational checks, for the monitor evaluator. */
  providers: CheckProvider[];
}

/**
 * Builds the window services over one store (they share the drift service's reference cache).
 *
 * @example
 * const windows = buildWindowEngine(store);
 * await windows.drift.drift(scope);
 */
export function buildWindowEngine(store: Store): WindowEngine {
  const drift = new DriftService(store);
  const quality = new QualityService(store, drift);
  const outputs = new OutputsService(store, drift);
  return {
    drift,
    quality,
    outputs,
    providers: [driftCheckProvider(drift), qualityCheckProvider(quality), operationalCheckProvider(outputs)],
  };
}
