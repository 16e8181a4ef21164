import { describe, expect, it } from "vitest";
import { uuidv7 } from "./uuidv7.js";

// Layout from RFC 9562 section 5.7: version nibble 7, variant bits 10.
const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function timestampOf(id: string): number {
  return Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);
}

describe("uuidv7", () => {
  it("has the RFC 9562 layout and carries the given millisecond", () => {
    const now = Date.UTC(2024, 5, 1, 12, 0, 0, 123);
    const id = uuidv7(now + 1e6);
    expect(id).toMatch(UUIDV7);
    expect(timestampOf(id)).toBe(now + 1e6);
  });

  it("is strictly increasing and unique within one millisecond, past the 12-bit counter", () => {
    const ms = Date.UTC(2030, 0, 1);
    const ids = Array.from({ length: 10_000 }, () => uuidv7(ms));
    for (const id of ids) expect(id).toMatch(UUIDV7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(timestampOf(ids[0]!)).toBe(ms);
    expect(timestampOf(ids[ids.length - 1]!)).toBeGreaterThan(ms);
  });

  it("never goes backwards when the clock does", () => {
    const a = uuidv7(Date.UTC(2031, 0, 1));
    const b = uuidv7(Date.UTC(2029, 0, 1));
    expect(b > a).toBe(true);
  });
});
