// UUIDv7 (RFC 9562): 48-bit Unix ms timestamp, version 7, 12-bit counter in rand_a (method 1), then
// 62 random bits. The counter starts at a random value below 2048 each millisecond and, on overflow,
// borrows the next millisecond, so ids from one generator are strictly increasing.
// Cheap: the timestamp prefix is formatted once per millisecond and random bytes come from a pool.

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolPos = POOL_SIZE;

let lastMs = -1;
let counter = 0;
let prefix = "";

function randomByte(): number {
  if (poolPos >= POOL_SIZE) {
    crypto.getRandomValues(pool);
    poolPos = 0;
  }
  return pool[poolPos++]!;
}

function setPrefix(ms: number): void {
  const hi = Math.floor(ms / 0x10000);
  const lo = ms % 0x10000;
  prefix = `${hi.toString(16).padStart(8, "0")}-${lo.toString(16).padStart(4, "0")}-7`;
}

/** A new UUIDv7 string; `nowMs` is the current time in epoch milliseconds. */
export function uuidv7(nowMs: number): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = ((randomByte() & 0x07) << 8) | randomByte();
    setPrefix(lastMs);
  } else if (++counter > 0xfff) {
    lastMs++;
    counter = 0;
    setPrefix(lastMs);
  }
  const c = counter;
  return (
    prefix +
    HEX[c >> 8]![1]! +
    HEX[c & 0xff]! +
    "-" +
    HEX[0x80 | (randomByte() & 0x3f)]! +
    HEX[randomByte()]! +
    "-" +
    HEX[randomByte()]! +
    HEX[randomByte()]! +
    HEX[randomByte()]! +
    HEX[randomByte()]! +
    HEX[randomByte()]! +
    HEX[randomByte()]!
  );
}
