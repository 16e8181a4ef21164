export { type ApiKey, generateKey, hashKey, type Role, roles } from "./auth/api-keys.js";
export { buildCli, main } from "./cli/main.js";
export { resolveServerConfig, type ServerConfig, type ServerFlags } from "./config.js";
export type { ColumnContract, ColumnType, Contract, Violation, ViolationKind } from "./contract/contract.js";
export { violationKinds } from "./contract/contract.js";
export { type ErrorCode, errorCodes, SightlineError } from "./errors.js";
export { type RunningServer, startServer } from "./server.js";
export type { ModelSummary, ReferenceFile, Store, StoredPrediction } from "./store/store.js";
