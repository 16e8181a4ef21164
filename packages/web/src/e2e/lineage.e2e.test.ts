import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { type RunningServer, resolveServerConfig, startServer } from "sightline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImpactResult, RunDetail, TraceResult } from "../api/types.js";
import { launchBrowser, openPage, screenshot } from "./browser.js";

const hourMs = 3_600_000;
const dayMs = 86_400_000;
const steps = ["clean", "featuregen", "split", "train", "inference"];
const codeSnapshot = "def train(df, depth=6):\n    return GradientBoosting(max_depth=depth).fit(df)\n";

async function send(method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

describe("the lineage explorer in a real browser", () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sightline-web-lineage-"));
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    // clean → featuregen → split → train → inference. clean and featuregen ran 40 days before the rest, so
    // split (and inference, which reads the features too) depend on a run older than the 30-day threshold.
    const t0 = Date.now() - 40 * dayMs;
    const t1 = Date.now() - 5 * hourMs;
    const step = async (
      component: string,
      startMs: number,
      inputs: unknown[],
      outputs: unknown[],
      extra = {},
    ) => {
      const res = await send("POST", `${server.url}/api/v1/runs`, {
        component,
        start_time: new Date(startMs).toISOString(),
        end_time: startMs + hourMs / 2,
        inputs,
        outputs,
        ...extra,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      ids[component] = (res.json as { id: string }).id;
    };
    await step("clean", t0, ["s3://raw/flights.csv"], ["s3://lake/clean.parquet"], { owner: "data-eng" });
    await step("featuregen", t0 + hourMs, ["s3://lake/clean.parquet"], ["s3://lake/features.parquet"]);
    await step(
      "split",
      t1,
      ["s3://lake/features.parquet"],
      ["s3://lake/train.parquet", "s3://lake/test.parquet"],
    );
    await step("train", t1 + hourMs, ["s3://lake/train.parquet"], ["models:/m/v1"], {
      params: { max_depth: 6, learning_rate: 0.1 },
      metrics: { auc: 0.8125, log_loss: 0.4321 },
      git_commit: "3f2a9c1d",
      code_snapshot: codeSnapshot,
      notes: "baseline gradient boosting",
    });
    await step(
      "inference",
      t1 + 2 * hourMs,
      ["models:/m/v1", "s3://lake/features.parquet"],
      ["https://api.example/predict"],
    );
    const predictions = Array.from({ length: 10 }, (_, i) => ({
      id: `p-${i}`,
      version: "v1",
      timestamp: t1 + 3 * hourMs + i * 1000,
      features: { distance: 100 + i },
      prediction: i % 2,
      run_id: ids.inference,
    }));
    const ingested = await send("POST", `${server.url}/api/v1/models/m/predictions`, predictions);
    expect((ingested.json as { accepted: number }).accepted).toBe(10);
    const flagged = await send("POST", `${server.url}/api/v1/lineage/flags`, {
      model: "m",
      prediction: "p-3",
    });
    expect(flagged.status).toBe(201);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("traces a searched prediction through every step, as a graph and a list, with the stale runs marked", async () => {
    const api = (await send("GET", `${server.url}/api/v1/lineage/trace?model=m&prediction=p-3`))
      .json as TraceResult;
    expect(api.stale.length).toBeGreaterThan(0);
    const { page, errors } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/lineage`);
    await page.getByLabel("of model").fill("m");
    await page.getByLabel("prediction id").fill("p-3");
    await page.getByRole("button", { name: "Trace" }).click();
    await page.locator(".trace-list").waitFor();
    const url = new URL(page.url());
    expect([url.searchParams.get("prediction"), url.searchParams.get("model")]).toEqual(["p-3", "m"]);
    const listed = await page
      .locator('.trace-list li[data-node-type="run"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-label")));
    expect(new Set(listed)).toEqual(new Set(steps));
    const series = JSON.parse((await page.locator(".lineage-graph").getAttribute("data-series")) ?? "[]") as {
      type: string;
      label: string;
      stale: boolean;
    }[];
    expect(
      series
        .filter((n) => n.type === "run")
        .map((n) => n.label)
        .sort(),
    ).toEqual([...steps].sort());
    expect(series.some((n) => n.type === "artifact" && n.label === "models:/m/v1")).toBe(true);
    // The stale runs the API reports are the ones marked, in the graph and in the list.
    const staleIds = new Set(api.stale.map((m) => /\(ID ([^)]+)\)/.exec(m)?.[1]));
    expect(staleIds).toEqual(new Set([ids.featuregen]));
    const staleRuns = series.filter((n) => n.stale).map((n) => n.label);
    expect(staleRuns.sort()).toEqual(["inference", "split"]);
    const markedInList = await page
      .locator('.trace-list li[data-stale="true"]')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-label")))].sort());
    expect(markedInList).toEqual(["inference", "split"]);
    expect(await page.locator('li[data-label="split"] .stale-badge').first().textContent()).toContain(
      "stale",
    );
    expect(await page.locator(".stale-summary li").allTextContents()).toEqual(api.stale);
    await screenshot(page, "lineage-trace");
    // The list is reachable by keyboard: the run links are real links.
    await page.locator('li[data-label="train"] > .trace-node a').first().focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/lineage/runs/${ids.train}$`));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a shared URL traces an artifact back to its writers, with a link to its forward impact", async () => {
    const { page, errors } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/lineage?artifact=${encodeURIComponent("models:/m/v1")}`);
    await page.locator(".trace-list").waitFor();
    expect(await page.getByLabel("Trace a").inputValue()).toBe("artifact");
    expect(await page.getByLabel("Artifact name").inputValue()).toBe("models:/m/v1");
    const listed = await page
      .locator('.trace-list li[data-node-type="run"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-label")));
    expect(listed).toEqual(["train", "split", "featuregen", "clean"]);
    expect(
      await page.getByRole("link", { name: "Forward impact of this artifact" }).getAttribute("href"),
    ).toBe(`/lineage/impact?artifact=${encodeURIComponent("models:/m/v1")}`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a run's page shows its full record: code snapshot, git commit, params, metrics, inputs, outputs", async () => {
    const api = (await send("GET", `${server.url}/api/v1/runs/${ids.train}`)).json as RunDetail;
    const { page, errors } = await openPage(browser, "dark");
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/lineage/runs/${ids.train}`);
    await page.locator('[data-field="code_snapshot"]').waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("train success");
    expect(await page.locator('[data-field="code_snapshot"]').textContent()).toBe(codeSnapshot);
    expect(await page.locator('[data-field="git_commit"]').textContent()).toBe(api.git_commit);
    expect(await page.locator('table[aria-label="metrics"] tr[data-key="auc"] td').textContent()).toBe(
      "0.8125",
    );
    expect(
      await page.locator('table[aria-label="parameters"] tr[data-key="max_depth"] td').textContent(),
    ).toBe("6");
    expect(await page.locator('ul[aria-label="inputs"] li').getAttribute("data-artifact")).toBe(
      "s3://lake/train.parquet",
    );
    expect(await page.locator('ul[aria-label="outputs"] li').getAttribute("data-artifact")).toBe(
      "models:/m/v1",
    );
    expect(await page.getByText("baseline gradient boosting").count()).toBe(1);
    expect(await page.getByRole("link", { name: String(ids.split) }).count()).toBeGreaterThan(0);
    await screenshot(page, "run");
    // The stale split run says why.
    await page.goto(`${server.url}/lineage/runs/${ids.split}`);
    await page.locator(".stale-summary").waitFor();
    expect(await page.locator(".stale-summary li").first().textContent()).toMatch(
      new RegExp(`featuregen \\(ID ${ids.featuregen}\\) was run (39|40) days ago`),
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows component history, the review ranking of the flagged prediction, and forward impact", async () => {
    const { page, errors } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/lineage`);
    await page.locator('tr[data-component="clean"] a').click();
    await page.waitForURL(/\/lineage\/components\/clean$/);
    expect(await page.locator('table[aria-label="runs of clean"] tbody tr').getAttribute("data-run")).toBe(
      ids.clean,
    );
    await page.getByRole("link", { name: "Review", exact: true }).click();
    await page.locator('table[aria-label="review ranking"]').waitFor();
    expect(await page.locator('ul[aria-label="flagged outputs"] li').textContent()).toContain("p-3");
    const ranked = await page
      .locator('table[aria-label="review ranking"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-component")));
    expect(new Set(ranked)).toEqual(new Set(steps));
    const impact = (await send("GET", `${server.url}/api/v1/lineage/impact?run=${ids.clean}`))
      .json as ImpactResult;
    await page.goto(`${server.url}/lineage/runs/${ids.clean}`);
    await page.getByRole("link", { name: "Forward impact" }).click();
    const summary = page.locator(".summary");
    await summary.waitFor();
    expect(await summary.getAttribute("data-runs")).toBe(String(impact.runs.count));
    expect(await summary.getAttribute("data-predictions")).toBe("10");
    expect(impact.runs.count).toBe(4);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
