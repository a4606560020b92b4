/**
 * A parse result carried between threads (postMessage's structured clone keeps numbers,
 * strings, bigints, arrays and plain objects, but not classes): Decimal values travel as
 * tagged [units, scale] pairs and come back as Decimal. Pure.
 */
import { Decimal } from "./money.ts";

const TAG = "$decimal";

export function toTransfer(value: unknown): unknown {
  if (value instanceof Decimal) return { [TAG]: [value.units, value.scale] };
  if (Array.isArray(value)) return value.map(toTransfer);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toTransfer(v);
    return out;
  }
  return value;
}

export function fromTransfer<T>(value: unknown): T {
  return revive(value) as T;
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === "object") {
    const tagged = (value as Record<string, unknown>)[TAG];
    if (Array.isArray(tagged) && typeof tagged[0] === "bigint" && typeof tagged[1] === "number") return Decimal.fromUnits(tagged[0], tagged[1]);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = revive(v);
    return out;
  }
  return value;
}
