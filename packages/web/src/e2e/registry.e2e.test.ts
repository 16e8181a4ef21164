import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { type RunningServer, resolveServerConfig, startServer } from "sightline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry, ServingCheck, VersionComparison } from "../api/types.js";
import { formatNumber } from "../format.js";
import { holdApi, launchBrowser, openPage, screenshot, settled } from "./browser.js";

const hourMs = 3_600_000;

async function send(method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

describe("the registry page in a real browser", () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  const trainRuns: Record<string, string> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sightline-web-registry-"));
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    const t0 = Date.now() - 6 * hourMs;
    for (const [i, version] of ["v1", "v2"].entries()) {
      const run = await send("POST", `${server.url}/api/v1/runs`, {
        component: "train",
        start_time: t0 + i * hourMs,
        end_time: t0 + i * hourMs + hourMs / 2,
        inputs: ["s3://lake/train.parquet"],
        outputs: [`models:/m/${version}`],
      });
      expect(run.status).toBe(201);
      trainRuns[version] = (run.json as { id: string }).id;
      const registered = await send("POST", `${server.url}/api/v1/models/m/versions`, {
        version,
        run_id: trainRuns[version],
        metrics: { auc: version === "v1" ? 0.8125 : 0.8431 },
        description: version === "v1" ? "baseline" : "more trees",
      });
      expect(registered.status, JSON.stringify(registered.json)).toBe(201);
    }
    expect(
      (await send("PUT", `${server.url}/api/v1/models/m/aliases/production`, { version: "v1" })).status,
    ).toBe(200);
    // 80 labelled predictions per version: v1 right 90% of the time, v2 60%; v2 a little slower.
    const predictions = ["v1", "v2"].flatMap((version) =>
      Array.from({ length: 80 }, (_, i) => ({
        id: `${version}-${i}`,
        version,
        timestamp: t0 + 3 * hourMs + i * 1000,
        features: { distance: 100 + i },
        prediction: i % 2,
        latency_ms: (version === "v1" ? 20 : 23) + (i % 5),
      })),
    );
    expect(
      (
        (await send("POST", `${server.url}/api/v1/models/m/predictions`, predictions)).json as {
          accepted: number;
        }
      ).accepted,
    ).toBe(160);
    const labels = predictions.map((p, i) => {
      const wrong = p.version === "v1" ? i % 10 === 0 : i % 10 < 4;
      return { id: p.id, label: wrong ? 1 - p.prediction : p.prediction };
    });
    expect(
      ((await send("POST", `${server.url}/api/v1/models/m/labels`, labels)).json as { accepted: number })
        .accepted,
    ).toBe(160);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("lists the versions, promotes and rolls back through the UI with a confirmation, the audit trail following", async () => {
    const { page, errors } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/models/m/registry`);
    const v1 = page.locator('tr[data-version="v1"]');
    await v1.waitFor();
    const field = (version: string, name: string) =>
      page.locator(`tr[data-version="${version}"] [data-field="${name}"]`).textContent();
    await expect.poll(() => field("v1", "aliases"), settled).toBe("production");
    await expect.poll(() => field("v1", "registered"), settled).toBe("yes");
    await expect.poll(() => field("v1", "metrics"), settled).toBe("auc 0.8125");
    await expect.poll(() => field("v2", "metrics"), settled).toBe("auc 0.8431");
    await expect
      .poll(() => v1.locator("a").getAttribute("href"), settled)
      .toBe(`/lineage/runs/${trainRuns.v1}`);
    await expect
      .poll(
        () => page.getByRole("navigation").getByRole("link", { name: "m registry" }).getAttribute("href"),
        settled,
      )
      .toBe("/models/m/registry");
    const production = page.locator(
      'table[aria-label="aliases"] tr[data-alias="production"] [data-field="version"]',
    );
    await expect.poll(() => production.textContent(), settled).toBe("v1");

    await page.getByLabel("Version", { exact: true }).selectOption("v2");
    await page.getByLabel("to alias").fill("production");
    await page.getByRole("button", { name: "Promote…" }).click();
    const confirm = page.getByRole("alertdialog");
    await expect.poll(() => confirm.textContent(), settled).toContain("Move production from v1 to v2?");
    // Nothing moves before the confirmation.
    expect(await production.textContent()).toBe("v1");
    await confirm.getByRole("button", { name: "Confirm promote" }).click();
    await page.locator('.audit-list li[data-action="promote"][data-version="v2"]').waitFor();
    // The model and its audit trail are separate queries: wait for the other one to land too.
    await expect.poll(() => production.textContent(), settled).toBe("v2");
    await expect.poll(() => field("v2", "aliases"), settled).toBe("production");

    await page.getByRole("button", { name: "Roll back production" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Confirm rollback" }).click();
    await page.locator('.audit-list li[data-action="rollback"]').waitFor();
    await expect.poll(() => production.textContent(), settled).toBe("v1");
    await expect
      .poll(() => page.getByRole("status").last().textContent(), settled)
      .toBe("production now points at v1 (was v2).");

    const api = (await send("GET", `${server.url}/api/v1/models/m/audit`)).json as { audit: AuditEntry[] };
    const shownAudit = () =>
      page
        .locator(".audit-list li")
        .evaluateAll((items) =>
          items.map((li) => [li.getAttribute("data-action"), li.getAttribute("data-version") ?? null]),
        );
    await expect.poll(shownAudit, settled).toEqual(api.audit.map((e) => [e.action, e.version]));
    expect((await shownAudit()).slice(0, 3)).toEqual([
      ["rollback", "v1"],
      ["promote", "v2"],
      ["promote", "v1"],
    ]);
    await screenshot(page, "registry");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("compares a candidate with its baseline (verdict, reasons, intervals) and shows the serving checks", async () => {
    const { page, errors } = await openPage(browser, "dark");
    page.setDefaultTimeout(10_000);
    // The serving checks land after the comparison on purpose: reading them once after it failed this way.
    const releaseServing = await holdApi(page, "/serving");
    await page.goto(`${server.url}/models/m/registry`);
    await page.getByLabel("Baseline").selectOption("v1");
    await page.getByLabel("Candidate").selectOption("v2");
    await page.getByRole("button", { name: "Compare" }).click();
    const result = page.locator(".comparison");
    await result.waitFor();
    await expect
      .poll(() => {
        const url = new URL(page.url());
        return [url.searchParams.get("baseline"), url.searchParams.get("candidate")];
      }, settled)
      .toEqual(["v1", "v2"]);
    const api = (await send("GET", `${server.url}/api/v1/models/m/compare?baseline=v1&candidate=v2`))
      .json as VersionComparison;
    expect(api.verdict).toBe("candidate_worse");
    await expect.poll(() => result.getAttribute("data-verdict"), settled).toBe(api.verdict);
    await expect
      .poll(() => page.locator('ul[aria-label="reasons"] li').allTextContents(), settled)
      .toEqual(api.reasons);
    const performance = page.locator('tr[data-measure="performance"] td');
    const p = api.performance;
    expect(p?.metric).toBe("accuracy");
    if (!p) return;
    await expect.poll(() => performance.nth(3).textContent(), settled).toBe(formatNumber(p.difference));
    await expect
      .poll(() => performance.nth(4).textContent(), settled)
      .toContain(`95% CI [${formatNumber(p.ci[0])}, ${formatNumber(p.ci[1])}]`);
    await expect
      .poll(
        async () => JSON.parse((await result.locator("[data-values]").getAttribute("data-values")) ?? "[]"),
        settled,
      )
      .toEqual([{ label: "accuracy difference", difference: p.difference, ci: p.ci }]);

    // The serving checks are a query of their own: they may land after the comparison.
    releaseServing();
    const checks = (await send("GET", `${server.url}/api/v1/models/m/serving`)).json as {
      checks: ServingCheck[];
    };
    const rows = () =>
      page
        .locator('table[aria-label="serving checks"] tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.getAttribute("data-kind"), tr.getAttribute("data-breached")]),
        );
    await expect.poll(rows, settled).toEqual(checks.checks.map((c) => [c.kind, String(c.breached)]));
    // production is back on v1 while v2 still served: traffic off the serving alias.
    expect((await rows())[0]).toEqual(["serving_version", "true"]);
    await screenshot(page, "registry-compare");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
