import { describe, expect, it } from "vitest";
import { accountMatching, numbersAgree, severalAccountsAdvice } from "./account-match.ts";

describe("picking one account of a file of several by the account's number (twenty-sixth session)", () => {
  it("finds the one account whose number agrees, whatever the spaces, dashes, masks and case", () => {
    expect(accountMatching(["EveryDay Checking 7012-3456", "Membership Savings 7012-9981"], "3456")).toBe(0);
    expect(accountMatching(["DE44 5001 0517 5407 3249 31", "NL91 ABNA 0417 1643 00"], "4300")).toBe(1);
    expect(accountMatching(["DE44 5001 0517 5407 3249 31", "NL91 ABNA 0417 1643 00"], "nl91abna0417164300")).toBe(1);
    expect(accountMatching(["XXXXXX5678", "XXXXXX1234"], "1234")).toBe(1);
    // A number masked but its last characters ("Account XXXXXX13"): the masks stand for any.
    expect(accountMatching(["XXXXXX13", "XXXXXX20"], "0013")).toBe(0);
    expect(accountMatching(["**** **** 5678", "•••• 1234"], "4400 1234")).toBe(1);
    // An account printed in several forms (with its code after the number, or without).
    const folio = [["815-30012-0456789", "815-30012-0456789EOP"], ["815-30012-0456789", "815-30012-0456789ES1"]];
    expect(accountMatching(folio, "9EOP")).toBe(0);
    expect(accountMatching(folio, "815-30012-0456789 ES1")).toBe(1);
  });

  it("tells apart numbers that share their last four when the full number is given", () => {
    expect(accountMatching(["7018442291", "3018442291"], "2291")).toBeUndefined();
    expect(accountMatching(["7018442291", "3018442291"], "7018442291")).toBe(0);
    expect(accountMatching(["XXXXXX2291", "3018442291"], "7018442291")).toBe(0);
  });

  it("finds none where no account, or more than one, agrees, or too little is shared", () => {
    expect(accountMatching(["checking 1111", "savings 2222"], "3333")).toBeUndefined();
    expect(accountMatching(["checking 991111", "savings 881111"], "1111")).toBeUndefined();
    expect(accountMatching(["checking 1111", "savings 2222"], undefined)).toBeUndefined();
    expect(accountMatching(["checking 1111", "savings 2222"], " - ")).toBeUndefined();
    expect(numbersAgree("13", "1234567813")).toBe(false);
    expect(numbersAgree("XXXXXX13", "1234567813")).toBe(true);
  });

  it("advises setting the account's number, or checking it, showing no more of it than its last four", () => {
    expect(severalAccountsAdvice(undefined)).toContain("set the bank account's number on the account in Cashline");
    expect(severalAccountsAdvice("55501234321")).toContain("none of their numbers agrees with the number set for the account this file was uploaded to (…4321)");
    expect(severalAccountsAdvice("55501234321")).not.toContain("5550123");
    expect(severalAccountsAdvice("2291", 2)).toContain("more than one of their numbers agrees");
  });
});
