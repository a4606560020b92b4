/**
 * UUID version 7 (RFC 9562): a 48-bit millisecond timestamp then random bits, so ids sort
 * by creation time — the same kind of id Prisma's `uuid(7)` default makes, for rows we insert
 * in bulk with SQL. Hot path (one per imported row): random bytes come from a pool and hex
 * from a table.
 */
import { randomFillSync } from "node:crypto";

const HEX_DIGITS = new TextEncoder().encode("0123456789abcdef");
const POOL = new Uint8Array(10 * 1024);
let poolOffset = POOL.length;
// Ids are written as ASCII into this scratch buffer and read out as one flat string each:
// cheaper than concatenating twenty two-character pieces (a rope the COPY text then flattens).
const TEXT = Buffer.alloc(36);

function randomBytes10(): number {
  if (poolOffset + 10 > POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  const at = poolOffset;
  poolOffset += 10;
  return at;
}

function putHex(at: number, byte: number): void {
  TEXT[at] = HEX_DIGITS[byte >>> 4]!;
  TEXT[at + 1] = HEX_DIGITS[byte & 0x0f]!;
}

export function uuidv7(now = Date.now()): string {
  const r = randomBytes10();
  const p = POOL;
  const ms = Math.floor(now);
  const hi = Math.floor(ms / 2 ** 16); // top 32 bits of the 48-bit timestamp
  const lo = ms % 2 ** 16;
  putHex(0, (hi >>> 24) & 0xff);
  putHex(2, (hi >>> 16) & 0xff);
  putHex(4, (hi >>> 8) & 0xff);
  putHex(6, hi & 0xff);
  TEXT[8] = 0x2d; // "-"
  putHex(9, (lo >>> 8) & 0xff);
  putHex(11, lo & 0xff);
  TEXT[13] = 0x2d;
  putHex(14, 0x70 | (p[r]! & 0x0f)); // version 7
  putHex(16, p[r + 1]!);
  TEXT[18] = 0x2d;
  putHex(19, 0x80 | (p[r + 2]! & 0x3f)); // RFC variant
  putHex(21, p[r + 3]!);
  TEXT[23] = 0x2d;
  for (let i = 0; i < 6; i++) putHex(24 + 2 * i, p[r + 4 + i]!);
  return TEXT.toString("latin1", 0, 36);
}
