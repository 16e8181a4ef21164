import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { type RunningServer, resolveServerConfig, startServer } from "sightline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, settled } from "./browser.js";

async function post(url: string, body: unknown): Promise<{ accepted: number }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { accepted: number };
}

describe("the UI in a real browser", () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sightline-web-"));
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    const records = (n: number, offset: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `r${offset + i}`,
        version: "v1",
        features: { distance: 100 + i, origin: i % 2 ? "SFO" : "JFK" },
        prediction: i % 2,
      }));
    expect(
      (await post(`${server.url}/api/v1/models/flight-delay/predictions`, records(1234, 0))).accepted,
    ).toBe(1234);
    expect((await post(`${server.url}/api/v1/models/churn/predictions`, records(56, 0))).accepted).toBe(56);
    await post(`${server.url}/api/v1/models/churn/labels`, [{ id: "r1", label: 1 }]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("overview lists every model with its counts, sorts, keeps the sort in the URL, in light and dark", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const { page, errors } = await openPage(browser, scheme);
      await page.goto(server.url);
      const row = page.locator('tr[data-model="flight-delay"]');
      await row.waitFor();
      await expect.poll(() => row.locator('[data-field="predictions"]').textContent(), settled).toBe("1,234");
      await expect
        .poll(() => page.locator('tr[data-model="churn"] [data-field="labels"]').textContent(), settled)
        .toBe("1");
      const predictions = page.getByRole("button", { name: "Predictions" });
      const sortedBy = () => page.locator("th", { has: predictions }).getAttribute("aria-sort");
      // The second click toggles the order the first one set, so it must wait for that render: a click
      // on the old render would ask for ascending again.
      await predictions.click();
      await expect.poll(sortedBy, settled).toBe("ascending");
      await predictions.click();
      await expect.poll(sortedBy, settled).toBe("descending");
      await expect.poll(() => new URL(page.url()).searchParams.get("order"), settled).toBe("desc");
      await expect
        .poll(() => page.locator("tbody tr").first().getAttribute("data-model"), settled)
        .toBe("flight-delay");
      await screenshot(page, `overview-${scheme}`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("a shared URL of a model page opens that model, reachable by keyboard from the overview", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.url}/models/flight-delay`);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), settled)
      .toBe("flight-delay");
    await page.goto(server.url);
    await page.locator('tr[data-model="churn"] a').focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/models\/churn$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), settled).toBe("churn");
    // Not "model": that name is the model page's own screenshot (model.e2e.test.ts), used in the README.
    await screenshot(page, "model-from-overview");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("API paths still answer JSON 404s, not the UI", async () => {
    const response = await fetch(`${server.url}/api/v1/nope`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("SL_NOT_FOUND");
  });
});
