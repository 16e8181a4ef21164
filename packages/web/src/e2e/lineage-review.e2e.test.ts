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
const model = "models:/m/v1";
const testSet = "s3://lake/test.parquet";
const flagsPath = "/api/v1/lineage/flags";

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

/** The answer to the next call of `method` on the flags API. */
function flagsCall(page: Page, method: "POST" | "DELETE") {
  return page.waitForResponse(
    (r) => r.request().method() === method && new URL(r.url()).pathname === flagsPath,
  );
}

function flagsShown(page: Page): Promise<string[]> {
  return page.locator('ul[aria-label="flagged outputs"] li').allTextContents();
}

function traceOf(artifact: string): string {
  return `/lineage?${new URLSearchParams({ artifact })}`;
}

// Flags are written with the `ingest` role (as `sightline flag` and `unflag`): a key that may only read
// sees traces and the review but cannot change a flag, and the page shows the server's refusal.
describe("flagging from a trace and unflagging on the review page, with API keys", () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  const ids: Record<string, string> = {};

  const review = async () => (await send("GET", `${server.url}/api/v1/lineage/review`)).json as ReviewResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sightline-web-review-"));
    server = await startServer(
      resolveServerConfig(
        { port: 0, host: "127.0.0.1", dataDir: dir, logLevel: "silent" },
        { SIGHTLINE_API_KEYS: `ops:admin:${adminKey},viewer:read:${readKey}` },
      ),
    );
    // split writes the train and test sets, train turns the train set into the model: with the model
    // flagged, split and train each feed one flagged output; flagging the test set adds one to split.
    const t0 = Date.now() - 3 * hourMs;
    const steps: [string, string[], string[]][] = [
      ["split", ["s3://lake/features.parquet"], ["s3://lake/train.parquet", testSet]],
      ["train", ["s3://lake/train.parquet"], [model]],
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
    expect((await send("POST", `${server.url}${flagsPath}`, { artifact: model })).status).toBe(201);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("a read-only key sees the refusals, and the flags stay as they were", async () => {
    const { page, errors } = await pageWithKey(browser, readKey);
    await page.goto(`${server.url}${traceOf(testSet)}`);
    await page.locator(".trace-list").waitFor();
    const flagged = flagsCall(page, "POST");
    await page.getByRole("button", { name: `flag artifact ${testSet}` }).click();
    expect((await flagged).status()).toBe(403);
    const refusal = "API key 'viewer' has role 'read'; this call needs 'ingest'";
    await expect.poll(() => page.getByRole("alert").textContent(), settled).toBe(refusal);

    await page.goto(`${server.url}/lineage/review`);
    await expect.poll(() => flagsShown(page), settled).toEqual([expect.stringContaining(model)]);
    const unflagged = flagsCall(page, "DELETE");
    await page.getByRole("button", { name: `unflag artifact ${model}` }).click();
    expect((await unflagged).status()).toBe(403);
    await expect.poll(() => page.getByRole("alert").textContent(), settled).toBe(refusal);
    expect(await flagsShown(page)).toEqual([expect.stringContaining(model)]);
    expect((await review()).flagged.map((f) => ("artifact" in f ? f.artifact : f.prediction))).toEqual([
      model,
    ]);
    // The browser logs each refused request as a console error; nothing else may fail.
    expect(errors.filter((e) => !e.includes("403"))).toEqual([]);
    await page.context().close();
  });

  it("a key with the ingest role (here admin) flags from the trace, unflags from the review, the ranking following", async () => {
    const before = await review();
    const { page, errors } = await pageWithKey(browser, adminKey);
    await page.goto(`${server.url}${traceOf(testSet)}`);
    await page.locator(".trace-list").waitFor();
    const flagButton = page.getByRole("button", { name: `flag artifact ${testSet}` });
    const created = flagsCall(page, "POST");
    await flagButton.click();
    expect((await created).status()).toBe(201);
    // The flag's own status: a trace with stale steps has a status of its own.
    const status = page.locator(".flag-action").getByRole("status");
    await expect.poll(() => status.textContent(), settled).toBe(`Flagged artifact ${testSet}. Review`);
    // Flagging again keeps the first flag.
    const again = flagsCall(page, "POST");
    await flagButton.click();
    expect((await again).status()).toBe(200);
    await expect
      .poll(() => status.textContent(), settled)
      .toBe(`artifact ${testSet} was already flagged. Review`);
    await status.getByRole("link", { name: "Review" }).click();
    await page.waitForURL(/\/lineage\/review$/);
    await expect.poll(async () => (await flagsShown(page)).length, settled).toBe(2);
    const splitFed = page.locator(
      `table[aria-label="review ranking"] tr[data-run="${ids.split}"] [data-field="flagged"]`,
    );
    await expect.poll(() => splitFed.textContent(), settled).toBe("2");
    expect((await review()).runs.find((r) => r.id === ids.split)?.flagged_outputs).toBe(2);

    const unflagged = flagsCall(page, "DELETE");
    await page.getByRole("button", { name: `unflag artifact ${testSet}` }).click();
    const response = await unflagged;
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ unflagged: testSet, removed: true });
    await expect
      .poll(() => page.getByRole("status").textContent(), settled)
      .toBe(`Unflagged artifact ${testSet}.`);
    await expect.poll(() => flagsShown(page), settled).toEqual([expect.stringContaining(model)]);
    await expect.poll(() => splitFed.textContent(), settled).toBe("1");
    const after = await review();
    expect(after.flagged).toEqual(before.flagged);
    expect(after.runs.map((r) => [r.component, r.flagged_outputs]).sort()).toEqual([
      ["split", 1],
      ["train", 1],
    ]);
    await screenshot(page, "lineage-review");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
