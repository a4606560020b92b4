import { describe, expect, it } from "vitest";
import { balanceLineKind, isTurnoverLabel } from "./lines.ts";

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

describe("balanceLineKind", () => {
  it("knows the Serbian, Croatian, Bosnian and Slovenian previous and new balance, in Latin and Cyrillic letters", () => {
    const opening = ["Prethodno stanje:", "Početno stanje", "Staro stanje", "Prejšnje stanje", "Začetno stanje", "Претходно стање:"];
    const closing = ["Novo stanje:", "Završno stanje", "Krajnje stanje", "Konačno stanje", "Končno stanje", "Ново стање:"];
    expect(opening.map(balanceLineKind)).toEqual(opening.map(() => "opening"));
    expect(closing.map(balanceLineKind)).toEqual(closing.map(() => "closing"));
  });
});
