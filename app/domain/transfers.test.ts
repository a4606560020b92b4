import { describe, expect, it } from "vitest";
import { Decimal } from "./money.ts";
import { DEFAULT_TRANSFER_MAX_DAYS, proposeTransfers, transferPairKey, type TransferCandidateRow } from "./transfers.ts";

const row = (id: string, accountId: string, date: string, amount: string, currency = "USD"): TransferCandidateRow => ({
  id,
  accountId,
  date,
  amount: Decimal.parse(amount),
  currency,
});

const pairs = (rows: TransferCandidateRow[], options?: Parameters<typeof proposeTransfers>[1]) =>
  proposeTransfers(rows, options).map((p) => `${p.outgoingId}>${p.incomingId} ${p.days}d ${p.amount.toString()} ${p.currency}`);

describe("proposeTransfers", () => {
  it("pairs opposite amounts in the same currency on different accounts within 3 days", () => {
    const rows = [
      row("out1", "checking", "2026-03-02", "-500.00"),
      row("in1", "savings", "2026-03-03", "500.00"),
      row("rent", "checking", "2026-03-01", "-2400.00"),
      row("sale", "checking", "2026-03-05", "2400.00"), // same account: a refund or a sale, not a transfer
    ];
    expect(pairs(rows)).toEqual(["out1>in1 1d 500.00 USD"]);
    expect(DEFAULT_TRANSFER_MAX_DAYS).toBe(3);
  });

  it("needs the exact amount and the same currency", () => {
    expect(pairs([row("a", "x", "2026-03-02", "-500.00"), row("b", "y", "2026-03-02", "500.01")])).toEqual([]);
    expect(pairs([row("a", "x", "2026-03-02", "-500.00", "USD"), row("b", "y", "2026-03-02", "500.00", "EUR")])).toEqual([]);
    // Scale does not matter: 500 and 500.00 are the same amount.
    expect(pairs([row("a", "x", "2026-03-02", "-500"), row("b", "y", "2026-03-02", "500.00")])).toEqual(["a>b 0d 500.00 USD"]);
    expect(pairs([row("a", "x", "2026-03-02", "0.00"), row("b", "y", "2026-03-02", "0.00")])).toEqual([]);
  });

  it("respects the day window in both directions, and a custom window", () => {
    const rows = [row("a", "x", "2026-03-02", "-80.00"), row("b", "y", "2026-02-27", "80.00")];
    expect(pairs(rows)).toEqual(["a>b 3d 80.00 USD"]);
    expect(pairs(rows, { maxDays: 2 })).toEqual([]);
    expect(pairs([row("a", "x", "2026-03-02", "-80.00"), row("b", "y", "2026-03-06", "80.00")])).toEqual([]);
    expect(pairs([row("a", "x", "2026-12-30", "-80.00"), row("b", "y", "2027-01-02", "80.00")])).toEqual(["a>b 3d 80.00 USD"]);
    expect(pairs([row("a", "x", "2026-03-02", "-80.00"), row("b", "y", "2026-03-02", "80.00")], { maxDays: 0 })).toEqual(["a>b 0d 80.00 USD"]);
    expect(() => proposeTransfers([], { maxDays: -1 })).toThrow("maxDays must be a whole number of days ≥ 0, not -1");
    expect(() => proposeTransfers([], { maxDays: 1.5 })).toThrow(RangeError);
  });

  it("uses each row at most once, closest dates first", () => {
    const rows = [
      row("out-a", "checking", "2026-03-01", "-1000.00"),
      row("out-b", "checking", "2026-03-04", "-1000.00"),
      row("in-a", "savings", "2026-03-04", "1000.00"),
      row("in-b", "savings", "2026-03-02", "1000.00"),
    ];
    // out-b/in-a are 0 days apart, out-a/in-b 1 day: both pairs, never out-a/in-a (3 days).
    expect(pairs(rows)).toEqual(["out-b>in-a 0d 1000.00 USD", "out-a>in-b 1d 1000.00 USD"]);
    const three = [row("o", "x", "2026-03-02", "-5.00"), row("i1", "y", "2026-03-02", "5.00"), row("i2", "z", "2026-03-02", "5.00")];
    expect(pairs(three)).toEqual(["o>i1 0d 5.00 USD"]);
  });

  it("never proposes a pair a person rejected, and then offers the next best", () => {
    const rows = [row("o", "x", "2026-03-02", "-5.00"), row("i1", "y", "2026-03-02", "5.00"), row("i2", "z", "2026-03-04", "5.00")];
    expect(pairs(rows, { rejected: new Set([transferPairKey("o", "i1")]) })).toEqual(["o>i2 2d 5.00 USD"]);
    expect(pairs(rows, { rejected: new Set([transferPairKey("o", "i1"), transferPairKey("o", "i2")]) })).toEqual([]);
    expect(transferPairKey("a", "b")).not.toBe(transferPairKey("b", "a"));
  });

  it("gives the same answer whatever the input order", () => {
    const rows: TransferCandidateRow[] = [];
    const accounts = ["checking", "savings", "card", "eur"];
    for (let i = 0; i < 60; i++) {
      const amount = `${(i % 7) * 100 + 50}.00`;
      rows.push(row(`r${String(i).padStart(2, "0")}`, accounts[i % 4]!, `2026-03-${String(1 + (i % 20)).padStart(2, "0")}`, i % 2 ? amount : `-${amount}`, i % 9 === 0 ? "EUR" : "USD"));
    }
    const expected = pairs(rows);
    expect(expected.length).toBeGreaterThan(5);
    for (const seed of [1, 2, 3]) {
      const shuffled = [...rows].sort((a, b) => ((a.id.charCodeAt(2) * seed) % 7) - ((b.id.charCodeAt(2) * seed) % 7) || (a.id < b.id ? 1 : -1));
      expect(pairs(shuffled)).toEqual(expected);
    }
    const used = proposeTransfers(rows).flatMap((p) => [p.outgoingId, p.incomingId]);
    expect(new Set(used).size).toBe(used.length);
  });

  it("handles many same-amount rows (a subscription paid from several accounts) quickly", () => {
    const rows: TransferCandidateRow[] = [];
    for (let i = 0; i < 4000; i++) {
      const day = `2026-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
      rows.push(row(`r${i}`, `acct${i % 5}`, day, i % 2 ? "9.99" : "-9.99"));
    }
    const started = performance.now();
    const result = proposeTransfers(rows);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.length).toBeGreaterThan(0);
  });

  it("refuses a row with a date that is not ISO", () => {
    expect(() => proposeTransfers([row("a", "x", "02/03/2026", "-5.00"), row("b", "y", "2026-03-02", "5.00")])).toThrow('not an ISO date: "02/03/2026"');
  });
});
