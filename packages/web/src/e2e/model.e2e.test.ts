import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { type RunningServer, resolveServerConfig, startServer } from "sightline";
import type { DriftAnswer, SegmentsAnswer } from "sightline/api-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriftDistribution, PerformanceAnswer } from "../api/types.js";
import { holdApi, launchBrowser, openPage, screenshot, settled } from "./browser.js";
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
      const drawnCells = () =>
        page.locator('button[data-column="distance"]').evaluateAll((buttons) =>
          buttons.map((b) => ({
            window: b.getAttribute("data-window"),
            drift: b.getAttribute("data-drift"),
            values: JSON.parse(b.getAttribute("data-values") ?? "{}") as unknown,
          })),
        );
      await expect.poll(drawnCells, settled).toEqual(
        Array.from({ length: SEED_DAYS }, (_, index) => {
          const result = api.windows[index]?.columns.find((c) => c.column === "distance");
          return {
            window: day(index),
            drift: index >= SHIFT_DAY ? "true" : "false",
            values: {
              method: result?.method,
              statistic: result?.statistic,
              p_value: result?.p_value,
              threshold: result?.threshold,
            },
          };
        }),
      );
      // The multivariate (PCA) result is the matrix's last row, with the API's error and band.
      const pca = page.locator(
        `button[data-column="all numeric (PCA)"][data-window="${day(SEED_DAYS - 1)}"]`,
      );
      const last = api.windows[SEED_DAYS - 1]?.multivariate;
      await expect
        .poll(async () => JSON.parse((await pca.getAttribute("data-values")) ?? "{}"), settled)
        .toMatchObject({ statistic: last?.statistic, threshold: last?.upper });
      await expect.poll(() => pca.getAttribute("data-drift"), settled).toBe(String(last?.drift_detected));
      await page.getByTestId("volume-chart").waitFor();
      // Request events reach the test asynchronously: wait until both later requests have been seen.
      const later = ["outputs", "performance"].map((name) => `start /api/v1/models/flight/${name}`);
      await expect.poll(() => later.every((r) => requests.includes(r)), settled).toBe(true);
      const matrixDone = requests.indexOf("end /api/v1/models/flight/drift/matrix");
      expect(matrixDone).toBeGreaterThan(-1);
      expect(requests).not.toContain("start /api/v1/models/flight/drift");
      for (const request of later) expect(requests.indexOf(request), request).toBeGreaterThan(matrixDone);
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
    await expect
      .poll(async () => JSON.parse((await detail.locator("dl").getAttribute("data-values")) ?? "{}"), settled)
      .toMatchObject({
        method: shifted?.method,
        statistic: shifted?.statistic,
        p_value: shifted?.p_value,
        threshold: shifted?.threshold,
        drift_detected: true,
      });
    await expect.poll(() => detail.textContent(), settled).toContain("drift detected");
    // The full record of the window follows: the same reason as the range's answer.
    await detail.locator('dl[data-complete="true"]').waitFor();
    await expect
      .poll(() => detail.locator('[data-field="reason"]').textContent(), settled)
      .toBe(shifted?.reason);
    await expect.poll(() => detail.textContent(), settled).toContain(`${shifted?.rows} in the window`);
    // The record comes with the matrix: opening the cell asks /drift nothing (it would wait behind quality).
    expect(requests).not.toContain("/api/v1/models/flight/drift");
    await expect
      .poll(
        async () =>
          (await series<{ windows: string[] } | null>(page, '[data-testid="drift-history"]'))?.windows.length,
        settled,
      )
      .toBe(SEED_DAYS);
    await expect
      .poll(() => {
        const params = new URL(page.url()).searchParams;
        return [params.get("focus"), params.get("cell")];
      }, settled)
      .toEqual(["distance", day(SHIFT_DAY + 1)]);
    const url = new URL(page.url());
    // The reference against the window, over the test's bins: the shares drawn are the API's counts over their sums.
    const window = api.windows[SHIFT_DAY + 1];
    const distribution = await json<DriftDistribution>(
      `${server.url}/api/v1/models/flight/drift/distribution?column=distance&from=${window?.from}&to=${window?.to}&version=v1`,
    );
    expect(distribution.kind).toBe("numeric");
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(total(distribution.current)).toBe(shifted?.rows);
    await detail.getByTestId("drift-distribution").waitFor();
    type Drawn = { reference: number[]; current: number[]; current_cdf: number[] };
    const drawnNow = () => series<Drawn | null>(page, '[data-testid="drift-distribution"]');
    await expect
      .poll(async () => (await drawnNow())?.reference.length, settled)
      .toBe(distribution.reference.length);
    const drawn = (await drawnNow()) as Drawn;
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
    await expect.poll(() => new URL(page.url()).searchParams.get("cell"), settled).toBe(day(SHIFT_DAY));
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-window")), settled)
      .toBe(day(SHIFT_DAY));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("draws the API's performance per window and cumulative, label coverage and CBPE", async () => {
    const api = await json<PerformanceAnswer>(`${server.url}/api/v1/models/flight/performance?${rangeQuery}`);
    const { page, errors } = await openPage(browser);
    // The alerts land after the charts on purpose: reading them once after the charts failed this way.
    const releaseAlerts = await holdApi(page, "/alerts");
    await page.goto(`${server.url}/models/flight?range=all`);
    await page.getByTestId("performance-chart").waitFor();
    type Drawn = {
      metric: string;
      windows: string[];
      per_window: (number | null)[];
      cumulative: (number | null)[];
      estimated: (number | null)[];
      label_coverage: (number | null)[];
    };
    const drawnNow = () => series<Drawn | null>(page, '[data-testid="performance-chart"]');
    await expect.poll(drawnNow, settled).toMatchObject({
      metric: "f1",
      windows: api.windows.map((w) => w.from),
      per_window: api.windows.map((w) => (w.metrics?.f1 as number | undefined) ?? null),
      cumulative: api.windows.map((w) => (w.cumulative.metrics?.f1 as number | undefined) ?? null),
      label_coverage: api.windows.map((w) => w.label_coverage),
      estimated: api.windows.map((w) => w.estimated?.metrics.f1 ?? null),
    });
    const drawn = (await drawnNow()) as Drawn;
    // Late labels cover the first four days only; the rest has estimates but no realised F1.
    expect(drawn.per_window.slice(0, 4).every((v) => typeof v === "number")).toBe(true);
    expect(drawn.per_window.slice(4)).toEqual(Array(SEED_DAYS - 4).fill(null));
    expect(drawn.estimated.every((v) => typeof v === "number")).toBe(true);

    // Operations and outputs hold the API's numbers too.
    const outputs = await json<{ windows: { rows: number; score: { quantiles: { p50: number } | null } }[] }>(
      `${server.url}/api/v1/models/flight/outputs?${rangeQuery}`,
    );
    await expect
      .poll(
        async () => (await series<{ rows: number[] } | null>(page, '[data-testid="volume-chart"]'))?.rows,
        settled,
      )
      .toEqual(outputs.windows.map((w) => w.rows));
    type Heatmap = { p50: (number | null)[]; shares: number[][] };
    const heatmapNow = () => series<Heatmap | null>(page, '[data-testid="output-heatmap"]');
    await expect
      .poll(async () => (await heatmapNow())?.p50, settled)
      .toEqual(outputs.windows.map((w) => w.score.quantiles?.p50 ?? null));
    const heatmap = (await heatmapNow()) as Heatmap;
    for (const shares of heatmap.shares) expect(shares.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    await expect
      .poll(() => page.getByTestId("advice").getAttribute("data-verdict"), settled)
      .toMatch(/retrain|watch/);
    // The alerts active in the range are listed with the model, the drift alert on distance firing.
    const modelAlerts = await json<{
      alerts: { id: string; state: string; monitor: string; subject: string }[];
    }>(`${server.url}/api/v1/models/flight/alerts?from=${day(0)}&to=${day(SEED_DAYS)}&limit=50`);
    const firing = modelAlerts.alerts.filter((a) => a.state === "firing");
    expect(firing.some((a) => a.monitor === "flight.drift" && a.subject === "distance")).toBe(true);
    // The alerts are a query of their own, which may land after the charts.
    releaseAlerts();
    const firingShown = () =>
      page
        .locator('tr[data-state="firing"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-alert-id")));
    await expect
      .poll(async () => (await firingShown()).sort(), settled)
      .toEqual(firing.map((a) => a.id).sort());
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
    await expect.poll(() => options.count(), settled).toBe(2);
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
    await expect.poll(() => new URL(page.url()).searchParams.get("range"), settled).toBe("24h");
    expect(new URL(page.url()).searchParams.get("window")).toBe("1h");
    await expect.poll(() => page.locator('button[data-column="distance"]').count(), settled).toBe(24);
    await page.getByLabel("Version").selectOption("v1");
    await expect.poll(() => new URL(page.url()).searchParams.get("version"), settled).toBe("v1");
    await page.getByLabel("Segment").fill("region:eu");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("segment"), settled).toBe("region:eu");
    const eu = await json<{ windows: { rows: number }[] }>(
      `${server.url}/api/v1/models/flight/outputs?from=${day(SEED_DAYS - 1)}&to=${day(SEED_DAYS)}&window=1h&version=v1&segment=region:eu`,
    );
    await expect
      .poll(
        async () => (await series<{ rows: number[] } | null>(page, '[data-testid="volume-chart"]'))?.rows,
        settled,
      )
      .toEqual(eu.windows.map((w) => w.rows));
    expect(eu.windows.reduce((s, w) => s + w.rows, 0)).toBe(80);
    await page.getByRole("button", { name: "7 days" }).click();
    await expect.poll(() => page.locator('button[data-column="distance"]').count(), settled).toBe(7);
    expect(new URL(page.url()).searchParams.get("window")).toBe("1d");
    // A custom range (UTC) replaces the preset: three days, three columns.
    await page.getByLabel("From (UTC)").fill("2024-03-04T00:00");
    await page.getByLabel("To (UTC)").fill("2024-03-07T00:00");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("from"), settled).toBe(day(3));
    expect(new URL(page.url()).searchParams.get("to")).toBe(day(6));
    expect(new URL(page.url()).searchParams.get("range")).toBeNull();
    await expect.poll(() => page.locator('button[data-column="distance"]').count(), settled).toBe(3);
    await expect
      .poll(() => page.locator('button[data-column="distance"][data-drift="true"]').count(), settled)
      .toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
