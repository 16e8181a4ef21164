import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { type RunningServer, resolveServerConfig, startServer } from "sightline";
import type { DriftAnswer, SegmentsAnswer } from "sightline/api-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriftDistribution, PerformanceAnswer } from "../api/types.js";
import { launchBrowser, openPage, screenshot } from "./browser.js";
import { SEED_DAYS, SEED_START_MS, SHIFT_DAY, seedDriftedModel } from "./seed-drift.js";

const DAY_MS = 86_400_000;
const day = (index: number) => new Date(SEED_START_MS + index * DAY_MS).toISOString();
const rangeQuery = `from=${day(0)}&to=${day(SEED_DAYS)}&window=1d`;

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

async function series<T>(page: Page, selector: string, attribute = "data-series"): Promise<T> {
  const text = await page.locator(selector).first().getAttribute(attribute);
  return JSON.parse(text ?? "null") as T;
}

describe("the model page in a real browser", () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sightline-web-model-"));
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    await seedDriftedModel(server.url, "flight");
    browser = await launchBrowser();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("marks the shifted feature's drift cells after the shift and not before, in light and dark", async () => {
    const api = await json<DriftAnswer>(`${server.url}/api/v1/models/flight/drift?${rangeQuery}&version=v1`);
    for (const scheme of ["light", "dark"] as const) {
      const { page, errors } = await openPage(browser, scheme);
      // The matrix is drawn from /drift/matrix, asked for alone: outputs and performance wait for it.
      const requests: string[] = [];
      page.on("request", (r) => requests.push(`start ${new URL(r.url()).pathname}`));
      page.on("requestfinished", (r) => requests.push(`end ${new URL(r.url()).pathname}`));
      await page.goto(`${server.url}/models/flight?range=all`);
      const cell = (index: number) =>
        page.locator(`button[data-column="distance"][data-window="${day(index)}"]`);
      await cell(SEED_DAYS - 1).waitFor();
      for (let index = 0; index < SEED_DAYS; index++) {
        const expected = index >= SHIFT_DAY ? "true" : "false";
        expect(await cell(index).getAttribute("data-drift"), `distance on ${day(index)}`).toBe(expected);
        const result = api.windows[index]?.columns.find((c) => c.column === "distance");
        expect(JSON.parse((await cell(index).getAttribute("data-values")) ?? "{}")).toEqual({
          method: result?.method,
          statistic: result?.statistic,
          p_value: result?.p_value,
          threshold: result?.threshold,
        });
      }
      // The multivariate (PCA) result is the matrix's last row, with the API's error and band.
      const pca = page.locator(
        `button[data-column="all numeric (PCA)"][data-window="${day(SEED_DAYS - 1)}"]`,
      );
      const last = api.windows[SEED_DAYS - 1]?.multivariate;
      expect(JSON.parse((await pca.getAttribute("data-values")) ?? "{}")).toMatchObject({
        statistic: last?.statistic,
        threshold: last?.upper,
      });
      expect(await pca.getAttribute("data-drift")).toBe(String(last?.drift_detected));
      await page.getByTestId("volume-chart").waitFor();
      const matrixDone = requests.indexOf("end /api/v1/models/flight/drift/matrix");
      expect(matrixDone).toBeGreaterThan(-1);
      expect(requests).not.toContain("start /api/v1/models/flight/drift");
      for (const later of ["outputs", "performance"])
        expect(requests.indexOf(`start /api/v1/models/flight/${later}`), later).toBeGreaterThan(matrixDone);
      // A stable feature is not marked anywhere.
      expect(await page.locator('button[data-column="hour"][data-drift="true"]').count()).toBe(0);
      await screenshot(page, scheme === "light" ? "model" : "model-dark");
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("opens a cell with its test's numbers, by click and by keyboard, and keeps it in the URL", async () => {
    const api = await json<DriftAnswer>(`${server.url}/api/v1/models/flight/drift?${rangeQuery}&version=v1`);
    const shifted = api.windows[SHIFT_DAY + 1]?.columns.find((c) => c.column === "distance");
    const { page, errors } = await openPage(browser);
    const requests: string[] = [];
    page.on("request", (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}/models/flight?range=all`);
    await page.locator(`button[data-column="distance"][data-window="${day(SHIFT_DAY + 1)}"]`).click();
    const detail = page.getByTestId("drift-cell");
    await detail.waitFor();
    expect(JSON.parse((await detail.locator("dl").getAttribute("data-values")) ?? "{}")).toMatchObject({
      method: shifted?.method,
      statistic: shifted?.statistic,
      p_value: shifted?.p_value,
      threshold: shifted?.threshold,
      drift_detected: true,
    });
    expect(await detail.textContent()).toContain("drift detected");
    // The full record of the window follows: the same reason as the range's answer.
    await detail.locator('dl[data-complete="true"]').waitFor();
    expect(await detail.locator('[data-field="reason"]').textContent()).toBe(shifted?.reason);
    expect(await detail.textContent()).toContain(`${shifted?.rows} in the window`);
    // The record comes with the matrix: opening the cell asks /drift nothing (it would wait behind quality).
    expect(requests).not.toContain("/api/v1/models/flight/drift");
    const history = await series<{ value: number[]; windows: string[] }>(
      page,
      '[data-testid="drift-history"]',
    );
    expect(history.windows).toHaveLength(SEED_DAYS);
    const url = new URL(page.url());
    expect(url.searchParams.get("focus")).toBe("distance");
    expect(url.searchParams.get("cell")).toBe(day(SHIFT_DAY + 1));
    // The reference against the window, over the test's bins: the shares drawn are the API's counts over their sums.
    const window = api.windows[SHIFT_DAY + 1];
    const distribution = await json<DriftDistribution>(
      `${server.url}/api/v1/models/flight/drift/distribution?column=distance&from=${window?.from}&to=${window?.to}&version=v1`,
    );
    expect(distribution.kind).toBe("numeric");
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(total(distribution.current)).toBe(shifted?.rows);
    await detail.getByTestId("drift-distribution").waitFor();
    const drawn = await series<{ reference: number[]; current: number[]; current_cdf: number[] }>(
      page,
      '[data-testid="drift-distribution"]',
    );
    const refTotal = total(distribution.reference);
    const curTotal = total(distribution.current);
    expect(drawn.reference).toHaveLength(distribution.reference.length);
    drawn.reference.forEach((share, i) => {
      expect(share).toBeCloseTo((distribution.reference[i] ?? 0) / refTotal, 12);
    });
    drawn.current.forEach((share, i) => {
      expect(share).toBeCloseTo((distribution.current[i] ?? 0) / curTotal, 12);
    });
    expect(drawn.current_cdf.at(-1)).toBeCloseTo(1, 12);
    await screenshot(page, "drift-cell");

    // The shared URL opens the same cell; arrow keys move between cells and Enter opens one.
    await page.goto(url.toString());
    await detail.waitFor();
    const focused = page.locator(`button[data-column="distance"][data-window="${day(SHIFT_DAY + 1)}"]`);
    await focused.focus();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("cell")).toBe(day(SHIFT_DAY));
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-window")))
      .toBe(day(SHIFT_DAY));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("draws the API's performance per window and cumulative, label coverage and CBPE", async () => {
    const api = await json<PerformanceAnswer>(`${server.url}/api/v1/models/flight/performance?${rangeQuery}`);
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.url}/models/flight?range=all`);
    await page.getByTestId("performance-chart").waitFor();
    const drawn = await series<{
      metric: string;
      windows: string[];
      per_window: (number | null)[];
      cumulative: (number | null)[];
      estimated: (number | null)[];
      label_coverage: (number | null)[];
    }>(page, '[data-testid="performance-chart"]');
    expect(drawn.metric).toBe("f1");
    expect(drawn.windows).toEqual(api.windows.map((w) => w.from));
    expect(drawn.per_window).toEqual(api.windows.map((w) => (w.metrics?.f1 as number | undefined) ?? null));
    expect(drawn.cumulative).toEqual(
      api.windows.map((w) => (w.cumulative.metrics?.f1 as number | undefined) ?? null),
    );
    expect(drawn.label_coverage).toEqual(api.windows.map((w) => w.label_coverage));
    expect(drawn.estimated).toEqual(api.windows.map((w) => w.estimated?.metrics.f1 ?? null));
    // Late labels cover the first four days only; the rest has estimates but no realised F1.
    expect(drawn.per_window.slice(0, 4).every((v) => typeof v === "number")).toBe(true);
    expect(drawn.per_window.slice(4)).toEqual(Array(SEED_DAYS - 4).fill(null));
    expect(drawn.estimated.every((v) => typeof v === "number")).toBe(true);

    // Operations and outputs hold the API's numbers too.
    const outputs = await json<{ windows: { rows: number; score: { quantiles: { p50: number } | null } }[] }>(
      `${server.url}/api/v1/models/flight/outputs?${rangeQuery}`,
    );
    const volume = await series<{ rows: number[] }>(page, '[data-testid="volume-chart"]');
    expect(volume.rows).toEqual(outputs.windows.map((w) => w.rows));
    const heatmap = await series<{ p50: (number | null)[]; shares: number[][] }>(
      page,
      '[data-testid="output-heatmap"]',
    );
    expect(heatmap.p50).toEqual(outputs.windows.map((w) => w.score.quantiles?.p50 ?? null));
    for (const shares of heatmap.shares) expect(shares.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    expect(await page.getByTestId("advice").getAttribute("data-verdict")).toMatch(/retrain|watch/);
    // The alerts active in the range are listed with the model, the drift alert on distance firing.
    const modelAlerts = await json<{
      alerts: { id: string; state: string; monitor: string; subject: string }[];
    }>(`${server.url}/api/v1/models/flight/alerts?from=${day(0)}&to=${day(SEED_DAYS)}&limit=50`);
    const firing = modelAlerts.alerts.filter((a) => a.state === "firing");
    expect(firing.some((a) => a.monitor === "flight.drift" && a.subject === "distance")).toBe(true);
    expect(await page.locator('tr[data-state="firing"]').count()).toBe(firing.length);
    for (const a of firing) expect(await page.locator(`tr[data-alert-id="${a.id}"]`).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("offers the seeded segment values in the segment field, as /segments counts them", async () => {
    const api = await json<SegmentsAnswer>(
      `${server.url}/api/v1/models/flight/segments?from=${day(0)}&to=${day(SEED_DAYS)}`,
    );
    expect(api.tags.map((t) => t.tag)).toEqual(["region"]);
    expect(api.tags[0]?.values.map((v) => v.value)).toEqual(["us", "eu"]);
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.url}/models/flight?range=all`);
    const options = page.getByTestId("segment-values").locator("option");
    await expect.poll(() => options.count()).toBe(2);
    const listed = await options.evaluateAll((list) =>
      list.map((o) => ({ value: (o as HTMLOptionElement).value, label: (o as HTMLOptionElement).label })),
    );
    expect(listed).toEqual(
      (api.tags[0]?.values ?? []).map((v) => ({
        value: `region:${v.value}`,
        label: `${v.count.toLocaleString("en-US")} predictions`,
      })),
    );
    expect(await page.getByLabel("Segment").getAttribute("list")).toBe(
      await page.getByTestId("segment-values").getAttribute("id"),
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("keeps the time range, version and segment in the URL", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.url}/models/flight?range=all`);
    await page.getByTestId("drift-matrix").waitFor();
    await page.getByRole("button", { name: "24 h" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("range")).toBe("24h");
    expect(new URL(page.url()).searchParams.get("window")).toBe("1h");
    await expect.poll(() => page.locator('button[data-column="distance"]').count()).toBe(24);
    await page.getByLabel("Version").selectOption("v1");
    await expect.poll(() => new URL(page.url()).searchParams.get("version")).toBe("v1");
    await page.getByLabel("Segment").fill("region:eu");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("segment")).toBe("region:eu");
    const eu = await json<{ windows: { rows: number }[] }>(
      `${server.url}/api/v1/models/flight/outputs?from=${day(SEED_DAYS - 1)}&to=${day(SEED_DAYS)}&window=1h&version=v1&segment=region:eu`,
    );
    await expect
      .poll(async () => (await series<{ rows: number[] }>(page, '[data-testid="volume-chart"]')).rows)
      .toEqual(eu.windows.map((w) => w.rows));
    expect(eu.windows.reduce((s, w) => s + w.rows, 0)).toBe(80);
    await page.getByRole("button", { name: "7 days" }).click();
    await expect.poll(() => page.locator('button[data-column="distance"]').count()).toBe(7);
    expect(new URL(page.url()).searchParams.get("window")).toBe("1d");
    // A custom range (UTC) replaces the preset: three days, three columns.
    await page.getByLabel("From (UTC)").fill("2024-03-04T00:00");
    await page.getByLabel("To (UTC)").fill("2024-03-07T00:00");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("from")).toBe(day(3));
    expect(new URL(page.url()).searchParams.get("to")).toBe(day(6));
    expect(new URL(page.url()).searchParams.get("range")).toBeNull();
    await expect.poll(() => page.locator('button[data-column="distance"]').count()).toBe(3);
    expect(await page.locator('button[data-column="distance"][data-drift="true"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
