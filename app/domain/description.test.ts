import { describe, expect, it } from "vitest";
import { holdsWords, indexOfWords, joinDescription } from "./description.ts";

describe("a row's description from its parts", () => {
  it("says each part once: a part another holds whole is left out, one that holds an earlier part takes its place", () => {
    expect(joinDescription(["Kruidvat 7412", "Kruidvat 7412 AMSTERDAM, NL Apple Pay"])).toBe("Kruidvat 7412 AMSTERDAM, NL Apple Pay");
    expect(joinDescription(["Card transaction of 48.72 EUR issued by Lidl BERLIN", "Lidl"])).toBe("Card transaction of 48.72 EUR issued by Lidl BERLIN");
    expect(joinDescription(["CHEQUE 8412345", "8412345"])).toBe("CHEQUE 8412345");
    expect(joinDescription(["ACME", "acme"])).toBe("ACME");
    expect(joinDescription(["Ziggo Services B.V.", "Incasso machtiging 55735844"])).toBe("Ziggo Services B.V. · Incasso machtiging 55735844");
  });

  it("compares whole words only: a part inside another word is its own", () => {
    expect(joinDescription(["Lidl", "Lidlstraat 4 Den Haag"])).toBe("Lidl · Lidlstraat 4 Den Haag");
    expect(joinDescription(["123", "Invoice 41234"])).toBe("123 · Invoice 41234");
    expect(holdsWords("Ref 1041 paid", "1041")).toBe(true);
    expect(holdsWords("Ref 10415", "1041")).toBe(false);
  });

  it("makes runs of white space one space and leaves out empty parts", () => {
    expect(joinDescription(["  Rent\tMarch ", undefined, null, "", "Flat 2"])).toBe("Rent March · Flat 2");
  });

  it("finds words whole, or says -1", () => {
    expect(indexOfWords("PAY 0000788638298920 MERUPI", "0000788638298920")).toBe(4);
    expect(indexOfWords("PAY 00007886382989201", "0000788638298920")).toBe(-1);
    expect(indexOfWords("anything", "")).toBe(-1);
  });
});
