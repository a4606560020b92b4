import { describe, expect, it } from "vitest";
import { isTurnoverLabel } from "./lines.ts";

describe("isTurnoverLabel", () => {
  it("knows a period's turnover labels, however they are written", () => {
    for (const label of ["Turnover", "Debit turnover:", "Käive", "KREEDITKÄIVE", "Apyvarta", "Apgrozījums", "Omsättning", "Omsætning", "Mutasi Kredit", "T U R N O V E R"]) {
      expect(isTurnoverLabel(label), label).toBe(true);
    }
  });

  it("is not a transaction's description, with or without digits", () => {
    for (const text of ["Coffee shop", "Turnover 2026", "Käive 31.03", "Card 1234 turnover", "TURNOVER RENTALS LTD", "Total debits and credits of the whole period of March"]) {
      expect(isTurnoverLabel(text), text).toBe(false);
    }
  });
});
