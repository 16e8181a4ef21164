import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { type RunningServer, resolveServerConfig, startServer } from "sightline";
import type { AlertJson, DriftAnswer, SilenceJson } from "sightline/api-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot } from "./browser.js";
import { seedAlerts } from "./seed-alerts.js";
import { SEED_DAYS, SEED_START_MS, seedDriftedModel } from "./seed-drift.js";

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe("alerts and overview health in a real browser", () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let alert: AlertJson;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sightline-web-alerts-"));
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    await seedDriftedModel(server.url, "flight");
    const { alerts } = await json<{ alerts: AlertJson[] }>(`${server.url}/api/v1/alerts?state=firing`);
    const found = alerts.find((a) => a.monitor === "flight.drift" && a.subject === "distance");
    if (!found)
      throw new Error(`no firing drift alert on distance: ${JSON.stringify(alerts.map((a) => a.monitor))}`);
    alert = found;
    browser = await launchBrowser();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("shows the firing alert with its evidence; acknowledge and silence go through the API, in light and dark", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const { page, errors } = await openPage(browser, scheme);
      await page.goto(`${server.url}/alerts`);
      const row = page.locator(`tr[data-alert-id="${alert.id}"]`);
      await row.waitFor();
      expect(await row.getAttribute("data-state")).toBe("firing");
      expect(JSON.parse((await row.getAttribute("data-values")) ?? "{}")).toEqual({
        metric: alert.evidence.metric,
        value: alert.evidence.value,
        threshold: alert.evidence.threshold,
        rows: alert.evidence.rows,
      });
      expect(await row.textContent()).toContain("distance");
      // The evidence names the part of the threshold that decided, as the check states it.
      const source = alert.evidence.check.threshold_source;
      expect(source).toBe("p_value");
      expect(await row.textContent()).toContain("(significance level)");
      if (scheme === "light") {
        await row.getByRole("button", { name: /^acknowledge/ }).click();
        await expect.poll(() => row.getAttribute("data-acknowledged")).toBe("true");
        const after = await json<{ alert: AlertJson }>(`${server.url}/api/v1/alerts/${alert.id}`);
        expect(after.alert.acknowledged_by).toBe("ui");
        await row.getByLabel("silence for").selectOption("7d");
        await row.getByRole("button", { name: /^silence/ }).click();
        await expect.poll(() => row.textContent()).toContain("silenced until");
        const { silences } = await json<{ silences: SilenceJson[] }>(`${server.url}/api/v1/silences`);
        expect(silences.map((s) => s.matchers)).toEqual([
          { model: "flight", monitor: "flight.drift", subject: "distance" },
        ]);
        await expect.poll(() => page.locator("[data-silence-id]").count()).toBe(1);
        // The listing marks the alert silenced, by the silence the API names.
        const listed = await json<{ alerts: AlertJson[] }>(`${server.url}/api/v1/alerts?model=flight`);
        const silenced = listed.alerts.find((a) => a.id === alert.id);
        expect(silenced).toMatchObject({ silenced: true, silence_id: silences[0]?.id });
        await expect.poll(() => row.getAttribute("data-silenced")).toBe("true");
        expect(await row.locator("[data-silenced-by]").getAttribute("data-silenced-by")).toBe(
          silences[0]?.id,
        );
        for (const other of listed.alerts.filter((a) => !a.silenced)) {
          expect(await page.locator(`tr[data-alert-id="${other.id}"]`).getAttribute("data-silenced")).toBe(
            "false",
          );
        }
        await screenshot(page, "alerts");
      } else {
        expect(await row.getAttribute("data-acknowledged")).toBe("true");
        await screenshot(page, "alerts-dark");
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("lists each alert's labels and filters the alerts by one, kept in the URL", async () => {
    const { alerts: all } = await json<{ alerts: AlertJson[] }>(`${server.url}/api/v1/alerts?limit=500`);
    expect(alert.labels).toMatchObject({ model: "flight", monitor: "flight.drift", subject: "distance" });
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.url}/alerts?state=all`);
    await page.locator(`tr[data-alert-id="${alert.id}"]`).waitFor();
    await expect.poll(() => page.locator("tr[data-alert-id]").count()).toBe(all.length);
    // The filter goes to the server as repeated label parameters; the page shows what the server answers.
    const labelled = (url: string) => new URL(url).searchParams.getAll("label").join(" ");
    const filtered = page.waitForRequest(
      (r) => r.url().includes("/api/v1/alerts?") && labelled(r.url()) === "monitor=flight.drift kind=drift",
    );
    await page.getByLabel("Label", { exact: true }).fill("monitor=flight.drift kind=drift");
    await page.getByRole("button", { name: "Filter" }).click();
    await filtered;
    await expect.poll(() => labelled(page.url())).toBe("monitor=flight.drift kind=drift");
    const drift = await json<{ alerts: AlertJson[] }>(
      `${server.url}/api/v1/alerts?label=monitor=flight.drift&label=kind=drift&limit=500`,
    );
    // The seeded quality alert is left out by the filter.
    expect(drift.alerts.length).toBeLessThan(all.length);
    expect(drift.alerts.map((a) => a.id)).toEqual(
      all.filter((a) => a.labels.monitor === "flight.drift" && a.labels.kind === "drift").map((a) => a.id),
    );
    await expect.poll(() => page.locator("tr[data-alert-id]").count()).toBe(drift.alerts.length);
    for (const a of drift.alerts) expect(await page.locator(`tr[data-alert-id="${a.id}"]`).count()).toBe(1);
    // A label shown on a row links to the alerts carrying it.
    await page
      .locator(`tr[data-alert-id="${alert.id}"]`)
      .getByRole("link", { name: `kind=${alert.kind}` })
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get("label")).toBe(`kind=${alert.kind}`);
    // The field follows the URL after the navigation renders: poll, as for the URL itself.
    await expect
      .poll(() => page.getByLabel("Label", { exact: true }).inputValue())
      .toBe(`kind=${alert.kind}`);
    await expect
      .poll(() => page.locator("tr[data-alert-id]").count())
      .toBe(all.filter((a) => a.kind === alert.kind).length);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("links an alert's evidence to the model page focused on the subject and window", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.url}/alerts`);
    await page
      .locator(`tr[data-alert-id="${alert.id}"]`)
      .getByRole("link", { name: "View in the model page" })
      .click();
    await page.waitForURL(/\/models\/flight\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get("focus")).toBe("distance");
    expect(url.searchParams.get("from")).toBe(alert.evidence.window.from);
    const detail = page.getByTestId("drift-cell");
    await detail.waitFor();
    expect(await detail.locator("dl").getAttribute("data-values")).toContain('"drift_detected":true');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("ends a silence from the alerts page", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.url}/alerts?state=all`);
    await page.getByRole("button", { name: "End silence" }).click();
    await expect.poll(() => page.locator("[data-silence-id]").count()).toBe(0);
    await expect.poll(() => page.locator('tr[data-silenced="true"]').count()).toBe(0);
    expect((await json<{ silences: SilenceJson[] }>(`${server.url}/api/v1/silences`)).silences).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("overview shows each model's health: firing alerts, drifted features, trend, volume, p99, errors", async () => {
    const lastDay = new Date(SEED_START_MS + (SEED_DAYS - 1) * 86_400_000).toISOString();
    const to = new Date(SEED_START_MS + SEED_DAYS * 86_400_000).toISOString();
    const drift = await json<DriftAnswer>(
      `${server.url}/api/v1/models/flight/drift?from=${lastDay}&to=${to}&window=1d&version=v1`,
    );
    const features = (drift.windows[0]?.columns ?? []).filter(
      (c) => !["prediction", "label"].includes(c.column),
    );
    const outputs = await json<{ windows: { rows: number; error_rate: number }[] }>(
      `${server.url}/api/v1/models/flight/outputs?from=${lastDay}&to=${to}&window=1d`,
    );
    const { alerts } = await json<{ alerts: AlertJson[] }>(
      `${server.url}/api/v1/alerts?state=firing&model=flight`,
    );
    const { page, errors } = await openPage(browser);
    await page.goto(server.url);
    const row = page.locator('tr[data-model="flight"]');
    await expect
      .poll(() => row.locator('[data-field="volume"]').textContent(), { timeout: 10_000 })
      .not.toBe("—");
    expect(await row.locator('[data-field="firing"]').textContent()).toBe(String(alerts.length));
    expect(await row.locator('[data-field="drifted"]').textContent()).toBe(
      `${features.filter((c) => c.drift_detected).length} of ${features.length}`,
    );
    expect(await row.locator('[data-field="volume"]').textContent()).toBe(String(outputs.windows[0]?.rows));
    const trend = JSON.parse(
      (await row.locator('[data-field="trend"] [data-series]').getAttribute("data-series")) ?? "[]",
    );
    expect(trend).toHaveLength(30);
    expect(trend.filter((v: number | null) => v !== null)).toHaveLength(4);
    await page.getByRole("button", { name: "Drifted features" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("drifted");
    await screenshot(page, "overview");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("alerts page over more alerts than one page, in a real browser", () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let rareIds: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sightline-web-alert-pages-"));
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    rareIds = await seedAlerts(server, 600, 3);
    browser = await launchBrowser();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("finds labelled alerts older than the newest 500, and shows more on request", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.url}/alerts?label=team=rare`);
    // The three rare alerts are older than 600 others: only the server's filter finds them.
    await expect
      .poll(() => page.locator("tr[data-alert-id]").evaluateAll((rows) => rows.map((r) => r.dataset.alertId)))
      .toEqual(rareIds);
    expect(await page.getByRole("button", { name: /^Show more/ }).count()).toBe(0);
    await page.getByLabel("Label", { exact: true }).fill("");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll("label")).toEqual([]);
    await expect.poll(() => page.locator("tr[data-alert-id]").count()).toBe(500);
    await page.getByRole("button", { name: "Show more (500 shown)" }).click();
    await expect.poll(() => page.locator("tr[data-alert-id]").count()).toBe(603);
    await expect.poll(() => page.getByRole("button", { name: /^Show more/ }).count()).toBe(0);
    const ids = await page
      .locator("tr[data-alert-id]")
      .evaluateAll((rows) => rows.map((r) => r.dataset.alertId));
    expect(new Set(ids).size).toBe(603);
    expect(ids.slice(-3)).toEqual(rareIds);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
