import { describe, expect, it } from "vitest";
import { BatchFingerprints, identityKey, normalizedDescription, rowFingerprint, transactionIdentity, type IdentifiableRow } from "./fingerprint.ts";
import { Decimal } from "./money.ts";

const row = (date: string, amount: string, description: string, bankId?: string) => ({
  date,
  amount: Decimal.parse(amount),
  description,
  ...(bankId ? { bankId } : {}),
});

describe("transaction identity", () => {
  it("ignores case, surrounding and repeated whitespace (also no-break spaces), and trailing zeros", () => {
    expect(normalizedDescription("  Coffee\u00a0 CORNER\t#12 ")).toBe("coffee corner #12");
    expect(transactionIdentity(row("2026-01-10", "-4.5", "Coffee  Corner"))).toBe(transactionIdentity(row("2026-01-10", "-4.5000", " coffee corner")));
    expect(transactionIdentity(row("2026-01-10", "-4.50", "Coffee Corner"))).toBe("2026-01-10|-4.5000|coffee corner");
  });

  it("differs by date, amount or words", () => {
    const base = identityKey(row("2026-01-10", "-4.50", "Coffee Corner"));
    expect(identityKey(row("2026-01-11", "-4.50", "Coffee Corner"))).not.toBe(base);
    expect(identityKey(row("2026-01-10", "4.50", "Coffee Corner"))).not.toBe(base);
    expect(identityKey(row("2026-01-10", "-4.50", "Coffee Corners"))).not.toBe(base);
  });

  it("is the bank's id with the date and amount when there is one, whatever the text says", () => {
    expect(transactionIdentity(row("2026-01-10", "-4.50", "Coffee", "FIT123"))).toBe("id|FIT123|2026-01-10|-4.5000");
    expect(identityKey(row("2026-01-10", "-4.50", "Coffee", "FIT123"))).toBe(identityKey(row("2026-01-10", "-4.5", "Other text", "FIT123")));
  });

  it("tells apart rows that share a reused bank id (a card's fee, or a rewards credit, given its purchase's FITID)", () => {
    const purchase = identityKey(row("2026-01-10", "-84.20", "HOTEL LISBOA", "FIT9"));
    expect(identityKey(row("2026-01-10", "-2.53", "FOREIGN TRANSACTION FEE", "FIT9"))).not.toBe(purchase);
    expect(identityKey(row("2026-02-03", "84.20", "REWARDS REDEMPTION", "FIT9"))).not.toBe(purchase);
  });

  it("keys are uuid-shaped md5s", () => {
    expect(identityKey(row("2026-01-10", "-4.50", "Coffee Corner"))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe("fingerprint, as PostgreSQL computes it on the set-based path", () => {
  // Values computed by PostgreSQL 15: md5(identity)::uuid, then md5(account | key | occurrence).
  const account = "01960000-0000-7000-8000-0000000000ab";
  it("agrees for a described row and for a bank id with non-ASCII text", () => {
    const coffee = row("2026-03-01", "-4.5", "Coffee  SHOP");
    expect(identityKey(coffee)).toBe("1ece05ad-f9f8-4099-3c78-3bb4c75d5369");
    expect(rowFingerprint(account, identityKey(coffee), 2)).toBe("92fae7b2d0df076fe3a0a934a99304fb");
    const fitid = row("2026-03-01", "-4.5", "x", "FITID-ÄÖ-1");
    expect(identityKey(fitid)).toBe("f57f40c5-d480-01fa-9cd3-8bf2bcbe7eea");
    expect(rowFingerprint(account, identityKey(fitid), 1)).toBe("f69f66654999c6979ca388211c802506");
  });

  it("differs by occurrence, so two identical purchases on one day are two rows", () => {
    const key = identityKey(row("2026-03-01", "-4.5", "Coffee"));
    expect(rowFingerprint(account, key, 1)).not.toBe(rowFingerprint(account, key, 2));
  });
});

describe("a batch's fingerprints", () => {
  const account = "01960000-0000-7000-8000-0000000000ab";
  // The definition: every identity of the batch counted in a Map, in the order rows come.
  const reference = (rows: readonly IdentifiableRow[]) => {
    const counts = new Map<string, number>();
    return rows.map((r) => {
      const key = identityKey(r);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return rowFingerprint(account, key, counts.get(key)!);
    });
  };
  const fingerprints = (rows: readonly IdentifiableRow[]) => {
    const batch = new BatchFingerprints(account);
    return rows.map((r) => batch.next(r));
  };
  // Few dates, amounts and words: identities repeat often, within a date and across the batch.
  const randomRows = (n: number, seed: number, shape: (i: number, next: () => number) => string) => {
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    return Array.from({ length: n }, (_, i) => {
      const bank = next() < 0.1 ? `FIT${Math.floor(next() * 5)}` : undefined;
      return row(shape(i, next), ["-4.50", "-4.5", "12.00", "-99.99"][Math.floor(next() * 4)]!, ["Coffee", "COFFEE ", "Rent"][Math.floor(next() * 3)]!, bank);
    });
  };
  const day = (d: number) => `2026-01-${String(1 + d).padStart(2, "0")}`;

  it("numbers repeated identities as a Map of the whole batch would, with dates in order either way", () => {
    const ascending = randomRows(5_000, 7, (i) => day(Math.floor(i / 200)));
    expect(fingerprints(ascending)).toEqual(reference(ascending));
    const descending = [...ascending].reverse();
    expect(fingerprints(descending)).toEqual(reference(descending));
    // Two identical purchases on one day stay two rows.
    expect(new Set(fingerprints(ascending)).size).toBe(ascending.length);
  });

  it("numbers them the same when dates come back (counts rebuilt once), and bank ids across dates", () => {
    for (const seed of [1, 2, 3]) {
      const shuffled = randomRows(3_000, seed, (_, next) => day(Math.floor(next() * 6)));
      expect(fingerprints(shuffled)).toEqual(reference(shuffled));
    }
    // In order, then one date again late in the batch: the earlier rows of that date still count.
    const back = [...randomRows(2_000, 9, (i) => day(Math.floor(i / 100))), row(day(3), "-4.50", "Coffee"), row(day(3), "-4.50", "Coffee")];
    expect(fingerprints(back)).toEqual(reference(back));
    const fitid = [row(day(1), "-1", "a", "FIT-1"), row(day(2), "-1", "a", "FIT-1"), row(day(3), "-1", "a", "FIT-1")];
    expect(fingerprints(fitid)).toEqual(reference(fitid));
    expect(new Set(fingerprints(fitid)).size).toBe(3);
  });
});
