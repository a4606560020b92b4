import { describe, expect, it } from "vitest";
import { eventHash, GENESIS_HASH, verifyChain, type ChainedEvent } from "./audit-chain.ts";

const event = (seq: bigint, extra: Partial<ChainedEvent> = {}): ChainedEvent => ({
  tenantId: "01960000-0000-7000-8000-000000000001",
  seq,
  at: new Date("2026-11-22T10:00:00.000Z"),
  actorId: "01960000-0000-7000-8000-000000000002",
  action: "ledger.post",
  entityType: "statement",
  entityId: "s1",
  before: null,
  after: { rows: 3 },
  ip: null,
  userAgent: null,
  ...extra,
});

function chain(events: ChainedEvent[]) {
  let prev = GENESIS_HASH;
  return events.map((e) => {
    const hash = eventHash(prev, e);
    const stored = { ...e, prevHash: prev, hash };
    prev = hash;
    return stored;
  });
}

describe("the audit chain", () => {
  it("hashes a user's event the same with or without the actorType column (older chains still verify)", () => {
    expect(eventHash(GENESIS_HASH, event(1n, { actorType: null }))).toBe(eventHash(GENESIS_HASH, event(1n)));
    expect(eventHash(GENESIS_HASH, event(1n, { actorType: "api_key" }))).not.toBe(eventHash(GENESIS_HASH, event(1n)));
  });

  it("verifies events as stored (actorType null read back from the column)", () => {
    const stored = chain([event(1n), event(2n, { actorType: "api_key" })]).map((e) => ({ ...e, actorType: e.actorType ?? null }));
    expect(verifyChain(stored)).toEqual({ ok: true, checked: 2 });
  });

  it("names the first event whose actor kind, content or link was altered", () => {
    const stored = chain([event(1n), event(2n, { actorType: "api_key" }), event(3n)]);
    expect(verifyChain(stored.map((e) => (e.seq === 2n ? { ...e, actorType: null } : e)))).toMatchObject({ ok: false, seq: 2n, reason: "event content does not match its hash" });
    expect(verifyChain(stored.map((e) => (e.seq === 1n ? { ...e, after: { rows: 4 } } : e)))).toMatchObject({ ok: false, seq: 1n });
    expect(verifyChain(stored.filter((e) => e.seq !== 2n))).toMatchObject({ ok: false, seq: 3n, reason: "expected sequence 2, found 3" });
  });
});
