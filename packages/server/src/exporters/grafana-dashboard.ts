import {
  type Dashboard,
  DashboardBuilder,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  RowBuilder,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { PanelBuilder as HeatmapPanelBuilder } from "@grafana/grafana-foundation-sdk/heatmap";
import { DataqueryBuilder, PromQueryFormat } from "@grafana/grafana-foundation-sdk/prometheus";
import { PanelBuilder as TimeseriesPanelBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import { checkModelName } from "../names.js";

/** What a generated dashboard is for. */
export interface DashboardOptions {
  model: string;
  /** Default refresh interval shown by Grafana. */
  refresh?: string;
}

interface PanelSpec {
  title: string;
  description: string;
  unit: string;
  kind: "timeseries" | "heatmap";
  queries: { expr: string; legend: string }[];
}

// Grafana interpolates `${datasource}` (the dashboard's data source variable), not JavaScript.
// biome-ignore lint/suspicious/noTemplateCurlyInString: a Grafana variable reference
const datasource = { type: "prometheus", uid: "${datasource}" };
const rate = "$__rate_interval";

/** The panels of a model dashboard, grouped in rows; every query is plain PromQL on Sightline's metrics. */
export function dashboardPanels(model: string): { row: string; panels: PanelSpec[] }[] {
  const sel = `model="${model}", version=~"$version"`;
  const quantiles = (metric: string, qs: number[]) =>
    qs.map((q) => ({
      expr: `histogram_quantile(${q}, sum by (le) (rate(${metric}_bucket{${sel}}[${rate}])))`,
      legend: `p${Math.round(q * 100)}`,
    }));
  return [
    {
      row: "Traffic",
      panels: [
        {
          title: "Request rate",
          description: "Predictions ingested per second, by version.",
          unit: "reqps",
          kind: "timeseries",
          queries: [
            {
              expr: `sum by (version) (rate(sightline_predictions_total{${sel}}[${rate}]))`,
              legend: "{{version}}",
            },
          ],
        },
        {
          title: "Error rate",
          description: "Share of predictions that reported a failed inference.",
          unit: "percentunit",
          kind: "timeseries",
          queries: [
            {
              expr: `sum by (version) (rate(sightline_prediction_errors_total{${sel}}[${rate}])) / sum by (version) (rate(sightline_predictions_total{${sel}}[${rate}]))`,
              legend: "{{version}}",
            },
          ],
        },
        {
          title: "Inference latency",
          description: "Latency percentiles from the latency histogram.",
          unit: "s",
          kind: "timeseries",
          queries: quantiles("sightline_inference_latency_seconds", [0.5, 0.9, 0.99]),
        },
      ],
    },
    {
      row: "Outputs",
      panels: [
        {
          title: "Prediction score percentiles",
          description: "Percentiles of the output probability (buckets of 0.05).",
          unit: "none",
          kind: "timeseries",
          queries: quantiles("sightline_prediction_score", [0.1, 0.5, 0.9]),
        },
        {
          title: "Prediction score distribution",
          description: "Output probability histogram over time.",
          unit: "none",
          kind: "heatmap",
          queries: [
            {
              expr: `sum by (le) (rate(sightline_prediction_score_bucket{${sel}}[${rate}]))`,
              legend: "{{le}}",
            },
          ],
        },
        {
          title: "Average output",
          description: "Mean score, and mean numeric (regression) output.",
          unit: "none",
          kind: "timeseries",
          queries: [
            {
              expr: `sum(rate(sightline_prediction_score_sum{${sel}}[${rate}])) / sum(rate(sightline_prediction_score_count{${sel}}[${rate}]))`,
              legend: "score",
            },
            {
              expr: `sum(rate(sightline_prediction_value_sum{${sel}}[${rate}])) / sum(rate(sightline_prediction_value_count{${sel}}[${rate}]))`,
              legend: "value",
            },
          ],
        },
        {
          title: "Regression output percentiles",
          description: "Percentiles of numeric outputs (buckets from the reference deciles).",
          unit: "none",
          kind: "timeseries",
          queries: quantiles("sightline_prediction_value", [0.1, 0.5, 0.9]),
        },
      ],
    },
    {
      row: "Drift and performance (latest closed window)",
      panels: [
        {
          title: "Drift score / threshold by feature",
          description: "Above 1: the feature drifted beyond its calibrated threshold.",
          unit: "none",
          kind: "timeseries",
          queries: [
            {
              expr: `max by (feature) (sightline_drift_score{${sel}} / sightline_drift_threshold{${sel}})`,
              legend: "{{feature}}",
            },
          ],
        },
        {
          title: "Performance",
          description: "Realised (labelled) and estimated (CBPE) performance of the latest closed window.",
          unit: "percentunit",
          kind: "timeseries",
          queries: [
            { expr: `max by (metric) (sightline_performance{${sel}})`, legend: "{{metric}}" },
            {
              expr: `max by (metric) (sightline_performance_estimated{${sel}})`,
              legend: "{{metric}} (estimated)",
            },
          ],
        },
        {
          title: "Data quality",
          description: "Missing, out-of-range and unseen shares by feature.",
          unit: "percentunit",
          kind: "timeseries",
          queries: [
            {
              expr: `max by (feature, kind) (sightline_data_quality_ratio{${sel}})`,
              legend: "{{feature}} {{kind}}",
            },
          ],
        },
        {
          title: "Contract violations",
          description: "Violations per second by feature and kind.",
          unit: "short",
          kind: "timeseries",
          queries: [
            {
              expr: `sum by (feature, kind) (rate(sightline_contract_violations_total{${sel}}[${rate}]))`,
              legend: "{{feature}} {{kind}}",
            },
          ],
        },
        {
          title: "Labels received",
          description: "Ground-truth labels per second.",
          unit: "short",
          kind: "timeseries",
          queries: [
            { expr: `sum(rate(sightline_labels_total{model="${model}"}[${rate}]))`, legend: "labels" },
          ],
        },
      ],
    },
  ];
}

/**
 * A Grafana dashboard for one model, built with Grafana's typed builder: traffic, errors, latency
 * percentiles, output percentiles and heatmap, drift per feature, performance, data quality, violations.
 *
 * @example
 * const json = JSON.stringify(buildModelDashboard({ model: "flight-delay" }), null, 2);
 */
export function buildModelDashboard(options: DashboardOptions): Dashboard {
  const model = checkModelName(options.model);
  const builder = new DashboardBuilder(`Sightline: ${model}`)
    .uid(`sightline-${model}`.slice(0, 40))
    .tags(["sightline", "generated"])
    .refresh(options.refresh ?? "1m")
    .time({ from: "now-6h", to: "now" })
    .timezone("utc")
    .withVariable(new DatasourceVariableBuilder("datasource").label("Data source").type("prometheus"))
    .withVariable(
      new QueryVariableBuilder("version")
        .label("Version")
        .datasource(datasource)
        .query(`label_values(sightline_predictions_total{model="${model}"}, version)`)
        .multi(true)
        .includeAll(true)
        .allValue(".*")
        .refresh(2),
    );
  for (const { row, panels } of dashboardPanels(model)) {
    builder.withRow(new RowBuilder(row));
    for (const spec of panels) {
      const targets = spec.queries.map((q) =>
        new DataqueryBuilder()
          .expr(q.expr)
          .legendFormat(q.legend)
          .datasource(datasource)
          .format(spec.kind === "heatmap" ? PromQueryFormat.Heatmap : PromQueryFormat.TimeSeries),
      );
      const panel =
        spec.kind === "heatmap"
          ? new HeatmapPanelBuilder().title(spec.title).description(spec.description).unit(spec.unit)
          : new TimeseriesPanelBuilder().title(spec.title).description(spec.description).unit(spec.unit);
      panel
        .datasource(datasource)
        .height(8)
        .span(spec.kind === "heatmap" ? 12 : 8);
      for (const target of targets) panel.withTarget(target);
      builder.withPanel(panel);
    }
  }
  return builder.build();
}
