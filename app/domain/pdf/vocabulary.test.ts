import { describe, expect, it } from "vitest";
import { CLOSING_BALANCE, OPENING_BALANCE, POSITIONAL_BALANCE, STATED_CURRENCY, fold } from "./vocabulary.ts";

describe("fold", () => {
  // What folding means, spelled out in full; fold takes a shortcut for plain ASCII text.
  const reference = (text: string) =>
    text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();

  it("matches the full fold on plain, spaced, accented and non-Latin text", () => {
    const alphabet = [..."aZ09 .,:;/()'-\t\n\u00a0\u2003éÉçÑØßİıΣ日"];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      expect(fold(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it("folds header and balance words", () => {
    expect(fold("  Libellé  de l'Opération ")).toBe("libelle de l'operation");
    expect(fold("OPENING BALANCE")).toBe("opening balance");
    expect(fold("Übertrag\tvon Seite 2")).toBe("ubertrag von seite 2");
  });
});

describe("STATED_CURRENCY", () => {
  const stated = (line: string) => STATED_CURRENCY.exec(fold(line))?.[1];

  it("reads a currency's code after its words, and after its name when the code is in parentheses", () => {
    expect(stated("Currency: EUR")).toBe("eur");
    expect(stated("All amounts in USD are shown before tax")).toBe("usd");
    expect(stated("Amounts in EUR (see note 3)")).toBe("eur");
    expect(stated("Transactions in RAND (ZAR)")).toBe("zar");
    expect(stated("Amounts in South African Rand (ZAR)")).toBe("zar");
  });
});

describe("balance lines", () => {
  it("knows Portuguese opening, daily and closing balances", () => {
    expect(OPENING_BALANCE.test(fold("Saldo Anterior"))).toBe(true);
    expect(POSITIONAL_BALANCE.test(fold("Saldo do dia"))).toBe(true);
    expect(CLOSING_BALANCE.test(fold("Saldo final"))).toBe(true);
  });
});
