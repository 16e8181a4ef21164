import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";
import { SightlineError } from "../errors.js";
import type { Rejection } from "./record-error.js";

/** The records of a request body: parsed values by batch index, plus lines that were not JSON. */
export interface ParsedBatch {
  values: unknown[];
  /** Indexes into `values` that failed to parse (their value is undefined), with the reason. */
  rejections: Rejection[];
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: position - lastBreak };
}

// V8's messages do not always carry a position (Node 20 often quotes the text instead), so the failure
// path re-reads the text with jsonc-parser in strict mode to locate the first error.
function describe(text: string): { message: string; line: number; column: number } {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const at = lineColumn(text, first ? first.offset : text.length);
  const message = first ? printParseErrorCode(first.error) : "unexpected end of JSON";
  return { message, ...at };
}

/**
 * Parses a JSON body: an array of records, or one record object. Unparseable JSON is an error for the
 * whole request (400) naming the line and column.
 */
export function parseJsonBatch(text: string): ParsedBatch {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const d = describe(text);
    throw new SightlineError(
      "SL_MALFORMED_BODY",
      `body is not valid JSON at line ${d.line} column ${d.column}: ${d.message}`,
      { line: d.line, column: d.column },
    );
  }
  if (Array.isArray(value)) return { values: value, rejections: [] };
  if (value !== null && typeof value === "object") return { values: [value], rejections: [] };
  throw new SightlineError(
    "SL_MALFORMED_BODY",
    "body must be a JSON array of records, a record object, or NDJSON",
  );
}

/**
 * Parses NDJSON: one record a line, blank lines skipped. A malformed line rejects only that record, with
 * its line and column, so the good lines of the batch are still kept.
 */
export function parseNdjsonBatch(text: string): ParsedBatch {
  const values: unknown[] = [];
  const rejections: Rejection[] = [];
  let start = 0;
  let lineNumber = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    lineNumber++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === "") continue;
    try {
      values.push(JSON.parse(line));
    } catch {
      const d = describe(line);
      rejections.push({
        index: values.length,
        field: "$",
        reason: `invalid JSON at line ${lineNumber} column ${d.column}: ${d.message}`,
      });
      values.push(undefined);
    }
  }
  return { values, rejections };
}
