import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { type RunningServer, resolveServerConfig, startServer } from "sightline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, settled } from "./browser.js";
import { seedAlerts } from "./seed-alerts.js";

const adminKey = "admin-key-for-the-key-form-test";
const readKey = "read-key-for-the-key-form-test";
const ingestKey = "ingest-key-for-the-key-form-test";

async function post(url: string, body: unknown): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${adminKey}` },
    body: JSON.stringify(body),
  });
  return response.status;
}

const keyForm = (page: Page) => page.locator('section[aria-label="API key"]');

async function enterKey(page: Page, key: string): Promise<void> {
  await page.getByLabel("Key", { exact: true }).fill(key);
  await page.getByRole("button", { name: "Use key" }).click();
}

// The UI on a server with keys: it loads without a key, asks for one after the first 401, sends the entered
// key with every call, shows a missing role where the write was tried, and forgets the key on request.
describe("the UI on a server with API keys", () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let alertId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sightline-web-keys-"));
    server = await startServer(
      resolveServerConfig(
        { port: 0, host: "127.0.0.1", dataDir: dir, logLevel: "silent" },
        { SIGHTLINE_API_KEYS: `ops:admin:${adminKey},viewer:read:${readKey},feeder:ingest:${ingestKey}` },
      ),
    );
    const records = Array.from({ length: 12 }, (_, i) => ({
      id: `r${i}`,
      version: "v1",
      features: { distance: 100 + i },
      prediction: i % 2,
    }));
    expect(await post(`${server.url}/api/v1/models/flight-delay/predictions`, records)).toBe(200);
    await seedAlerts(server, 1, 0);
    alertId = "bulk-00000";
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("serves the UI's files without a key, while the API refuses", async () => {
    const index = await fetch(`${server.url}/models/flight-delay`);
    expect(index.status).toBe(200);
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    expect((await fetch(`${server.url}${asset}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/models`)).status).toBe(401);
  });

  it("asks for a key, refuses a wrong one, reads with the read key, writes only with the admin key, forgets", async () => {
    const { page, errors } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await keyForm(page).waitFor();
    // One form in place of the page, not an error per query.
    expect(await page.getByRole("alert").count()).toBe(0);
    await screenshot(page, "api-key-form");

    await enterKey(page, "not-a-key-of-this-server");
    await expect
      .poll(() => page.getByRole("alert").textContent(), settled)
      .toBe("The key was refused: unknown API key");
    expect(await keyForm(page).count()).toBe(1);
    // A model server's ingest key cannot read: turned away at the form, not adopted to fail every query.
    await enterKey(page, ingestKey);
    await expect
      .poll(() => page.getByRole("alert").textContent(), settled)
      .toBe("The key was refused: API key 'feeder' has role 'ingest'; this call needs 'read'");
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await enterKey(page, readKey);
    await expect
      .poll(
        () => page.locator('tr[data-model="flight-delay"] [data-field="predictions"]').textContent(),
        settled,
      )
      .toBe("12");
    expect(await keyForm(page).count()).toBe(0);
    // The key lives in the tab's sessionStorage, so a navigation keeps it.
    await page.goto(`${server.url}/models/flight-delay`);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), settled)
      .toBe("flight-delay");

    await page.goto(`${server.url}/alerts`);
    const row = page.locator(`tr[data-alert-id="${alertId}"]`);
    await row.waitFor();
    await row.getByRole("button", { name: /^acknowledge/ }).click();
    await expect
      .poll(() => row.getByRole("alert").textContent(), settled)
      .toBe("API key 'viewer' has role 'read'; this call needs 'admin'");
    expect(await row.getAttribute("data-acknowledged")).toBe("false");

    await page.getByRole("button", { name: "Forget key" }).click();
    await keyForm(page).waitFor();
    await enterKey(page, adminKey);
    await row.waitFor();
    await row.getByRole("button", { name: /^acknowledge/ }).click();
    await expect.poll(() => row.getAttribute("data-acknowledged"), settled).toBe("true");

    await page.getByRole("button", { name: "Forget key" }).click();
    await keyForm(page).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.reload();
    await keyForm(page).waitFor();
    expect(await row.count()).toBe(0);

    // The browser logs each refused request (401, 403) as a console error; nothing else may fail.
    expect(errors.filter((e) => !/\b40[13]\b/.test(e))).toEqual([]);
    await page.context().close();
  });
});
