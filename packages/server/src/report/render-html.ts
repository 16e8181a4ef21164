import type { ChartAssets } from "./chart-assets.js";
import type { DriftReport } from "./drift-report.js";
import { formatNumber } from "./format-number.js";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Inside <script>, "</script" or "<!--" would end or confuse the element: escape every "<".
function inlineScript(code: string): string {
  return code.replaceAll("</script", "<\\/script").replaceAll("<!--", "<\\!--");
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:980px;color:#222;padding:0 16px}
table{border-collapse:collapse;margin:12px 0}th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}.drift{color:#b00020;font-weight:600}.ok{color:#2e7d32}
section{border-top:1px solid #ccc;margin-top:24px;padding-top:8px}.reason{color:#555}code{background:#f4f4f4;padding:0 3px}
`;

// Draws every chart from the embedded aggregates with uPlot: numeric columns as two translucent
// step histograms over the shared bins, categorical ones as side-by-side bars; both in shares.
const CHARTS = `
(function () {
  var data = JSON.parse(document.getElementById("drift-data").textContent);
  var colors = { reference: ["#1f77b4", "rgba(31,119,180,0.25)"], current: ["#ff7f0e", "rgba(255,127,14,0.25)"] };
  function shares(counts) {
    var total = counts.reduce(function (s, v) { return s + v; }, 0) || 1;
    return counts.map(function (v) { return v / total; });
  }
  var y = { range: function (u, min, max) { return [0, max > 0 ? max * 1.05 : 1]; } };
  function fmt(v) { return v == null ? "" : (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3)) ? v.toExponential(2) : String(+v.toPrecision(4)); }
  data.forEach(function (chart, i) {
    var el = document.getElementById("chart-" + i);
    var r = shares(chart.reference), c = shares(chart.current);
    var opts, d;
    if (chart.kind === "histogram") {
      var last = r.length - 1;
      d = [chart.edges, r.concat([r[last]]), c.concat([c[last]])];
      opts = {
        width: 900, height: 260, scales: { x: { time: false }, y: y },
        axes: [{ values: function (u, v) { return v.map(fmt); } }, { values: function (u, v) { return v.map(fmt); } }],
        series: [{ label: "value", value: function (u, v) { return fmt(v); } }].concat(["reference", "current"].map(function (name) {
          return { label: name + " share", stroke: colors[name][0], fill: colors[name][1], width: 1.5,
                   paths: uPlot.paths.stepped({ align: 1 }), points: { show: false } };
        }))
      };
    } else {
      var cats = chart.categories, idx = cats.map(function (_, k) { return k; });
      d = [idx, r, c];
      opts = {
        width: 900, height: 280, scales: { x: { time: false, range: [-0.5, cats.length - 0.5] }, y: y },
        axes: [{ splits: function () { return idx; }, values: function (u, v) { return v.map(function (k) { return cats[k] === undefined ? "" : cats[k]; }); },
                 rotate: cats.length > 8 ? -40 : 0, size: cats.length > 8 ? 90 : 40 },
               { values: function (u, v) { return v.map(fmt); } }],
        series: [{ label: "category", value: function (u, k) { return k == null ? "" : cats[k]; } }].concat(["reference", "current"].map(function (name, s) {
          return { label: name + " share", stroke: colors[name][0], fill: colors[name][1], width: 1,
                   paths: uPlot.paths.bars({ size: [0.4, 60], align: s === 0 ? -1 : 1 }), points: { show: false } };
        }))
      };
    }
    new uPlot(opts, d, el);
  });
})();
`;

/**
 * The report as one self-contained HTML page: a summary table, then per column the two
 * distributions overlaid (shares over shared bins or categories) drawn by the inlined charting
 * library, the result and why the method was chosen. Only aggregates are embedded, so its size
 * does not grow with the number of rows.
 *
 * @example
 * writeFileSync("drift.html", renderDriftHtml(report, loadChartAssets()));
 */
export function renderDriftHtml(report: DriftReport, assets: ChartAssets): string {
  const verdict = (drift: boolean) =>
    drift ? '<span class="drift">DRIFT</span>' : '<span class="ok">ok</span>';
  const rows = report.columns
    .map(
      (c, i) =>
        `<tr><td><a href="#col-${i}">${escapeHtml(c.column)}</a></td><td>${c.type}</td><td>${c.method}</td>` +
        `<td class="num">${formatNumber(c.statistic)}</td><td class="num">${c.p_value === null ? "-" : formatNumber(c.p_value)}</td>` +
        `<td class="num">${c.p_value === null ? "&gt;" : "&lt;"} ${formatNumber(c.threshold)}</td><td>${verdict(c.drift_detected)}</td></tr>`,
    )
    .join("\n");
  const sections = report.columns
    .map((c, i) => {
      const test =
        c.p_value === null
          ? `statistic ${formatNumber(c.statistic)} ${c.drift_detected ? "&gt;" : "&le;"} threshold ${formatNumber(c.threshold)}`
          : `statistic ${formatNumber(c.statistic)}, p-value ${formatNumber(c.p_value)} ${c.drift_detected ? "&lt;" : "&ge;"} threshold ${formatNumber(c.threshold)}`;
      return (
        `<section id="col-${i}"><h2>${escapeHtml(c.column)} ${verdict(c.drift_detected)}</h2>` +
        `<p><b>${c.method}</b> (${c.type}): ${test}. Reference ${c.reference_count} values, current ${c.current_count}.</p>` +
        `<p class="reason">Method: ${escapeHtml(c.reason)}</p><div id="chart-${i}"></div></section>`
      );
    })
    .join("\n");
  const skipped =
    report.skipped.length === 0
      ? ""
      : `<p>Skipped: ${report.skipped.map((s) => `<code>${escapeHtml(s.column)}</code> (${escapeHtml(s.reason)})`).join(", ")}</p>`;
  const charts = JSON.stringify(report.columns.map((c) => c.chart)).replaceAll("<", "\\u003c");
  const share = `${Number((report.share_drifted * 100).toFixed(1))}%`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sightline drift report</title>
<style>${assets.style}</style><style>${STYLE}</style></head>
<body>
<h1>Drift report</h1>
<p>Reference <code>${escapeHtml(report.reference.path)}</code> (${report.reference.rows} rows) against current
<code>${escapeHtml(report.current.path)}</code> (${report.current.rows} rows).</p>
<p><b>${report.drifted_columns} of ${report.columns.length} columns drifted (${share}): dataset drift ${verdict(report.dataset_drift)}</b>
(dataset drift when at least ${Number((report.dataset_share * 100).toFixed(1))}% of the columns drift).</p>
<table><thead><tr><th>column</th><th>type</th><th>method</th><th>statistic</th><th>p-value</th><th>threshold</th><th>drift</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${skipped}
${sections}
<script type="application/json" id="drift-data">${charts}</script>
<script>${inlineScript(assets.script)}</script>
<script>${inlineScript(CHARTS)}</script>
</body></html>
`;
}
