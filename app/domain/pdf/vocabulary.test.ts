import { describe, expect, it } from "vitest";
import { BARE_BALANCE, CARD_CREDIT_ROW, CLOSING_BALANCE, CREDIT_CARD_SIGNS, OPENING_BALANCE, PAGE_FURNITURE, PENDING_SECTION, PERIOD_FIGURE, POSITIONAL_BALANCE, RANGE_SEPARATOR, STATED_CURRENCY, SUMMARY_LINE, WEAK_CARRY, currencyNamedBy, fold } from "./vocabulary.ts";

describe("fold", () => {
  // What folding means, spelled out in full; fold takes a shortcut for plain ASCII text.
  const reference = (text: string) =>
    text
      .normalize("NFD")
      .replace(/\u0e33\u0e32?/g, "\u0e32")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/ς/g, "σ")
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

  it("folds a Greek word the same however its last sigma came out (ς from lower-casing a final Σ, σ from a font without ς)", () => {
    expect(fold("ΣΥΝΟΛΑ ΚΙΝΗΣΗΣ")).toBe(fold("συνολα κινησησ"));
    expect(SUMMARY_LINE.test(fold("ΣΥΝΟΛΑ ΚΙΝΗΣΗΣ"))).toBe(true);
    expect(OPENING_BALANCE.test(fold("Υπόλοιπο προηγούμενης περιόδου"))).toBe(true);
    // Greek phrases end where a Greek word does: "ΝΕΟ ΥΠΟΛΟΙΠΟ" is no part of "ΝΕΟ ΥΠΟΛΟΙΠΟΥ".
    expect(CLOSING_BALANCE.test(fold("ΝΕΟ ΥΠΟΛΟΙΠΟ"))).toBe(true);
    expect(CLOSING_BALANCE.test(fold("ΑΝΑΛΗΨΗ ΝΕΟ ΥΠΟΛΟΙΠΟΥ"))).toBe(false);
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
    expect(stated("CURRENCY: PHILIPPINE PESO (PHP)")).toBe("php");
  });

  it("reads 'Valores expresados en' and 'Valores em' (Nequi, Caixa), and a symbol that says one currency after them", () => {
    expect(stated("Valores expresados en pesos colombianos (COP)")).toBe("cop");
    expect(stated("Valores em: R$ (reais)")).toBe("r$");
    expect(stated("Valores em R$")).toBe("r$");
    // Words after them that are no currency say none.
    expect(stated("Valores em aberto: 3")).toBeUndefined();
    expect(stated("Valores en tránsito")).toBeUndefined();
  });

  it("reads Indonesian 'Mata uang', Estonian 'Valuuta' and Lithuanian 'Valiuta'", () => {
    expect(stated("MATA UANG : IDR")).toBe("idr");
    expect(stated("Valuuta EUR")).toBe("eur");
    expect(stated("Valiuta: EUR")).toBe("eur");
  });
});

describe("currencyNamedBy", () => {
  const named = (line: string) => currencyNamedBy(fold(line).trim());

  it("reads a currency written as words: a line of its name alone, or after the words that introduce one", () => {
    expect(named("SINGAPORE DOLLAR")).toBe("SGD");
    expect(named("Hong Kong Dollars")).toBe("HKD");
    expect(named("Currency: Australian Dollar")).toBe("AUD");
    expect(named("All amounts in US Dollars")).toBe("USD");
    expect(named("Pound Sterling")).toBe("GBP");
    expect(named("EURO")).toBe("EUR");
    expect(named("Japanese Yen")).toBe("JPY");
    expect(named("All amounts are in Canadian dollars unless otherwise indicated.")).toBe("CAD");
    expect(named("All amounts are in Australian dollars.")).toBe("AUD");
  });

  it("reads a sentence that names the currency by its word in the statement's language, anywhere in a line (Crédit du Nord)", () => {
    expect(named("Relevé n° 3  •  Montants exprimés en euros")).toBe("EUR");
    expect(named("Alle Beträge in Euro")).toBe("EUR");
    expect(named("Valores em reais")).toBe("BRL");
    expect(named("All amounts in euro, unless otherwise stated")).toBe("EUR");
    expect(named("Page 1 • Amounts shown in pounds sterling")).toBe("GBP");
  });

  it("leaves a sentence's currency word alone where it says no one currency (as a \"$\" alone says none)", () => {
    expect(named("Valores expresados en dólares")).toBeUndefined();
    expect(named("All amounts in dollars")).toBeUndefined();
    expect(named("Montants exprimés en pesos")).toBeUndefined();
    expect(named("Beträge in Kroner")).toBeUndefined();
    expect(named("Montants exprimés en eurosx")).toBeUndefined();
  });

  it("leaves names inside other text, and names that say no one currency, alone", () => {
    expect(named("52.40 US DOLLAR @ 1.2734")).toBeUndefined();
    expect(named("U. S. DOLLAR 24.17")).toBeUndefined();
    expect(named("EURONET PULAWSKA 17")).toBeUndefined();
    expect(named("DOLLAR")).toBeUndefined();
    expect(named("Singapore Dollar Fixed Deposit rates")).toBeUndefined();
    expect(named("Canadian dollar unless otherwise indicated")).toBeUndefined();
  });
});

describe("balance lines", () => {
  it("knows a card's per-card sub total and its total balance", () => {
    expect(SUMMARY_LINE.test(fold("SUB TOTAL"))).toBe(true);
    expect(CLOSING_BALANCE.test(fold("TOTAL BALANCE FOR VISA PLATINUM"))).toBe(true);
  });

  it("knows the page carries of each language, both ways (carried to the next page, brought from the last)", () => {
    const carries = [
      "Balance carried forward", "Balance brought forward", "Balance to next page", "Balance from previous page",
      "Übertrag", "Übertrag von Seite 1", "Zwischensaldo", "Report", "Total à reporter", "Report à nouveau",
      "Te dragen saldo", "Over te dragen saldo", "Overgedragen saldo", "Saldo over te dragen", "Transport", "Te dragen",
      "Převod na další stranu", "Převod z předchozí strany", "Prenos na ďalšiu stranu", "Prenos z predchádzajúcej strany",
      "Do przeniesienia", "Z przeniesienia", "Áthozat", "Átvitel", "Siirto seuraavalle sivulle", "Siirto edelliseltä sivulta",
      "Transport til næste side", "Overført fra forrige side", "A transportar", "Transporte", "A riportare", "Riporto", "Saldo riportato", "Saldo a riportare", "Suma y sigue",
      "Áthozat az előző oldalról", "Átvitel a következő oldalra",
    ];
    for (const line of carries) expect(POSITIONAL_BALANCE.test(fold(line)) || WEAK_CARRY.test(fold(line)), line).toBe(true);
    // Words that are also ordinary words count only as (almost) the whole line.
    for (const line of ["Transport for London", "Übertrag auf Sparkonto 1234", "Átvitel díja"]) expect(POSITIONAL_BALANCE.test(fold(line)) || WEAK_CARRY.test(fold(line)), line).toBe(false);
  });

  it("knows the opening balance of Moroccan and West African French statements (SOLDE DEPART AU date, SOLDE DE DEPART, ANCIEN SOLDE AU)", () => {
    for (const line of ["SOLDE DEPART AU 30/06/2025", "SOLDE DE DÉPART", "ANCIEN SOLDE AU 30/06/2025"]) expect(OPENING_BALANCE.test(fold(line)), line).toBe(true);
    // A departure tax is no balance.
    expect(OPENING_BALANCE.test(fold("TAXE DE DEPART AEROPORT"))).toBe(false);
  });

  it("knows Croatian, Serbian and Slovenian balances and totals (Prethodno stanje, Novo stanje, Ukupni promet, Skupaj), and 'do' between a period's dates", () => {
    for (const line of ["Prethodno stanje:", "Staro stanje", "Prejšnje stanje", "Početno stanje"]) expect(OPENING_BALANCE.test(fold(line)), line).toBe(true);
    for (const line of ["Novo stanje:", "Konačno stanje", "Završno stanje", "Končno stanje"]) expect(CLOSING_BALANCE.test(fold(line)), line).toBe(true);
    for (const line of ["Ukupni promet:", "Ukupno", "Skupaj"]) expect(SUMMARY_LINE.test(fold(line)), line).toBe(true);
    expect(RANGE_SEPARATOR.test("do")).toBe(true);
  });

  it("knows a Turkish card's balances owed, its totals and its words: Önceki Dönem Borcu opens, Dönem Borcu closes, Toplam(ı) sums, Asgari Ödeme makes a card, ÖDEME and İADE credit it", () => {
    expect(OPENING_BALANCE.test(fold("Önceki Dönem Borcu"))).toBe(true);
    expect(CLOSING_BALANCE.test(fold("Dönem Borcu"))).toBe(true);
    expect(CLOSING_BALANCE.test(fold("Önceki Dönem Borcu"))).toBe(false);
    for (const line of ["Asıl Kart Toplamı", "Ek Kart Toplamı", "Genel Toplam", "Toplam Worldpuan"]) expect(SUMMARY_LINE.test(fold(line)), line).toBe(true);
    // An installment's total inside a description is no total line.
    expect(SUMMARY_LINE.test(fold("TAKSİT 3/6 (Toplam 24.990,00 TL)"))).toBe(false);
    expect(CREDIT_CARD_SIGNS.test(fold("Asgari Ödeme Tutarı"))).toBe(true);
    for (const line of ["ÖDEME - YAPI KREDİ MOBİL", "İADE MİGROS"]) expect(CARD_CREDIT_ROW.test(fold(line)), line).toBe(true);
  });

  it("knows French-Canadian balances: Solde d'ouverture opens, Solde de clôture closes, Solde à reporter and Solde reporté carry a page's balance, Total des opérations sums", () => {
    expect(OPENING_BALANCE.test(fold("Solde d'ouverture"))).toBe(true);
    expect(CLOSING_BALANCE.test(fold("Solde de clôture"))).toBe(true);
    for (const line of ["Solde à reporter", "Solde reporté"]) expect(POSITIONAL_BALANCE.test(fold(line)), line).toBe(true);
    expect(SUMMARY_LINE.test(fold("Total des opérations"))).toBe(true);
  });

  it("knows Czech totals of what was credited and debited (Připsáno celkem, Odepsáno celkem)", () => {
    for (const line of ["Připsáno celkem (12)", "Odepsáno celkem (58)"]) expect(SUMMARY_LINE.test(fold(line)), line).toBe(true);
  });

  it("knows Indonesian, Estonian and Slovak balances, carries and sums (the nineteenth blind test), and the Latvian and Lithuanian balances", () => {
    for (const line of ["SALDO AWAL", "Algsaldo", "Počiatočný zostatok", "Počáteční zůstatek", "Sākuma atlikums", "Pradinis likutis"]) expect(OPENING_BALANCE.test(fold(line)), line).toBe(true);
    for (const line of ["SALDO AKHIR", "Lõppsaldo 31.03.2026", "Konečný zostatok", "Konečný zůstatek", "Beigu atlikums", "Galutinis likutis"]) expect(CLOSING_BALANCE.test(fold(line)), line).toBe(true);
    for (const line of ["Zostatok k prenosu", "Prenos zostatku z predchádzajúcej strany"]) expect(POSITIONAL_BALANCE.test(fold(line)), line).toBe(true);
    // Spanish carries of a page's sums (BCP), as the whole line only: "Van Oord" or "Vienen de Lima" are no carries.
    for (const line of ["VAN", "VIENEN", "Pasan"]) expect(WEAK_CARRY.test(fold(line)), line).toBe(true);
    for (const line of ["Van Oord BV", "Vienen de Lima"]) expect(WEAK_CARRY.test(fold(line)), line).toBe(false);
    for (const line of ["MUTASI CR : 40,968,456.78 11", "MUTASI DB", "Kreditné obraty (5)", "Debetné obraty (19)", "SUMAN"]) expect(SUMMARY_LINE.test(fold(line)), line).toBe(true);
    // An Indonesian transfer's own words are no sum.
    expect(SUMMARY_LINE.test(fold("TRSF E-BANKING DB"))).toBe(false);
  });

  it("knows Portuguese opening, daily and closing balances", () => {
    expect(OPENING_BALANCE.test(fold("Saldo Anterior"))).toBe(true);
    expect(POSITIONAL_BALANCE.test(fold("Saldo do dia"))).toBe(true);
    expect(CLOSING_BALANCE.test(fold("Saldo final"))).toBe(true);
  });
});

describe("PAGE_FURNITURE", () => {
  const furniture = (line: string) => PAGE_FURNITURE.test(fold(line));

  it("knows page numbers and continuation notes in the languages statements print them", () => {
    for (const line of ["Page 2 of 3", "Seite 1 von 2", "Strana 1 z 3", "Side 2 af 4", "Sida 1 av 2", "Continued overleaf", "Continued on next page", "Suite au verso / à la page suivante", "2/3"]) {
      expect(furniture(line), line).toBe(true);
    }
  });

  it("leaves descriptions that merely contain such words alone", () => {
    for (const line of ["Continued payment plan ACME", "Side hustle income", "Strana s.r.o. invoice 7"]) expect(furniture(line), line).toBe(false);
  });
});

describe("twenty-fifth session (2026-12-07): Baltic totals, reservations and available balances", () => {
  it("knows the Estonian, Lithuanian and Latvian turnovers and totals, and not a description that merely holds their words", () => {
    for (const line of ["Käive (deebet)", "Käive (kreedit)", "Deebetkäive", "Kreeditkäive", "Kokku", "Broneeringud kokku", "Apyvarta", "Debeto apyvarta", "Iš viso", "Apgrozījums", "Kredīta apgrozījums", "Kopā"]) {
      expect(SUMMARY_LINE.test(fold(line)), line).toBe(true);
    }
    for (const line of ["Arve nr 2509 viitenumber kokkulepe", "Makse kokkuleppe alusel tasutud kaup", "Tasu kokku lepitud summa", "Kopa Ltd Riga invoice 12 sent"]) expect(SUMMARY_LINE.test(fold(line)), line).toBe(false);
  });

  it("knows the Baltic headings of card payments held (pending) and the available balance", () => {
    for (const line of ["Broneeringud", "Broneeritud summad", "Ootel tehingud", "Rezervuotos sumos", "Rezervētie darījumi"]) expect(PENDING_SECTION.test(fold(line)), line).toBe(true);
    for (const line of ["Vaba jääk", "Available balance", "Pieejamais atlikums"]) expect(PERIOD_FIGURE.test(fold(line)), line).toBe(true);
  });
});

describe("twenty-fifth session (2026-12-07): Thai and Vietnamese balances and totals", () => {
  it("folds Thai without its marks, its sara am as a font's text may map it ('ชำาระ', 'ชําระ') as typed ('ชำระ')", () => {
    expect(fold("ชำาระเงิน")).toBe(fold("ชำระเงิน"));
    expect(fold("ชําระเงิน")).toBe(fold("ชำระเงิน"));
    expect(fold("วันที่")).toBe("วนท");
  });

  it("knows the Thai and Vietnamese balances of the period's start and end, carried and brought forward, and their totals", () => {
    for (const line of ["ยอดยกมาต้นงวด", "ยอดคงเหลือต้นงวด", "Số dư đầu kỳ / Opening balance", "SỐ DƯ ĐẦU KỲ"]) expect(OPENING_BALANCE.test(fold(line)), line).toBe(true);
    for (const line of ["ยอดยกไป", "ยอดคงเหลือสิ้นงวด", "Số dư cuối kỳ / Closing balance"]) expect(CLOSING_BALANCE.test(fold(line)), line).toBe(true);
    for (const line of ["ยอดยกมา", "ยอดคงเหลือยกมา"]) expect(POSITIONAL_BALANCE.test(fold(line)), line).toBe(true);
    for (const line of ["ยอดคงเหลือ", "Số dư"]) expect(BARE_BALANCE.test(fold(line)), line).toBe(true);
    for (const line of ["รวมถอนเงิน 33 รายการ", "รวมฝากเงิน", "Tổng số / Total", "Tổng cộng", "TỔNG PHÁT SINH"]) expect(SUMMARY_LINE.test(fold(line)), line).toBe(true);
    // Descriptions that merely hold such words.
    for (const line of ["TONG HOP PHI DICH VU", "โอนเงิน ยอดรวม"]) expect(SUMMARY_LINE.test(fold(line)), line).toBe(false);
  });
});

describe("twenty-sixth session (2026-12-07): a card's Previous Total Balance and Total Balance (Apple Card)", () => {
  it("reads them as the opening and the closing balance, and a total balance that sums more as neither", () => {
    expect(OPENING_BALANCE.test(fold("Previous Total Balance"))).toBe(true);
    for (const label of ["Total Balance", "TOTAL BALANCE:"]) expect(CLOSING_BALANCE.test(fold(label)), label).toBe(true);
    for (const label of ["Total balance incl. pots", "Total Balance Minimum Payment Due Payment Due Date"]) expect(CLOSING_BALANCE.test(fold(label)), label).toBe(false);
  });
});
