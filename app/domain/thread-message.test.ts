import { describe, expect, it } from "vitest";
import { Decimal } from "./money.ts";
import { fromTransfer, toTransfer } from "./thread-message.ts";

describe("parse results across threads", () => {
  it("keeps every Decimal exact through a structured clone, at any depth", () => {
    const value = {
      rows: [{ amount: Decimal.parse("-1234.5600"), balance: Decimal.parse("0.01"), text: "x", when: "2026-01-02" }],
      openingBalance: Decimal.parse("99999999999999.9999"),
      nested: { list: [Decimal.ZERO, 3, "s", null] },
    };
    const back = fromTransfer<typeof value>(structuredClone(toTransfer(value)));
    expect(back.rows[0]!.amount).toBeInstanceOf(Decimal);
    expect(back.rows[0]!.amount.toString()).toBe("-1234.5600");
    expect(back.rows[0]!.balance.eq(Decimal.parse("0.01"))).toBe(true);
    expect(back.openingBalance.toString()).toBe("99999999999999.9999");
    expect(back.nested.list).toEqual([Decimal.ZERO, 3, "s", null]);
  });

  it("drops undefined fields (absent, as in the original) and leaves plain values alone", () => {
    expect(fromTransfer(structuredClone(toTransfer({ a: undefined, b: 1 })))).toEqual({ b: 1 });
    expect(fromTransfer(structuredClone(toTransfer("text")))).toBe("text");
  });
});
