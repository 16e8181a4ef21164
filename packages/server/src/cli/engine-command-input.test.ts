import { describe, expect, it } from "vitest";
import { SightlineError } from "../errors.js";
import { alertListPath, silenceBody } from "./alerts-command.js";
import { queryString, serverTarget } from "./api-client.js";
import { monitorBody, planMonitorsApply } from "./monitors-command.js";
import { delayCell } from "./render-monitor.js";
import { renderDrift } from "./render-windows.js";
import { windowQuery } from "./windows-command.js";

function thrown(f: () => unknown): SightlineError {
  try {
    f();
  } catch (error) {
    if (error instanceof SightlineError) return error;
    throw error;
  }
  throw new Error("did not throw");
}

describe("serverTarget and queryString", () => {
  it("takes the flag, else the environment, else the default, without a trailing slash", () => {
    expect(serverTarget({}, {})).toEqual({ url: "http://127.0.0.1:7070", apiKey: undefined });
    expect(serverTarget({}, { SIGHTLINE_URL: "http://h:1/", SIGHTLINE_API_KEY: "k" })).toEqual({
      url: "http://h:1",
      apiKey: "k",
    });
    expect(serverTarget({ url: "http://f:2", apiKey: "f" }, { SIGHTLINE_URL: "http://h:1" })).toEqual({
      url: "http://f:2",
      apiKey: "f",
    });
    expect(queryString({ a: "1", b: undefined, c: "x:y" })).toBe("?a=1&c=x%3Ay");
    expect(queryString({ a: undefined })).toBe("");
  });
});

describe("alertListPath", () => {
  it("sends each set filter once and every --label as its own label parameter", () => {
    expect(alertListPath({})).toBe("/api/v1/alerts");
    const path = alertListPath({
      state: "firing",
      monitor: "m.drift",
      label: ["team=ml", "expr=a=b"],
      limit: "5",
    });
    const url = new URL(path, "http://h");
    expect(url.pathname).toBe("/api/v1/alerts");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      state: "firing",
      monitor: "m.drift",
      limit: "5",
    });
    expect(url.searchParams.getAll("label")).toEqual(["team=ml", "expr=a=b"]);
  });

  it("names --label when one is malformed, as the server would reject it", () => {
    for (const bad of ["team", "=ml", "team="]) {
      const error = thrown(() => alertListPath({ label: ["team=ml", bad] }));
      expect(error.code).toBe("SL_INVALID_QUERY");
      expect(error.details).toEqual({ field: "--label" });
      expect(error.message).toMatch(/^--label /);
    }
  });
});

describe("silenceBody", () => {
  it("silences the model (and monitor) for --for from now", () => {
    expect(silenceBody({ model: "fraud", monitor: "errors", for: "90m", comment: "deploy" }, 0)).toEqual({
      matchers: { model: "fraud", monitor: "errors" },
      until: new Date(90 * 60_000).toISOString(),
      comment: "deploy",
      created_by: "cli",
    });
  });

  it("names the bad flag", () => {
    expect(thrown(() => silenceBody({ model: "fraud", for: "2 hours" }, 0)).details).toEqual({
      field: "--for",
    });
    expect(thrown(() => silenceBody({ model: "fraud", monitor: " ", for: "2h" }, 0)).message).toBe(
      "--monitor must not be empty",
    );
    expect(thrown(() => silenceBody({ model: "bad name!", for: "2h" }, 0)).code).toBe(
      "SL_INVALID_MODEL_NAME",
    );
  });
});

describe("windowQuery", () => {
  it("passes the flags on as the API's parameters", () => {
    expect(
      windowQuery({
        model: "m",
        from: "2024-03-01",
        to: "1709337600000",
        window: "1h",
        segment: "region:eu",
        cumulative: true,
        minEffect: "0.1",
      }),
    ).toBe("?from=2024-03-01&to=1709337600000&window=1h&segment=region%3Aeu&cumulative=true&min_effect=0.1");
  });

  it("rejects each bad flag by name", () => {
    const field = (flags: Parameters<typeof windowQuery>[0]) => thrown(() => windowQuery(flags)).details;
    expect(field({ model: "m", window: "0d" })).toEqual({ field: "--window" });
    expect(field({ model: "m", from: "last week" })).toEqual({ field: "--from" });
    expect(field({ model: "m", from: "2024-03-02", to: "2024-03-01" })).toEqual({ field: "--to" });
    expect(field({ model: "m", segment: ":eu" })).toEqual({ field: "--segment" });
    expect(field({ model: "m", minEffect: "-1" })).toEqual({ field: "--min-effect" });
  });
});

describe("planMonitorsApply and monitorBody", () => {
  const file = [
    "notifiers:",
    "  - { name: hook, type: webhook, url: 'http://127.0.0.1:9/hook' }",
    "monitors:",
    "  - { name: lat, model: m, kind: latency, metric: p99_ms, threshold: { above: 250 }, for: 2h, notify: [hook] }",
    "  - { name: m-drift, enabled: false }",
  ].join("\n");

  it("sends each monitor as written, and on/off entries apart", () => {
    expect(planMonitorsApply(file, "m.yaml")).toEqual({
      monitors: [
        {
          name: "lat",
          body: {
            name: "lat",
            model: "m",
            kind: "latency",
            metric: "p99_ms",
            threshold: { above: 250 },
            for: "2h",
            notify: ["hook"],
          },
        },
      ],
      enabled: { "m-drift": false },
      notifiers: ["hook"],
    });
  });

  it("rejects an invalid file naming it and the field, before any request", () => {
    const error = thrown(() =>
      planMonitorsApply("monitors:\n  - { name: x, model: m, kind: nope }\n", "bad.yaml"),
    );
    expect(error.code).toBe("SL_INVALID_MONITOR");
    expect(error.message).toMatch(/^bad\.yaml: monitors\[0\]\.kind/);
  });

  it("turns an API monitor back into a body the API takes", () => {
    const json = {
      name: "lat",
      model: "m",
      kind: "latency",
      subject: "*",
      metric: null,
      window: "1h",
      threshold: { above: 250 },
      for_ms: 7_200_000,
      delay: 0,
      delay_source: { source: "default" },
      severity: "warning",
      segment: null,
      version: null,
      labels: {},
      notify: [],
      enabled: true,
      source: "default",
    };
    expect(monitorBody(json, false)).toEqual({
      name: "lat",
      model: "m",
      kind: "latency",
      subject: "*",
      window: "1h",
      threshold: { above: 250 },
      for: "2h",
      severity: "warning",
      labels: {},
      notify: [],
      enabled: false,
    });
  });

  it("sends a delay back only when stated, so an observed or default one stays the server's", () => {
    const perf = { name: "f1", model: "m", kind: "performance", for_ms: 0, delay: "2h" };
    const observed = { source: "observed", quantile: 0.95, labels: 480, lag_ms: 6_000_000 };
    expect(monitorBody({ ...perf, delay_source: observed }, true)).not.toHaveProperty("delay");
    expect(monitorBody({ ...perf, delay_source: { source: "default", labels: 3 } }, true)).not.toHaveProperty(
      "delay",
    );
    expect(monitorBody({ ...perf, delay_source: { source: "stated" } }, true)).toMatchObject({ delay: "2h" });
  });
});

describe("delayCell", () => {
  it("says which delay a monitor uses and where it came from", () => {
    expect(
      [
        { delay: "2h", delay_source: { source: "observed", quantile: 0.95, labels: 480, lag_ms: 6e6 } },
        { delay: "3d", delay_source: { source: "default", labels: 1, min_labels: 100 } },
        { delay: "1d", delay_source: { source: "stated" } },
        { delay: 0, delay_source: { source: "default" } },
      ].map(delayCell),
    ).toEqual(["2h (p95 of 480 labels)", "3d (default, 1 label)", "1d (stated)", "0"]);
  });
});

describe("renderDrift", () => {
  it("draws features x windows and marks drifted cells", () => {
    const column = (name: string, statistic: number, drift: boolean) => ({
      column: name,
      method: "ks",
      statistic,
      drift_detected: drift,
    });
    const text = renderDrift({
      model: "m",
      version: "v1",
      segment: null,
      reference_rows: 1000,
      windows: [
        {
          from: "2024-03-01T00:00:00.000Z",
          rows: 10,
          columns: [column("x", 0.01234, false)],
          multivariate: null,
        },
        { from: "2024-03-02T00:00:00.000Z", rows: 12, columns: [column("x", 0.5, true)], multivariate: null },
      ],
    });
    expect(text.split("\n")).toEqual([
      "model m, version v1; reference 1000 rows; 1 drifted cell(s)",
      "FEATURE  METHOD  2024-03-01  2024-03-02",
      "(rows)           10          12",
      "x        ks      0.0123      0.5*",
      "* drift: p-value below, or distance above, its threshold",
    ]);
  });
});
