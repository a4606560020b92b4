import { describe, expect, it } from "vitest";
import { identityKey, normalizedDescription, rowFingerprint, transactionIdentity } from "./fingerprint.ts";
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

  it("is the bank's id when there is one, whatever the text says", () => {
    expect(transactionIdentity(row("2026-01-10", "-4.50", "Coffee", "FIT123"))).toBe("id|FIT123");
    expect(identityKey(row("2026-01-10", "-4.50", "Coffee", "FIT123"))).toBe(identityKey(row("2026-01-12", "-9.99", "Other text", "FIT123")));
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
    expect(identityKey(fitid)).toBe("528c23a9-25b8-e92f-36ba-8183ba4a1736");
    expect(rowFingerprint(account, identityKey(fitid), 1)).toBe("2c1606de3cabf2ee50dd8d753536d2e5");
  });

  it("differs by occurrence, so two identical purchases on one day are two rows", () => {
    const key = identityKey(row("2026-03-01", "-4.5", "Coffee"));
    expect(rowFingerprint(account, key, 1)).not.toBe(rowFingerprint(account, key, 2));
  });
});
