/**
 * Numbered, append-only schema migrations for the DuckDB engine. Times are epoch milliseconds (BIGINT),
 * JSON columns are VARCHAR: both portable to ClickHouse. Never edit an applied migration: add one.
 */
export const duckdbMigrations: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: "predictions_labels_contracts",
    sql: `
CREATE TABLE predictions (
  model VARCHAR NOT NULL,
  id VARCHAR NOT NULL,
  ts_ms BIGINT NOT NULL,
  version VARCHAR NOT NULL,
  features VARCHAR NOT NULL,
  prediction VARCHAR,
  prediction_num DOUBLE,
  scores VARCHAR,
  score DOUBLE,
  latency_ms DOUBLE,
  error VARCHAR,
  trace_id VARCHAR,
  tags VARCHAR,
  violations VARCHAR,
  violation_count INTEGER NOT NULL,
  received_ms BIGINT NOT NULL,
  PRIMARY KEY (model, id)
);
CREATE TABLE labels (
  model VARCHAR NOT NULL,
  id VARCHAR NOT NULL,
  label VARCHAR NOT NULL,
  label_num DOUBLE,
  ts_ms BIGINT NOT NULL,
  received_ms BIGINT NOT NULL,
  PRIMARY KEY (model, id)
);
CREATE TABLE contracts (
  model VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  contract VARCHAR NOT NULL,
  created_ms BIGINT NOT NULL,
  PRIMARY KEY (model, version)
);
CREATE TABLE health (
  id INTEGER PRIMARY KEY,
  checked_ms BIGINT NOT NULL
);
CREATE TABLE reference_rows (
  model VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  row_index BIGINT NOT NULL,
  features VARCHAR NOT NULL,
  prediction VARCHAR,
  label VARCHAR
);
`,
  },
  {
    id: 3,
    name: "registry",
    sql: `
CREATE TABLE registry_models (
  model VARCHAR PRIMARY KEY,
  description VARCHAR,
  owner VARCHAR,
  tags VARCHAR NOT NULL,
  serving_alias VARCHAR NOT NULL,
  created_ms BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE TABLE registry_versions (
  model VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  artifact_uri VARCHAR NOT NULL,
  run_id VARCHAR,
  metrics VARCHAR NOT NULL,
  tags VARCHAR NOT NULL,
  description VARCHAR,
  created_ms BIGINT NOT NULL,
  created_by VARCHAR NOT NULL,
  PRIMARY KEY (model, version)
);
CREATE TABLE registry_aliases (
  model VARCHAR NOT NULL,
  alias VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  updated_ms BIGINT NOT NULL,
  updated_by VARCHAR NOT NULL,
  PRIMARY KEY (model, alias)
);
CREATE TABLE registry_audit (
  id VARCHAR PRIMARY KEY,
  model VARCHAR NOT NULL,
  ts_ms BIGINT NOT NULL,
  actor VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  alias VARCHAR,
  version VARCHAR,
  previous_version VARCHAR,
  details VARCHAR NOT NULL
);
`,
  },
];
