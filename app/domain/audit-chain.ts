/**
 * The audit log's hash chain: each event's hash covers the previous event's hash and a
 * canonical serialization of the event, so editing, deleting or reordering any event breaks
 * every hash after it. Pure: used to append (audit.server.ts) and to verify.
 */
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedEvent {
  tenantId: string;
  seq: bigint;
  at: Date;
  actorId: string | null;
  /** null for a user (or the system); 'api_key' when an API key acted. */
  actorType?: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
}

/** JSON with object keys sorted at every depth; the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function eventHash(prevHash: string, event: ChainedEvent): string {
  // actorType joined the event later: hashed only when set, so chains written before it (and
  // every event of a user) hash exactly as they did.
  const { actorType, ...rest } = event;
  const hashed = actorType ? { ...rest, actorType } : rest;
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(hashed)).digest("hex");
}

export type ChainVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; seq: bigint; reason: string };

/**
 * Checks events fed in seq order (as stored, with their hashes), one at a time — a log of
 * any length in constant memory — and names the first bad one.
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private expectedSeq = 1n;
  private checked = 0;
  private broken: Extract<ChainVerdict, { ok: false }> | undefined;

  /** False once the chain is broken (nothing after the first break is checked). */
  add(e: ChainedEvent & { prevHash: string; hash: string }): boolean {
    if (this.broken) return false;
    const fail = (reason: string) => {
      this.broken = { ok: false, checked: this.checked, seq: e.seq, reason };
      return false;
    };
    if (e.seq !== this.expectedSeq) return fail(`expected sequence ${this.expectedSeq}, found ${e.seq}`);
    if (e.prevHash !== this.prev) return fail("previous-hash link does not match");
    const { prevHash: _p, hash, ...body } = e;
    if (eventHash(this.prev, body) !== hash) return fail("event content does not match its hash");
    this.prev = hash;
    this.expectedSeq++;
    this.checked++;
    return true;
  }

  result(): ChainVerdict {
    return this.broken ?? { ok: true, checked: this.checked };
  }
}

/** Walks events in seq order (as stored, with their hashes) and names the first bad one. */
export function verifyChain(events: Iterable<ChainedEvent & { prevHash: string; hash: string }>): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const e of events) if (!verifier.add(e)) break;
  return verifier.result();
}
