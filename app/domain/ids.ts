/**
 * UUID version 7 (RFC 9562): a 48-bit millisecond timestamp then random bits, so ids sort
 * by creation time — the same kind of id Prisma's `uuid(7)` default makes, for rows we insert
 * in bulk with SQL. Hot path (one per imported row): random bytes come from a pool and hex
 * from a table.
 */
import { randomFillSync } from "node:crypto";

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const POOL = new Uint8Array(10 * 1024);
let poolOffset = POOL.length;

function randomBytes10(): number {
  if (poolOffset + 10 > POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  const at = poolOffset;
  poolOffset += 10;
  return at;
}

export function uuidv7(now = Date.now()): string {
  const r = randomBytes10();
  const p = POOL;
  const ms = Math.floor(now);
  const hi = Math.floor(ms / 2 ** 16); // top 32 bits of the 48-bit timestamp
  const lo = ms % 2 ** 16;
  return (
    HEX[(hi >>> 24) & 0xff]! + HEX[(hi >>> 16) & 0xff]! + HEX[(hi >>> 8) & 0xff]! + HEX[hi & 0xff]! + "-" +
    HEX[(lo >>> 8) & 0xff]! + HEX[lo & 0xff]! + "-" +
    HEX[0x70 | (p[r]! & 0x0f)]! + HEX[p[r + 1]!]! + "-" + // version 7
    HEX[0x80 | (p[r + 2]! & 0x3f)]! + HEX[p[r + 3]!]! + "-" + // RFC variant
    HEX[p[r + 4]!]! + HEX[p[r + 5]!]! + HEX[p[r + 6]!]! + HEX[p[r + 7]!]! + HEX[p[r + 8]!]! + HEX[p[r + 9]!]!
  );
}
