import { describe, expect, it } from "vitest";
import { BalanceChainChecker, formatForMessage, proveBalances } from "./balance.ts";
import { Decimal } from "./money.ts";
import type { StatementRow } from "./statement.ts";

const d = Decimal.parse;

/** Rows from [amount, balance?] pairs; sourceRow counts from 2 (line 1 is the header). */
function rows(...spec: [string, string?][]): StatementRow[] {
  return spec.map(([amount, balance], i) => ({
    sourceRow: i + 2,
    date: `2026-03-${String(i + 1).padStart(2, "0")}`,
    amount: d(amount),
    description: `row ${i + 2}`,
    ...(balance !== undefined ? { balance: d(balance) } : {}),
  }));
}

function expectProven(proof: ReturnType<typeof proveBalances>, opening: string, closing: string) {
  expect(proof.status).toBe("proven");
  if (proof.status !== "proven") return;
  expect(proof.opening.toString()).toBe(opening);
  expect(proof.closing.toString()).toBe(closing);
}

describe("proveBalances", () => {
  it("proves a running-balance chain and derives the opening", () => {
    expectProven(proveBalances(rows(["25.00", "1025.00"], ["-5.50", "1019.50"], ["0.50", "1020.00"])), "1000.00", "1020.00");
  });

  it("checks the first balance against a given opening", () => {
    expectProven(proveBalances(rows(["25.00", "1025.00"]), d("1000.00"), d("1025.00")), "1000.00", "1025.00");
    const proof = proveBalances(rows(["25.00", "1025.00"]), d("990.00"));
    expect(proof).toMatchObject({ status: "broken", sourceRow: 2 });
    if (proof.status === "broken") {
      expect(proof.expected.toString()).toBe("1015.00");
      expect(proof.found.toString()).toBe("1025.00");
      expect(proof.message).toBe(
        "row 2: running balance 1,025.00 does not follow from the opening balance 990.00 + amount 25.00 (expected 1,015.00)",
      );
    }
  });

  it("names the first row where the chain breaks", () => {
    const proof = proveBalances(rows(["0", "1000.00"], ["25.00", "1020.00"], ["5.00", "1025.00"]));
    expect(proof.status).toBe("broken");
    if (proof.status !== "broken") return;
    expect(proof.sourceRow).toBe(3);
    expect(proof.expected.eq(d("1025"))).toBe(true);
    expect(proof.found.eq(d("1020"))).toBe(true);
    expect(proof.message).toBe(
      "row 3: running balance 1,020.00 does not follow from the previous balance 1,000.00 + amount 25.00 (expected 1,025.00)",
    );
  });

  it("allows rows without balances between balanced ones (one balance per day)", () => {
    expectProven(proveBalances(rows(["10.00"], ["20.00"], ["-5.00", "125.00"], ["1.00", "126.00"])), "100.00", "126.00");
    const proof = proveBalances(rows(["0", "100.00"], ["10.00"], ["20.00", "131.00"]));
    expect(proof).toMatchObject({ status: "broken", sourceRow: 4 });
    if (proof.status === "broken") {
      expect(proof.message).toBe(
        "row 4: running balance 131.00 does not follow from the previous balance 100.00 + 2 amounts totalling 30.00 since row 2 (expected 130.00)",
      );
    }
  });

  it("continues past the last balance to the closing", () => {
    expectProven(proveBalances(rows(["10.00", "110.00"], ["5.00"])), "100.00", "115.00");
    expectProven(proveBalances(rows(["10.00", "110.00"], ["5.00"]), undefined, d("115.00")), "100.00", "115.00");
  });

  it("proves opening + amounts = closing without running balances", () => {
    expectProven(proveBalances(rows(["100.00"], ["-30.25"], ["0.25"]), d("50"), d("120.00")), "50", "120.00");
  });

  it("reports a closing that does not add up, with the difference", () => {
    const proof = proveBalances(rows(["100.00"], ["-30.25"]), d("1000.00"), d("1080.00"));
    expect(proof.status).toBe("broken");
    if (proof.status !== "broken") return;
    expect(proof.sourceRow).toBe(3);
    expect(proof.expected.toString()).toBe("1069.75");
    expect(proof.found.toString()).toBe("1080.00");
    expect(proof.message).toBe(
      "row 3: the closing balance 1,080.00 does not equal the opening balance 1,000.00 + the sum of amounts 69.75 (= 1,069.75); the difference is 10.25",
    );
  });

  it("checks the closing against a running-balance chain too", () => {
    const proof = proveBalances(rows(["10.00", "110.00"], ["5.00", "115.00"]), undefined, d("116.00"));
    expect(proof).toMatchObject({ status: "broken", sourceRow: 3 });
  });

  it("is unprovable without any balances", () => {
    expect(proveBalances(rows(["1.00"], ["2.00"]))).toEqual({
      status: "unprovable",
      reason: "the file has no balances, so its total cannot be checked",
    });
    expect(proveBalances(rows(["1.00"]), d("5"))).toMatchObject({ status: "unprovable", reason: expect.stringContaining("opening balance but no closing") });
    expect(proveBalances(rows(["1.00"]), undefined, d("5"))).toMatchObject({ status: "unprovable", reason: expect.stringContaining("closing balance but no opening") });
    expect(proveBalances([])).toMatchObject({ status: "unprovable" });
  });

  it("handles no rows with an opening and closing", () => {
    expectProven(proveBalances([], d("10.00"), d("10.00")), "10.00", "10.00");
    expect(proveBalances([], d("10.00"), d("11.00"))).toMatchObject({ status: "broken" });
  });

  it("is exact: no float drift over many small amounts", () => {
    const many: StatementRow[] = Array.from({ length: 1000 }, (_, i) => ({
      sourceRow: i + 2,
      date: "2026-03-01",
      amount: d("0.10"),
      description: "",
    }));
    expectProven(proveBalances(many, d("0"), d("100.00")), "0", "100.00");
  });

  it("works with 3- and 0-decimal currencies", () => {
    expectProven(proveBalances(rows(["1.125", "11.125"], ["-0.005", "11.120"])), "10.000", "11.120");
    expectProven(proveBalances(rows(["1500", "101500"]), d("100000")), "100000", "101500");
  });
});

describe("formatForMessage", () => {
  it.each([
    ["0", "0.00"],
    ["1020", "1,020.00"],
    ["-1234567.5", "-1,234,567.50"],
    ["999.999", "999.999"],
    ["-0.05", "-0.05"],
  ])("%s → %s", (input, expected) => {
    expect(formatForMessage(d(input))).toBe(expected);
  });
});

describe("BalanceChainChecker on newest-first files", () => {
  const check = (order: "ascending" | "descending", list: StatementRow[], opening?: string, closing?: string) => {
    const checker = new BalanceChainChecker(order, opening ? d(opening) : undefined, closing ? d(closing) : undefined);
    for (const r of list) checker.add(r);
    return checker.result();
  };

  // A deterministic pseudo-random statement: amounts, and a balance on some rows only.
  function statement(seed: number, n: number): StatementRow[] {
    let x = seed;
    const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
    let balance = d("500.00");
    return Array.from({ length: n }, (_, i) => {
      const amount = Decimal.fromUnits(BigInt((next() % 40_000) - 20_000), 2);
      balance = balance.add(amount);
      return { sourceRow: i + 2, date: "2026-03-01", amount, description: `r${i}`, ...(next() % 3 ? { balance } : {}) };
    });
  }

  it("gives the same proof in either file order, for many statements", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const asc = statement(seed, 1 + (seed % 17));
      const total = Decimal.sum(asc.map((r) => r.amount));
      const closing = d("500.00").add(total).toString();
      for (const [opening, close] of [["500.00", closing], [undefined, closing], ["500.00", undefined], [undefined, undefined]] as const) {
        const a = check("ascending", asc, opening, close);
        const b = check("descending", [...asc].reverse(), opening, close);
        expect(b.status, `seed ${seed}`).toBe(a.status);
        if (a.status === "proven" && b.status === "proven") {
          expect(b.opening.toString()).toBe(a.opening.toString());
          expect(b.closing.toString()).toBe(a.closing.toString());
        }
      }
    }
  });

  it("names the row where a newest-first chain breaks", () => {
    // Newest first: 1020.00 after +0.50, 1019.50 after -5.50, 1025.00 after +25.00 (opening 1000).
    const list = rows(["0.50", "1020.00"], ["-5.50", "1019.50"], ["25.00", "1025.00"]);
    expectProven(check("descending", list), "1000.00", "1020.00");
    const broken = rows(["0.50", "1020.00"], ["-5.50", "1019.00"], ["25.00", "1025.00"]);
    const proof = check("descending", broken);
    expect(proof.status).toBe("broken");
    if (proof.status === "broken") {
      expect(proof.sourceRow).toBe(3);
      expect(proof.message).toBe(
        "row 3: running balance 1,019.00 does not lead to the next balance 1,020.00 (row 2) by amount 0.50 (expected 1,019.50)",
      );
    }
  });

  it("checks a stated opening balance against a newest-first chain", () => {
    const list = rows(["0.50", "1020.00"], ["-5.50", "1019.50"], ["25.00", "1025.00"]);
    expectProven(check("descending", list, "1000.00", "1020.00"), "1000.00", "1020.00");
    const proof = check("descending", list, "999.00", "1020.00");
    expect(proof.status).toBe("broken");
    if (proof.status === "broken") expect(proof.message).toContain("the difference is 1.00");
  });
});
