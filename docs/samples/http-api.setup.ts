// Data behind the example answers of docs/http-api.md, which docs/docs-samples.test.ts compares with the
// server's real answers (`json test=shape get=...`): a trace with two spans and a prediction inside it, and a
// binary model `fraud` with a reference (v1) and a day of scored, labelled predictions from v1 and v2.
// Deterministic: no random numbers, no clock.
const traceId = "0af7651916cd43dd8448eb211c80319c";
const day = Date.parse("2026-01-10T00:00:00Z");

async function post(
  url: string,
  path: string,
  body: unknown,
  contentType = "application/json",
): Promise<void> {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
}

function span(spanId: string, parent: string | undefined, name: string, startMs: number, endMs: number) {
  return {
    traceId,
    spanId,
    ...(parent === undefined ? {} : { parentSpanId: parent }),
    name,
    kind: parent === undefined ? "SPAN_KIND_SERVER" : "SPAN_KIND_INTERNAL",
    startTimeUnixNano: `${BigInt(startMs) * 1_000_000n}`,
    endTimeUnixNano: `${BigInt(endMs) * 1_000_000n}`,
  };
}

/** One prediction of `fraud`: scores spread over [0, 1), the label agreeing with the score except every `flip`th. */
function fraudRecord(version: string, i: number, flip: number) {
  const score = ((i * 37) % 100) / 100;
  const predicted = score >= 0.5 ? 1 : 0;
  return {
    id: `${version}-${i}`,
    timestamp: day + i * 60_000,
    version,
    features: { amount: 10 + ((i * 53) % 500) },
    prediction: predicted,
    scores: { "0": 1 - score, "1": score },
    latency_ms: 20 + (i % 7) * 0.5,
    ...(version === "v2" && i % 20 === 0 ? { error: "timeout" } : {}),
    label: i % flip === 0 ? 1 - predicted : predicted,
  };
}

/** Seeds the server at `url`. */
export async function setup(_dir: string, url: string): Promise<void> {
  const start = Date.parse("2026-01-05T10:00:00Z");
  await post(url, "/v1/traces", {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "checkout" } }] },
        scopeSpans: [
          {
            spans: [
              span("b7ad6b7169203331", undefined, "POST /checkout", start, start + 62),
              span("00f067aa0ba902b7", "b7ad6b7169203331", "predict", start + 20, start + 45),
            ],
          },
        ],
      },
    ],
  });
  await post(url, "/api/v1/models/checkout-risk/predictions", {
    timestamp: start + 31,
    version: "v1",
    trace_id: traceId,
    features: { basket: 3 },
    prediction: 0,
  });

  const reference = ["amount,prediction,score,label"];
  for (let i = 0; i < 400; i++) {
    const r = fraudRecord("v1", i + 1000, 10);
    reference.push(`${r.features.amount},${r.prediction},${r.scores["1"]},${r.label}`);
  }
  await post(url, "/api/v1/models/fraud/versions/v1/reference", `${reference.join("\n")}\n`, "text/csv");
  const records = [600, 600].flatMap((n, v) =>
    Array.from({ length: n }, (_, i) => fraudRecord(v === 0 ? "v1" : "v2", i, v === 0 ? 10 : 3)),
  );
  await post(
    url,
    "/api/v1/models/fraud/predictions",
    records.map(({ label: _, ...prediction }) => prediction),
  );
  await post(
    url,
    "/api/v1/models/fraud/labels",
    records.map((r) => ({ id: r.id, label: r.label, timestamp: r.timestamp + 3_600_000 })),
  );
}
