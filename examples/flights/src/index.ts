export { type DelayModel, encodeFeatures, scoreDelay, trainDelayModel } from "./delay-model.js";
export {
  type AlertSummary,
  type DetectionSummary,
  type FailureDetection,
  summarizeDetection,
} from "./detection.js";
export { evaluateModel, type ModelMetrics } from "./evaluate-model.js";
export type { Flight, FlightFeatures } from "./flight.js";
export { FlightData } from "./flight-data.js";
export { FlightModelServer } from "./model-server.js";
export {
  type FlightsDemoOptions,
  type FlightsDemoResult,
  runFlightsDemo,
  type TraceCheck,
} from "./run-flights-demo.js";
export { demoScenario, type InjectedFailure, type Scenario } from "./scenario.js";
