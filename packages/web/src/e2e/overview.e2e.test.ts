import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { type RunningServer, resolveServerConfig, startServer } from "sightline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot } from "./browser.js";

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
      expect(await row.locator('[data-field="predictions"]').textContent()).toBe("1,234");
      expect(await page.locator('tr[data-model="churn"] [data-field="labels"]').textContent()).toBe("1");
      await page.getByRole("button", { name: "Predictions" }).click();
      await page.getByRole("button", { name: "Predictions" }).click();
      // React re-renders after the click: poll until the table shows the new order.
      await expect.poll(() => new URL(page.url()).searchParams.get("order")).toBe("desc");
      await expect
        .poll(() => page.locator("tbody tr").first().getAttribute("data-model"))
        .toBe("flight-delay");
      await screenshot(page, `overview-${scheme}`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("a shared URL of a model page opens that model, reachable by keyboard from the overview", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.url}/models/flight-delay`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("flight-delay");
    await page.goto(server.url);
    await page.locator('tr[data-model="churn"] a').focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/models\/churn$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("churn");
    // Not "model": that name is the model page's own screenshot (model.e2e.test.ts), used in the README.
    await screenshot(page, "model-from-overview");
    expect(errors).toEqual([]);
  });

  it("API paths still answer JSON 404s, not the UI", async () => {
    const response = await fetch(`${server.url}/api/v1/nope`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("SL_NOT_FOUND");
  });
});
