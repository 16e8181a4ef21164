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
  {
    id: 4,
    name: "alerts_monitors_silences",
    sql: `
CREATE TABLE alerts (
  id VARCHAR PRIMARY KEY,
  fingerprint VARCHAR NOT NULL,
  monitor VARCHAR NOT NULL,
  model VARCHAR NOT NULL,
  state VARCHAR NOT NULL,
  starts_ms BIGINT NOT NULL,
  fired_ms BIGINT,
  resolved_ms BIGINT,
  last_window_to_ms BIGINT NOT NULL,
  acknowledged_ms BIGINT,
  acknowledged_by VARCHAR,
  body VARCHAR NOT NULL
);
CREATE TABLE alert_events (
  seq BIGINT NOT NULL,
  alert_id VARCHAR NOT NULL,
  model VARCHAR NOT NULL,
  monitor VARCHAR NOT NULL,
  type VARCHAR NOT NULL,
  at_ms BIGINT NOT NULL,
  silenced BOOLEAN NOT NULL,
  alert VARCHAR NOT NULL
);
CREATE TABLE silences (
  id VARCHAR PRIMARY KEY,
  matchers VARCHAR NOT NULL,
  starts_ms BIGINT NOT NULL,
  until_ms BIGINT NOT NULL,
  created_ms BIGINT NOT NULL,
  created_by VARCHAR NOT NULL,
  comment VARCHAR NOT NULL,
  deleted_ms BIGINT
);
CREATE TABLE monitors (
  name VARCHAR PRIMARY KEY,
  body VARCHAR NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE TABLE monitor_progress (
  model VARCHAR NOT NULL,
  window_ms BIGINT NOT NULL,
  evaluated_to_ms BIGINT NOT NULL,
  PRIMARY KEY (model, window_ms)
);
`,
  },
  {
    id: 5,
    // ADD COLUMN rather than a rebuild: DuckDB adds a nullable column to a primary-keyed table in place,
    // without copying every stored prediction.
    name: "predictions_run_id",
    sql: "ALTER TABLE predictions ADD COLUMN run_id VARCHAR;",
  },
  {
    id: 2,
    // Lineage: an input row holds the run it resolved to when stored (producer_run), so a trace walks
    // index lookups; available_ms is the end time, else the start, by which the latest writer is chosen.
    // Artifact rows repeat their run's start and available times: DuckDB uses an index only for a lone
    // equality on its column, so the latest writer of an artifact is found without a join.
    name: "lineage",
    sql: `
CREATE TABLE lineage_components (
  name VARCHAR PRIMARY KEY,
  description VARCHAR,
  owner VARCHAR,
  tags VARCHAR NOT NULL,
  created_ms BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE TABLE lineage_runs (
  id VARCHAR PRIMARY KEY,
  component VARCHAR NOT NULL,
  start_ms BIGINT NOT NULL,
  end_ms BIGINT,
  available_ms BIGINT NOT NULL,
  status VARCHAR NOT NULL,
  error VARCHAR,
  code_snapshot VARCHAR,
  code_hash VARCHAR,
  git_commit VARCHAR,
  params VARCHAR,
  metrics VARCHAR,
  notes VARCHAR,
  received_ms BIGINT NOT NULL
);
CREATE INDEX lineage_runs_component ON lineage_runs (component);
CREATE TABLE lineage_run_artifacts (
  run_id VARCHAR NOT NULL,
  direction VARCHAR NOT NULL,
  position INTEGER NOT NULL,
  artifact VARCHAR NOT NULL,
  hash VARCHAR,
  kind VARCHAR NOT NULL,
  producer_run VARCHAR,
  run_start_ms BIGINT NOT NULL,
  run_available_ms BIGINT NOT NULL
);
CREATE INDEX lineage_run_artifacts_run ON lineage_run_artifacts (run_id);
CREATE INDEX lineage_run_artifacts_artifact ON lineage_run_artifacts (artifact);
CREATE INDEX lineage_run_artifacts_producer ON lineage_run_artifacts (producer_run);
CREATE TABLE lineage_flags (
  target VARCHAR PRIMARY KEY,
  artifact VARCHAR,
  model VARCHAR,
  prediction VARCHAR,
  flagged_ms BIGINT NOT NULL
);
`,
  },
  {
    id: 7,
    // OpenTelemetry spans from OTLP/HTTP; predictions link to them by trace_id. The primary key makes a
    // retried export replace rather than duplicate its spans.
    name: "otlp_spans",
    sql: `
CREATE TABLE spans (
  trace_id VARCHAR NOT NULL,
  span_id VARCHAR NOT NULL,
  parent_span_id VARCHAR,
  name VARCHAR NOT NULL,
  service_name VARCHAR,
  kind VARCHAR NOT NULL,
  start_ms BIGINT NOT NULL,
  end_ms BIGINT NOT NULL,
  duration_ms DOUBLE NOT NULL,
  status_code VARCHAR NOT NULL,
  status_message VARCHAR,
  attributes VARCHAR NOT NULL,
  received_ms BIGINT NOT NULL,
  PRIMARY KEY (trace_id, span_id)
);
`,
  },
  {
    id: 8,
    // Typed feature tables (feature-materializer.ts): one pair per model, created from its contracts, so
    // window queries read DOUBLE and VARCHAR columns instead of parsing the features JSON of every row.
    // next_rowid is the predictions rowid up to which the model's typed table is filled.
    name: "typed_feature_tables",
    sql: `
CREATE TABLE typed_feature_tables (
  model VARCHAR PRIMARY KEY,
  suffix VARCHAR NOT NULL,
  columns VARCHAR NOT NULL,
  next_rowid BIGINT NOT NULL
);
CREATE TABLE typed_reference_versions (
  model VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  PRIMARY KEY (model, version)
);
`,
  },
  {
    id: 9,
    // Delayed monitors (performance, waiting for labels; label-delay.ts), per model, window size and
    // monitor: the end of the last window judged for the first time (the delay may change between ticks, so
    // it is not implied by monitor_progress), and the windows judged while short of labels, judged again
    // until mature or past the look-back. Kept here so a restart does not forget them.
    name: "monitor_delayed_windows",
    sql: `
CREATE TABLE monitor_judged (
  model VARCHAR NOT NULL,
  window_ms BIGINT NOT NULL,
  monitor VARCHAR NOT NULL,
  judged_to_ms BIGINT NOT NULL,
  PRIMARY KEY (model, window_ms, monitor)
);
CREATE TABLE monitor_pending_windows (
  model VARCHAR NOT NULL,
  window_ms BIGINT NOT NULL,
  monitor VARCHAR NOT NULL,
  from_ms BIGINT NOT NULL,
  PRIMARY KEY (model, window_ms, monitor, from_ms)
);
`,
  },
  {
    id: 10,
    // Segment tags in the typed prediction tables (feature-materializer.ts): one VARCHAR column per tag key
    // seen, `g<i>` for tags[i] (a JSON list), copied with the features past the same watermark, so segment
    // queries read a column instead of parsing the tags JSON. tags_complete turns false once a key is left
    // out for the cap. Tables of the older layout are rebuilt on first use (their stored columns differ).
    name: "typed_tag_columns",
    sql: `
ALTER TABLE typed_feature_tables ADD COLUMN tags VARCHAR DEFAULT '[]';
ALTER TABLE typed_feature_tables ADD COLUMN tags_complete BOOLEAN DEFAULT true;
`,
  },
];
