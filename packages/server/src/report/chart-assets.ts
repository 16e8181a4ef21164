import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The charting library inlined into the HTML report: uPlot's minified script and stylesheet. */
export interface ChartAssets {
  script: string;
  style: string;
}

/**
 * Reads uPlot's minified IIFE build and CSS from node_modules, so the report needs no network.
 *
 * @example
 * const { script, style } = loadChartAssets(); // ~50 kB of JavaScript, ~2 kB of CSS
 */
export function loadChartAssets(): ChartAssets {
  const require = createRequire(import.meta.url);
  return {
    script: readFileSync(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8"),
    style: readFileSync(require.resolve("uplot/dist/uPlot.min.css"), "utf8"),
  };
}
