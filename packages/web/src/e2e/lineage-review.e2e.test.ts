import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { type RunningServer, resolveServerConfig, startServer } from "sightline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReviewResult } from "../api/types.js";
import { launchBrowser, openPage, screenshot, settled } from "./browser.js";

const hourMs = 3_600_000;
const adminKey = "admin-key-for-the-review-test";
const readKey = "read-key-for-the-review-test";
const testSet = "s3://lake/test.parquet";

async function send(method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${adminKey}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

/** A page whose every request carries the key, as a reverse proxy in front of the UI would add it. */
async function pageWithKey(browser: Browser, key: string) {
  const opened = await openPage(browser);
  await opened.page.context().setExtraHTTPHeaders({ authorization: `Bearer ${key}` });
  opened.page.setDefaultTimeout(10_000);
  return opened;
}

/** The review page's flagged outputs, once the answer behind them has been drawn. */
function flagsShown(page: Page): Promise<string[]> {
  return page.locator('ul[aria-label="flagged outputs"] li').allTextContents();
}

// Flags are written with the `ingest` role (as `POST /api/v1/lineage/flags`), so a key that may only read
// sees the review but cannot unflag: the page shows the server's refusal and the flag stays.
describe("unflagging on the review page, with API keys", () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sightline-web-review-"));
    server = await startServer(
      resolveServerConfig(
        { port: 0, host: "127.0.0.1", dataDir: dir, logLevel: "silent" },
        { SIGHTLINE_API_KEYS: `ops:admin:${adminKey},viewer:read:${readKey}` },
      ),
    );
    // split writes the train and test sets, train turns the train set into the model: flagging the model
    // and the test set puts split upstream of two flagged outputs and train of one.
    const t0 = Date.now() - 3 * hourMs;
    const steps: [string, string[], string[]][] = [
      ["split", ["s3://lake/features.parquet"], ["s3://lake/train.parquet", testSet]],
      ["train", ["s3://lake/train.parquet"], ["models:/m/v1"]],
    ];
    for (const [i, [component, inputs, outputs]] of steps.entries()) {
      const run = await send("POST", `${server.url}/api/v1/runs`, {
        component,
        start_time: t0 + i * hourMs,
        end_time: t0 + i * hourMs + hourMs / 2,
        inputs,
        outputs,
      });
      expect(run.status, JSON.stringify(run.json)).toBe(201);
      ids[component] = (run.json as { id: string }).id;
    }
    for (const artifact of ["models:/m/v1", testSet]) {
      expect((await send("POST", `${server.url}/api/v1/lineage/flags`, { artifact })).status).toBe(201);
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("a read-only key sees the refusal, and the flag stays", async () => {
    const { page, errors } = await pageWithKey(browser, readKey);
    await page.goto(`${server.url}/lineage/review`);
    await expect.poll(() => flagsShown(page), settled).toHaveLength(2);
    const refused = page.waitForResponse((r) => r.request().method() === "DELETE");
    await page.getByRole("button", { name: `unflag artifact ${testSet}` }).click();
    expect((await refused).status()).toBe(403);
    await expect
      .poll(() => page.getByRole("alert").textContent(), settled)
      .toBe("API key 'viewer' has role 'read'; this call needs 'ingest'");
    expect(await flagsShown(page)).toHaveLength(2);
    const review = (await send("GET", `${server.url}/api/v1/lineage/review`)).json as ReviewResult;
    expect(review.flagged.map((f) => ("artifact" in f ? f.artifact : f.prediction)).sort()).toEqual(
      ["models:/m/v1", testSet].sort(),
    );
    // The browser logs the refused request as a console error; nothing else may fail.
    expect(errors.filter((e) => !e.includes("403"))).toEqual([]);
    await page.context().close();
  });

  it("a key with the ingest role (here admin) unflags, and the ranking follows", async () => {
    const before = (await send("GET", `${server.url}/api/v1/lineage/review`)).json as ReviewResult;
    expect(before.runs.map((r) => [r.component, r.flagged_outputs])).toEqual([
      ["split", 2],
      ["train", 1],
    ]);
    const { page, errors } = await pageWithKey(browser, adminKey);
    await page.goto(`${server.url}/lineage/review`);
    const splitFed = page.locator(
      `table[aria-label="review ranking"] tr[data-run="${ids.split}"] [data-field="flagged"]`,
    );
    await expect.poll(() => splitFed.textContent(), settled).toBe("2");
    const unflagged = page.waitForResponse(
      (r) => r.request().method() === "DELETE" && new URL(r.url()).pathname === "/api/v1/lineage/flags",
    );
    await page.getByRole("button", { name: `unflag artifact ${testSet}` }).click();
    const response = await unflagged;
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ unflagged: testSet, removed: true });
    await expect
      .poll(() => page.getByRole("status").textContent(), settled)
      .toBe(`Unflagged artifact ${testSet}.`);
    await expect.poll(() => flagsShown(page), settled).toEqual([expect.stringContaining("models:/m/v1")]);
    await expect.poll(() => splitFed.textContent(), settled).toBe("1");
    const after = (await send("GET", `${server.url}/api/v1/lineage/review`)).json as ReviewResult;
    expect(after.flagged).toEqual(before.flagged.filter((f) => !("artifact" in f && f.artifact === testSet)));
    // A tie: the order between the two runs is not part of the answer.
    expect(after.runs.map((r) => [r.component, r.flagged_outputs]).sort()).toEqual([
      ["split", 1],
      ["train", 1],
    ]);
    await screenshot(page, "lineage-review");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
