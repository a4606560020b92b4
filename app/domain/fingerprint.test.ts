import { describe, expect, it } from "vitest";
import { identityKey, normalizedDescription, transactionIdentity } from "./fingerprint.ts";
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
