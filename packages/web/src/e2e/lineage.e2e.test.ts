import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { type RunningServer, resolveServerConfig, startServer } from "sightline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImpactResult, RunDetail, TraceResult } from "../api/types.js";
import { launchBrowser, openPage, screenshot, settled } from "./browser.js";

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

/** An attribute of every element a selector matches, in document order (empty while none is rendered). */
function attributes(page: Page, selector: string, attribute: string): Promise<(string | null)[]> {
  return page.locator(selector).evaluateAll((els, name) => els.map((e) => e.getAttribute(name)), attribute);
}

const distinctSorted = (values: (string | null)[]) => [...new Set(values)].sort();

type GraphNode = { type: string; label: string; stale: boolean };

/** The lineage graph's nodes, as the chart element carries them in `data-series`. */
async function graphNodes(page: Page): Promise<GraphNode[]> {
  return JSON.parse(
    (await page.locator(".lineage-graph").getAttribute("data-series")) ?? "[]",
  ) as GraphNode[];
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

  // Every read of the page polls (or follows a wait on the response behind it): a view renders when its
  // fetch lands, so a single read right after a navigation or a click can see the view before it.
  it("traces a searched prediction through every step, as a graph and a list, with the stale runs marked", async () => {
    const api = (await send("GET", `${server.url}/api/v1/lineage/trace?model=m&prediction=p-3`))
      .json as TraceResult;
    expect(api.stale.length).toBeGreaterThan(0);
    const { page, errors } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/lineage`);
    await page.getByLabel("of model").fill("m");
    await page.getByLabel("prediction id").fill("p-3");
    const traced = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/lineage/trace");
    await page.getByRole("button", { name: "Trace" }).click();
    expect((await traced).status()).toBe(200);
    await expect
      .poll(() => {
        const url = new URL(page.url());
        return [url.searchParams.get("prediction"), url.searchParams.get("model")];
      }, settled)
      .toEqual(["p-3", "m"]);
    await expect
      .poll(
        async () =>
          distinctSorted(await attributes(page, '.trace-list li[data-node-type="run"]', "data-label")),
        settled,
      )
      .toEqual([...steps].sort());
    const runsInGraph = async () =>
      (await graphNodes(page))
        .filter((n) => n.type === "run")
        .map((n) => n.label)
        .sort();
    await expect.poll(runsInGraph, settled).toEqual([...steps].sort());
    const series = await graphNodes(page);
    expect(series.some((n) => n.type === "artifact" && n.label === "models:/m/v1")).toBe(true);
    // The stale runs the API reports are the ones marked, in the graph and in the list.
    const staleIds = new Set(api.stale.map((m) => /\(ID ([^)]+)\)/.exec(m)?.[1]));
    expect(staleIds).toEqual(new Set([ids.featuregen]));
    expect(
      series
        .filter((n) => n.stale)
        .map((n) => n.label)
        .sort(),
    ).toEqual(["inference", "split"]);
    await expect
      .poll(
        async () => distinctSorted(await attributes(page, '.trace-list li[data-stale="true"]', "data-label")),
        settled,
      )
      .toEqual(["inference", "split"]);
    await expect
      .poll(() => page.locator('li[data-label="split"] .stale-badge').first().textContent(), settled)
      .toContain("stale");
    await expect.poll(() => page.locator(".stale-summary li").allTextContents(), settled).toEqual(api.stale);
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
    await expect.poll(() => page.getByLabel("Trace a").inputValue(), settled).toBe("artifact");
    await expect.poll(() => page.getByLabel("Artifact name").inputValue(), settled).toBe("models:/m/v1");
    await expect
      .poll(() => attributes(page, '.trace-list li[data-node-type="run"]', "data-label"), settled)
      .toEqual(["train", "split", "featuregen", "clean"]);
    await expect
      .poll(
        () => page.getByRole("link", { name: "Forward impact of this artifact" }).getAttribute("href"),
        settled,
      )
      .toBe(`/lineage/impact?artifact=${encodeURIComponent("models:/m/v1")}`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a run's page shows its full record: code snapshot, git commit, params, metrics, inputs, outputs", async () => {
    const api = (await send("GET", `${server.url}/api/v1/runs/${ids.train}`)).json as RunDetail;
    const { page, errors } = await openPage(browser, "dark");
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/lineage/runs/${ids.train}`);
    await page.locator('[data-field="code_snapshot"]').waitFor();
    const text = (selector: string) => page.locator(selector).textContent();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), settled)
      .toBe("train success");
    await expect.poll(() => text('[data-field="code_snapshot"]'), settled).toBe(codeSnapshot);
    await expect.poll(() => text('[data-field="git_commit"]'), settled).toBe(api.git_commit);
    await expect
      .poll(() => text('table[aria-label="metrics"] tr[data-key="auc"] td'), settled)
      .toBe("0.8125");
    await expect
      .poll(() => text('table[aria-label="parameters"] tr[data-key="max_depth"] td'), settled)
      .toBe("6");
    await expect
      .poll(() => attributes(page, 'ul[aria-label="inputs"] li', "data-artifact"), settled)
      .toEqual(["s3://lake/train.parquet"]);
    await expect
      .poll(() => attributes(page, 'ul[aria-label="outputs"] li', "data-artifact"), settled)
      .toEqual(["models:/m/v1"]);
    await expect.poll(() => page.getByText("baseline gradient boosting").count(), settled).toBe(1);
    await expect
      .poll(() => page.getByRole("link", { name: String(ids.split) }).count(), settled)
      .toBeGreaterThan(0);
    await screenshot(page, "run");
    // The stale split run says why.
    await page.goto(`${server.url}/lineage/runs/${ids.split}`);
    await page.locator(".stale-summary").waitFor();
    await expect
      .poll(() => page.locator(".stale-summary li").first().textContent(), settled)
      .toMatch(new RegExp(`featuregen \\(ID ${ids.featuregen}\\) was run (39|40) days ago`));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows component history, the review ranking of the flagged prediction, and forward impact", async () => {
    const { page, errors } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/lineage`);
    await page.locator('tr[data-component="clean"] a').click();
    await page.waitForURL(/\/lineage\/components\/clean$/);
    await expect
      .poll(() => attributes(page, 'table[aria-label="runs of clean"] tbody tr', "data-run"), settled)
      .toEqual([ids.clean]);
    await page.getByRole("link", { name: "Review", exact: true }).click();
    await page.locator('table[aria-label="review ranking"]').waitFor();
    await expect
      .poll(() => page.locator('ul[aria-label="flagged outputs"] li').allTextContents(), settled)
      .toEqual([expect.stringContaining("p-3")]);
    await expect
      .poll(
        async () =>
          distinctSorted(
            await attributes(page, 'table[aria-label="review ranking"] tbody tr', "data-component"),
          ),
        settled,
      )
      .toEqual([...steps].sort());
    const impact = (await send("GET", `${server.url}/api/v1/lineage/impact?run=${ids.clean}`))
      .json as ImpactResult;
    expect(impact.runs.count).toBe(4);
    await page.goto(`${server.url}/lineage/runs/${ids.clean}`);
    await page.getByRole("link", { name: "Forward impact" }).click();
    const summary = page.locator(".summary");
    await summary.waitFor();
    await expect.poll(() => summary.getAttribute("data-runs"), settled).toBe(String(impact.runs.count));
    await expect.poll(() => summary.getAttribute("data-predictions"), settled).toBe("10");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
