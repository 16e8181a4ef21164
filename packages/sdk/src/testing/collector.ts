import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake collector received. */
export interface CollectedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's NDJSON lines, parsed. */
  records: Record<string, unknown>[];
}

/** How the fake collector answers one request. */
export interface CollectorReply {
  status?: number;
  body?: unknown;
  delayMs?: number;
  headers?: Record<string, string>;
}

/** A running fake collector. */
export interface Collector {
  url: string;
  requests: CollectedRequest[];
  /** Records of every request answered with 2xx, minus the indices the reply rejected. */
  accepted: Record<string, unknown>[];
  /** Most requests that were being answered at the same moment. */
  maxConcurrent(): number;
  close(): Promise<void>;
}

/** The server's normal answer: every record accepted. */
export function acceptAll(req: CollectedRequest): CollectorReply {
  return {
    status: 200,
    body: { accepted: req.records.length, ids: req.records.map((r) => r.id), rejected: [] },
  };
}

/**
 * A stand-in for the Sightline ingest API on 127.0.0.1 and a free port, for the SDK's tests: records
 * every request and answers with `reply(request, index)`.
 */
export async function startCollector(
  reply: (req: CollectedRequest, index: number) => CollectorReply = acceptAll,
): Promise<Collector> {
  const requests: CollectedRequest[] = [];
  const accepted: Record<string, unknown>[] = [];
  let active = 0;
  let maxActive = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const records = body
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const collected: CollectedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body,
        records,
      };
      active++;
      maxActive = Math.max(maxActive, active);
      const index = requests.length;
      requests.push(collected);
      const answer = reply(collected, index);
      const status = answer.status ?? 200;
      if (status >= 200 && status < 300) {
        const rejected = new Set<number>();
        const r = (answer.body as { rejected?: { index: number }[] } | undefined)?.rejected ?? [];
        for (const x of r) rejected.add(x.index);
        records.forEach((rec, i) => {
          if (!rejected.has(i)) accepted.push(rec);
        });
      }
      const send = () => {
        active--;
        if (res.destroyed) return;
        res.writeHead(status, { "content-type": "application/json", ...answer.headers });
        res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
      };
      if (answer.delayMs === undefined) send();
      else setTimeout(send, answer.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted,
    maxConcurrent: () => maxActive,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (a port just released), for connection-refused tests. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
