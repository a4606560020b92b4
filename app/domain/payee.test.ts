import { describe, expect, it } from "vitest";
import { descriptionWords, foldForMatching, meaningfulWords, NOISE, normalizePayee, payeeKey, removeNoise } from "./payee.ts";

// Bank descriptions as printed, and the payee a person would write down.
const EXAMPLES: [country: string, description: string, payee: string][] = [
  // United States: card descriptors
  ["US", "SQ *BLUE BOTTLE COFFEE 0423 SAN FRANCISCO CA", "Blue Bottle Coffee"],
  ["US", "POS PURCHASE 03/04 STARBUCKS STORE 12345 SEATTLE WA", "Starbucks"],
  ["US", "DEBIT CARD PURCHASE XXXXXXXXXXXX4321 WHOLE FOODS MARKET #10234 AUSTIN TX", "Whole Foods Market"],
  ["US", "PURCHASE AUTHORIZED ON 03/02 AMAZON.COM*2K4LL7PQ1 AMZN.COM/BILL WA S386061234567890 CARD 4321", "Amazon"],
  ["US", "AMZN Mktp US*2K4LL7PQ1", "Amazon Marketplace"],
  ["US", "POS PURCHASE 0209 AMZN MKTP US*1A2B3C4D5 AUSTIN TX", "Amazon Marketplace"],
  ["US", "TST* SHAKE SHACK 1024 NEW YORK NY", "Shake Shack"],
  ["US", "SP * ALLBIRDS SAN FRANCISCO CA", "Allbirds"],
  ["US", "PAYPAL *SHOPIFY 402-935-7733 CA", "Shopify"],
  ["US", "CHECKCARD 0828 APPLE STORE ATLANTA GA 97533065576693349320198", "Apple Store"],
  ["US", "NETFLIX.COM 866-579-7172 CA", "Netflix"],
  ["US", "GOOGLE *GSUITE_ACME.COM", "Google Workspace"],
  ["US", "MSFT *<E0400GE1VH>", "Microsoft"],
  ["US", "FACEBK *ABCD1234 MENLO PARK CA", "Facebook Ads"],
  ["US", "UBER *TRIP HELP.UBER.COM CA", "Uber"],
  ["US", "7-ELEVEN 35876 DALLAS TX", "7-Eleven"],
  ["US", "MCDONALD'S F12345 CHICAGO IL", "McDonald's"],
  ["US", "POS PURCHASE 0622 EASYJET NEW YORK NY", "Easyjet"],
  ["US", "DELTA AIR 0062345678901 BOSTON MA", "Delta Air"],
  ["US", "AMERICAN AIR0012345678901 DENVER CO", "American Air"],
  ["US", "PACKLANE     OAKLAND       CA", "Packlane"],
  // United States: ACH, wires, Zelle, bank lines
  ["US", "ACH CREDIT STRIPE TRANSFER ST-K2J8X9Q4", "Stripe Transfer"],
  ["US", "GUSTO DES:PAYROLL ID:XXXXX0012 INDN:ACME INC CO ID:9138864001 CCD", "Gusto"],
  ["US", "ORIG CO NAME:GUSTO ORIG ID:9138864001 DESC DATE:260301 CO ENTRY DESCR:NET PAY SEC:CCD TRACE#:021000021234567 EED:260301 IND ID:ACME IND NAME:ACME INC", "Gusto"],
  ["US", "IRS USATAXPYMT 270612345678901", "IRS Usataxpymt"],
  ["US", "WIRE TRANSFER OUT LANDLORD HOLDINGS LLC", "Landlord Holdings"],
  ["US", "ONLINE PAYMENT 33184640703 TO BDO LLP 09/07", "BDO"],
  ["US", 'Zelle payment to COUNTY TREASURER for "BUSINESS TAX"; Conf# kzluwfhtp', "County Treasurer"],
  ["US", "TRANSFER TO SAVINGS XXXX5678", "Savings"],
  ["US", "ATM WITHDRAWAL 03/04 1234 MAIN ST", "ATM Withdrawal"],
  ["US", "DOMESTIC WIRE FEE", "Domestic Wire Fee"],
  ["US", "FOREIGN TRANSACTION FEE", "Foreign Transaction Fee"],
  ["US", "MOBILE DEPOSIT REF NUMBER :812345678", "Mobile Deposit"],
  // United Kingdom and Ireland
  ["UK", "CARD PAYMENT TO TESCO STORES 3124 ON 12-03-2026", "Tesco Stores"],
  ["UK", "DIRECT DEBIT PAYMENT TO BRITISH GAS REF 8830021234, MANDATE NO 0012", "British Gas"],
  ["UK", "FASTER PAYMENT TO J SMITH PROPERTIES REF RENT MAY", "J Smith Properties"],
  ["UK", "FASTER PAYMENTS RECEIPT REF INV-0042 FROM NORTHWIND TRADERS LTD", "Northwind Traders"],
  ["UK", "VISA DEBIT PURCHASE PRET A MANGER LONDON GB", "Pret A Manger"],
  ["UK", "BACS CREDIT NORTHWIND TRADERS LTD", "Northwind Traders"],
  ["UK", "DD HMRC NDDS REF 123456789", "HMRC NDDS"],
  ["UK", "8693 26JAN26 , EASYPOST STORE 262 , BRISTOL GB", "Easypost"],
  ["UK", "CARD PAYMENT TO HERMAN MILLER,41.16 GBP, RATE 1.00/GBP ON 28-03-2026", "Herman Miller"],
  ["UK", "BRITISH GAS VM123456789 DIRECT DEBIT", "British Gas"],
  ["UK", "))) LYRECO #9261 BIRMINGHAM", "Lyreco"],
  ["UK", "JB HI-FI CD 6525", "Jb Hi-Fi"],
  ["UK", "BILL PAYMENT VIA FASTER PAYMENT TO DELOITTE LLP REFERENCE AUDIT FEE , MANDATE NO 71", "Deloitte"],
  ["IE", "VDP-GITHUB, INC.", "Github"],
  ["IE", "POS JETBRAINS CORK", "Jetbrains"],
  // Germany
  ["DE", "SEPA-LASTSCHRIFT TELEKOM DEUTSCHLAND GMBH EREF: 123456789 MREF: AB12 CRED: DE12ZZZ00000012345", "Telekom Deutschland"],
  ["DE", "KARTENZAHLUNG REWE MARKT GMBH BERLIN DE 2026-03-04", "Rewe Markt"],
  ["DE", "EASYPOST BERLIN DE Kartenzahlung Mastercard 09.10.2026", "Easypost"],
  ["DE", "SEPA-Überweisung an Hausverwaltung Müller IBAN DE69455485038207971857 BIC X6ZY2F9X Gewerbemiete Halle 3", "Hausverwaltung Müller"],
  ["DE", "CAFÉ MÜLLER #4411", "Café Müller"],
  ["DE", "H&M 123 BERLIN", "H&M"],
  ["DE", "Entgelt Kontoführung per 09.07.2026", "Entgelt Kontoführung"],
  // France
  ["FR", "CB CARREFOUR CITY 12/03 PARIS", "Carrefour City"],
  ["FR", "PRLV SEPA EDF CLIENTS PARTICULIERS", "EDF Clients Particuliers"],
  ["FR", "VIR SEPA RECU /DE SARL DUPONT ET FILS /MOTIF REGLEMENT FACTURE 112 /REF 92T583KQT1", "Dupont et Fils"],
  ["FR", "PRLV SEPA DGFIP : IMPOT SOCIETES ACOMPTE ID EMETTEUR/FR42ZZZ279752 MDT/5KG7TJC32C5U", "Dgfip"],
  ["FR", "PAIEMENT PAR CARTE X0690 BOOKING.COM LILLE 14/04", "Booking"],
  // Netherlands
  ["NL", "BEA NR:12AB34 ALBERT HEIJN 1403 AMSTERDAM", "Albert Heijn"],
  ["NL", "BEA NR:UYGSSU 03.07.26/18.33 ADOBE *CREATIVE CLOUD,PAS641", "Adobe Creative Cloud"],
  ["NL", "SEPA Incasso algemeen doorlopend Incassant: NL17ZZZ037800338667 Naam: Eneco Machtiging: BDKMMXVT77 Omschrijving: Termijnbedrag", "Eneco"],
  ["NL", "SEPA Overboeking IBAN: NL45RABO5959555811 BIC: RABONL2U Naam: Adyen N.V. Omschrijving: Uitbetaling", "Adyen"],
  // Australia, Canada
  ["AU", "EFTPOS PURCHASE WOOLWORTHS 1234 SYDNEY NSW AU", "Woolworths"],
  ["AU", "IKEA STORE 00885 ADELAIDE SA AUS Card xx9029 Value Date: 09/03/2026", "IKEA"],
  ["AU", "HILTON HOTELS #3495 BRISBANE QLD AUS Card xx6479 Value Date: 11/09/2026", "Hilton Hotels"],
  ["CA", "INTERAC E-TRANSFER FROM JOHN DOE", "John Doe"],
  ["CA", "POS MERCHANDISE MAKITA 49664 CALGARY AB", "Makita"],
  // Sweden (a foreign card descriptor)
  ["SE", "SPOTIFY P1A2B3C4 STOCKHOLM SE", "Spotify"],
];

describe("normalizePayee", () => {
  it(`turns ${EXAMPLES.length} real-world descriptions from ${new Set(EXAMPLES.map((e) => e[0])).size} countries into clean payees`, () => {
    const wrong = EXAMPLES.filter(([, description, payee]) => normalizePayee(description) !== payee).map(
      ([, description, payee]) => `${description} → ${normalizePayee(description)} (expected ${payee})`,
    );
    expect(wrong).toEqual([]);
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(EXAMPLES)("%s: %s → %s", (_country, description, payee) => {
    expect(normalizePayee(description)).toBe(payee);
  });

  it("is deterministic and idempotent on its own output", () => {
    for (const [, description, payee] of EXAMPLES) {
      expect(normalizePayee(description)).toBe(normalizePayee(description));
      expect(normalizePayee(payee)).toBe(payee);
    }
  });

  it("maps differently printed payments of one payee to one name", () => {
    const tesco = ["CARD PAYMENT TO TESCO STORES 3124 ON 12-03-2026", "TESCO STORES 3124 CD 4321", "VIS TESCO STORES 3124 LONDON", "TESCO STORES 2291 LONDON GB"];
    expect(new Set(tesco.map(normalizePayee))).toEqual(new Set(["Tesco Stores"]));
  });

  it("never strips a description down to nothing", () => {
    expect(normalizePayee("DIRECT DEBIT")).toBe("Direct Debit");
    expect(normalizePayee("POS")).toBe("POS");
    expect(normalizePayee("PAYMENT - THANK YOU")).toBe("Payment Thank You");
    expect(normalizePayee("REF 123456")).toBe("Ref");
  });

  it("gives an empty payee only for text without letters", () => {
    expect(normalizePayee("")).toBe("");
    expect(normalizePayee("   ")).toBe("");
    expect(normalizePayee("12345 06/03")).toBe("");
  });

  it("keeps brand names that end in a country or contain digits", () => {
    expect(normalizePayee("AIR FRANCE STORE 18533 BOSTON MA")).toBe("Air France");
    expect(normalizePayee("AIR CANADA TORONTO ON")).toBe("Air Canada");
    expect(normalizePayee("1&1 TELECOM GMBH")).toBe("1&1 Telecom");
    expect(normalizePayee("1PASSWORD ATLANTA GA")).toBe("1password");
  });

  it("reads a pathological description in bounded time", () => {
    const long = `${"SQ *".repeat(500)}${"A1B2C3 ".repeat(2000)}LONDON GB`;
    const started = performance.now();
    normalizePayee(long);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("payeeKey / foldForMatching", () => {
  it("folds case, accents and spacing", () => {
    expect(payeeKey("Café  Müller")).toBe("cafe muller");
    expect(foldForMatching("  ÉCOLE\tÉté ")).toBe("ecole ete");
    expect(payeeKey(normalizePayee("CAFÉ MÜLLER #4411"))).toBe(payeeKey(normalizePayee("Cafe Muller 12")));
  });
});

describe("descriptionWords / meaningfulWords", () => {
  it("keeps letter words of two or more characters", () => {
    expect(descriptionWords("ACH DEBIT GUSTO NET-PAY 0423 x")).toEqual(["ach", "debit", "gusto", "net", "pay"]);
  });

  it("drops bank-format metadata, keeps what the payment was for", () => {
    expect(
      meaningfulWords("ORIG CO NAME:GUSTO ORIG ID:9138864001 DESC DATE:260301 CO ENTRY DESCR:NET PAY SEC:CCD TRACE#:021000021234567 EED:260301 IND ID:ACME IND NAME:ACME HOLDINGS LLC TRN: 123TC"),
    ).toEqual(["gusto", "net", "pay"]);
    expect(meaningfulWords("SEPA-Lastschrift Vattenfall EREF: 601371917783 MREF: YEXSSZ61RH CRED: DE12ZZZ00000012345 SVWZ: Abschlag Strom")).toEqual([
      "sepa",
      "lastschrift",
      "vattenfall",
      "abschlag",
      "strom",
    ]);
    expect(meaningfulWords("SEPA Incasso algemeen doorlopend Incassant: NL33ZZZ502887185626 Naam: Ziggo Machtiging: N2X Omschrijving: Termijnbedrag IBAN: NL12INGB0001234567")).toEqual([
      "sepa",
      "incasso",
      "algemeen",
      "doorlopend",
      "ziggo",
      "termijnbedrag",
    ]);
  });
});

describe("noise removal's guards", () => {
  // removeNoise skips a pattern when the text lacks what it cannot match without; skipping must
  // never change the outcome: the same text as every pattern applied in turn, whatever the line.
  const everyPattern = (text: string) => NOISE.reduce((current, [pattern]) => current.replace(pattern, " ¤ "), ` ${text} `);
  const lines = [
    ...EXAMPLES.map(([, description]) => description.toUpperCase()),
    "ECHO 41.16 GBP AND USD 12.00 AND EUR12,50",
    "SHOP $12.00 £3 €4,50",
    "CARD 4111 1111 1111 1111 AND 4111-1111-1111-1111",
    "MASKED 123456XXXXXX1234 XXXX XXXX XXXX 1234 ************1234 *1234 X-1234",
    "CARD NO. 1234 CARD ENDING IN X1234 CARD #1234 CD 1234",
    "ON 2026-03-04T14:32:05 AND 04/03/2026 04.03.26 04/03 31-12",
    "12MAR26 12 MAR 2026 MAR 12 MAR 12, 2026 MARCH 2026 MARCH ¤ 3 FÉVRIER 2026 MÄRZ 4",
    "AT 14:32 14:32:05 2:15PM 2:15 P.M. 14H32",
    "CALL 866-579-7172 +44 20 7946 0000 (800) 555-0199 +1 415 555 0101",
    "STORE 0423 STR 12 NO. 88 TID 12345678 NR:12AB34 PASNR.4 MID:99 #12-AB N° 7 FILIALE 3",
    "NO DIGITS HERE, IN JUNE",
    "DIGITS WITHOUT GUARDS 12 34",
  ];
  it.each(lines)("%s", (line) => {
    expect(removeNoise(line)).toBe(everyPattern(line));
  });
});
