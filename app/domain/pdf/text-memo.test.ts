import { describe, expect, it } from "vitest";
import { readPrintedAmount } from "./amounts.ts";
import { forgetStatementTexts, textMemo } from "./text-memo.ts";

describe("text memos", () => {
  it("remember a value per text until the next statement starts", () => {
    const memo = textMemo<number | null>();
    expect(memo.get("12 Mar")).toBeUndefined();
    expect(memo.set("12 Mar", 3)).toBe(3);
    expect(memo.set("Rent", null)).toBeNull();
    expect([memo.get("12 Mar"), memo.get("Rent")]).toEqual([3, null]);
    forgetStatementTexts();
    expect([memo.get("12 Mar"), memo.get("Rent")]).toEqual([undefined, undefined]);
  });

  it("hold at most 4,096 texts: a statement cannot grow one without end", () => {
    const memo = textMemo<number>();
    for (let i = 0; i < 4_096; i++) memo.set(`t${i}`, i);
    expect(memo.get("t0")).toBe(0);
    memo.set("one more", -1);
    expect(memo.get("t0")).toBeUndefined();
    expect(memo.get("one more")).toBe(-1);
  });

  it("give the same amounts as reading afresh, and frozen ones (a remembered amount is shared)", () => {
    forgetStatementTexts();
    const first = readPrintedAmount("1,234.50 CR", ".");
    const again = readPrintedAmount("1,234.50 CR", ".");
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first?.magnitude.toString()).toBe("1234.50");
    expect(first?.mark).toBe("credit");
    // The text's own separator decides: the same text in the other convention is not money.
    expect(readPrintedAmount("1,234.50 CR", ",")).toBeNull();
    forgetStatementTexts();
    expect(readPrintedAmount("1,234.50 CR", ".")).toEqual(first);
  });
});
