import type { Readable } from "node:stream";
import { createGunzip, type Gunzip } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import { SightlineError } from "../errors.js";

/** A decoded body stream, with the count of encoded bytes read that Fastify matches to Content-Length. */
type DecodedStream = Gunzip & { receivedEncodedLength: number };

/**
 * Fastify `preParsing` hook: bodies sent with `Content-Encoding: gzip` are decompressed before the content
 * type parsers read them, so the body limit applies to the decompressed size (413 beyond it, which also
 * stops a decompression bomb). `identity` passes through; any other encoding is a 415 naming it.
 *
 * @example
 * app.addHook("preParsing", decodeContentEncoding);
 */
export async function decodeContentEncoding(
  request: FastifyRequest,
  _reply: FastifyReply,
  payload: Readable,
): Promise<Readable> {
  const header = request.headers["content-encoding"];
  if (header === undefined) return payload;
  const encoding = header.trim().toLowerCase();
  if (encoding === "" || encoding === "identity") return payload;
  if (encoding !== "gzip" && encoding !== "x-gzip") {
    throw new SightlineError(
      "SL_UNSUPPORTED_MEDIA_TYPE",
      `unsupported Content-Encoding '${header}': send the body as is or gzip-compressed (Content-Encoding: gzip)`,
      { field: "content-encoding" },
    );
  }
  const gunzip: DecodedStream = Object.assign(createGunzip(), { receivedEncodedLength: 0 });
  payload.on("data", (chunk: Buffer) => {
    gunzip.receivedEncodedLength += chunk.length;
  });
  payload.on("error", (error) => gunzip.destroy(error));
  payload.pipe(gunzip);
  return gunzip;
}
