import { describe, expect, it } from "vitest";
import { accountEndingWith, severalAccountsAdvice } from "./account-match.ts";

describe("picking one account of a file of several by the last four characters of its number", () => {
  it("finds the one account ending with them, whatever the spaces, dashes, masks and case", () => {
    expect(accountEndingWith(["EveryDay Checking 7012-3456", "Membership Savings 7012-9981"], "3456")).toBe(0);
    expect(accountEndingWith(["DE44 5001 0517 5407 3249 31", "NL91 ABNA 0417 1643 00"], "4300")).toBe(1);
    expect(accountEndingWith(["XXXXXX5678", "XXXXXX1234"], "1234")).toBe(1);
    expect(accountEndingWith(["folio 045678 EOP", "folio 045678 ES1"], "es1")).toBe(1);
    // A number masked but its last characters ("Account XXXXXX13"): the masks stand for any.
    expect(accountEndingWith(["Account XXXXXX13", "Account XXXXXX20"], "0013")).toBe(0);
    expect(accountEndingWith(["**** **** 5678", "•••• 1234"], "1234")).toBe(1);
    // An account printed in several forms (with its code after the number, or without).
    expect(accountEndingWith([["815-30012-0456789", "815-30012-0456789EOP"], ["815-30012-0456789", "815-30012-0456789ES1"]], "9EOP")).toBe(0);
    expect(accountEndingWith([["815-30012-0456789", "815-30012-0456789EOP"], ["815-30012-0456789", "815-30012-0456789ES1"]], "6789")).toBeUndefined();
  });
  it("finds none where no account, or more than one, ends with them, or none are given", () => {
    expect(accountEndingWith(["checking 1111", "savings 2222"], "3333")).toBeUndefined();
    expect(accountEndingWith(["checking 991111", "savings 881111"], "1111")).toBeUndefined();
    expect(accountEndingWith(["checking 1111", "savings 2222"], undefined)).toBeUndefined();
    expect(accountEndingWith(["checking 1111", "savings 2222"], " - ")).toBeUndefined();
  });
  it("advises setting the account's number, or checking it when one was set", () => {
    expect(severalAccountsAdvice(undefined)).toContain("set the bank account's number on the account in Cashline");
    expect(severalAccountsAdvice("4321")).toContain("none of their numbers ends in 4321");
    expect(severalAccountsAdvice("6789", 2)).toContain("more than one of their numbers ends in 6789");
  });
});
