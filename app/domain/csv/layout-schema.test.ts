import { describe, expect, it } from "vitest";
import { detectCsvLayout } from "./detect.ts";
import { csvLayoutSchema } from "./layout-schema.ts";

const revolut = [
  "Type,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance",
  "TOPUP,2024-03-01 09:12:44,2024-03-01 09:12:45,Top-Up,500.00,0.00,EUR,COMPLETED,500.00",
  "CARD_PAYMENT,2024-03-04 18:22:00,2024-03-05 07:11:20,Uber,-12.40,0.25,EUR,COMPLETED,487.35",
  "ATM,2024-03-11 16:00:00,2024-03-11 16:00:01,Cash,-100.00,2.00,EUR,COMPLETED,385.35",
].join("\n");

const messages = (value: unknown) => {
  const result = csvLayoutSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("csvLayoutSchema", () => {
  const layout = detectCsvLayout(revolut).layout;

  it("accepts what detection produces, a fee column included", () => {
    expect(layout.columns.find((c) => c.role === "fee")?.name).toBe("Fee");
    expect(messages(layout)).toEqual([]);
  });

  it("refuses a second fee column, a role it does not know, and a column mapped twice", () => {
    const twoFees = { ...layout, columns: layout.columns.map((c) => (c.name === "Currency" ? { ...c, role: "fee" } : c)) };
    expect(messages(twoFees)).toContain("only one column can be the fee");
    expect(messages({ ...layout, columns: [...layout.columns.slice(0, -1), { ...layout.columns.at(-1)!, role: "tax" }] }).length).toBeGreaterThan(0);
    expect(messages({ ...layout, columns: [...layout.columns, { index: 0, role: "ignore" }] })).toContain("a column is mapped twice");
  });

  it("needs exactly one date and either an amount or a debit/credit pair", () => {
    const noDate = { ...layout, columns: layout.columns.map((c) => (c.role === "date" ? { ...c, role: "ignore" } : c)) };
    expect(messages(noDate)).toContain("exactly one column must be the date");
    const noAmount = { ...layout, columns: layout.columns.map((c) => (c.role === "amount" ? { ...c, role: "ignore" } : c)) };
    expect(messages(noAmount)).toContain("choose either one amount column, or one debit and one credit column");
  });

  it("keeps a balance before the rows and a description in single quotes (a saved de Volksbank profile)", () => {
    const volksbank = ['"01-05-2024","15420.50","-174.63","\'BEA, Action\'"', '"02-05-2024","15245.87","-98.60","\'KPN\'"', '"03-05-2024","15147.27","50.86","\'Factuur 228\'"'].join("\n");
    const saved = detectCsvLayout(volksbank).layout;
    expect(saved.columns.filter((c) => c.before || c.quoted).map((c) => [c.index, c.role, c.before ?? c.quoted])).toEqual([[1, "balance", true], [3, "description", true]]);
    const parsed = csvLayoutSchema.parse(saved);
    expect(parsed.columns.filter((c) => c.before || c.quoted).map((c) => c.index)).toEqual([1, 3]);
  });
});

describe("twenty-sixth session (2026-12-07): a saved profile keeps what detection adds to a column", () => {
  it("keeps a balance column read as the balance at the export (KBC's Saldo repeated on every row)", () => {
    const kbc = [
      "Datum;Omschrijving;Bedrag;Saldo",
      "29/04/2025;BETALING DELHAIZE;-97,12;8926,41",
      "28/04/2025;OVERSCHRIJVING HUUR;-614,70;8926,41",
      "25/04/2025;LOON APRIL;2450,00;8926,41",
      "22/04/2025;BETALING COLRUYT;-41,30;8926,41",
    ].join("\n");
    const detected = detectCsvLayout(kbc).layout;
    expect(detected.columns.find((c) => c.role === "balance")?.current).toBe(true);
    const parsed = csvLayoutSchema.parse(detected);
    expect(parsed.columns.find((c) => c.role === "balance")?.current).toBe(true);
  });
});
