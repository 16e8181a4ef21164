import type { ModelDefaults } from "./encode-prediction.js";

/** What a ModelLogger hands its records to: the client's queues for one model. */
export interface ModelSink {
  /** Queues a prediction (already checked to be an object with object features) or counts a drop. */
  enqueuePrediction(record: object, id: string, timeMs: number, defaults: ModelDefaults): void;
  /** Queues a label or counts a drop. */
  enqueueLabel(id: string, label: unknown, timestamp: unknown): void;
  /** Counts one call whose input was unusable. */
  dropInvalid(): void;
}
