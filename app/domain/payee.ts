/**
 * Payee normalization: a bank's description line → the clean name of who was paid or who
 * paid ("SQ *BLUE BOTTLE COFFEE 0423 SAN FRANCISCO CA" → "Blue Bottle Coffee"). Rules,
 * learning and reports all group by this name, so it must be deterministic: the same
 * description always gives the same payee, whatever else is in the ledger.
 *
 * Pure. The pipeline, in order (each step only removes; nothing is guessed or looked up):
 *  1. a counterparty given by label ("Naam: ENECO", "ORIG CO NAME:GUSTO") is taken as is;
 *  2. processor and channel prefixes (`POS`, `SQ *`, `PAYPAL *`, `CARD PAYMENT TO`,
 *     `SEPA-LASTSCHRIFT`, `PRLV SEPA` …), repeatedly, never leaving nothing and never from a
 *     bank's own line ("DOMESTIC WIRE FEE" stays whole);
 *  3. the metadata tail: everything from the first reference key on (`REF`, `EREF:`, `DES:`,
 *     `MANDATE`, `IBAN`, ` : `, `ON 12 MAR` …);
 *  4. noise anywhere, each replaced by a marker: card numbers and masked PANs, dates, times,
 *     echoed amounts, phone numbers, store and terminal numbers, reference-like tokens;
 *  5. a few brands whose descriptor is the brand plus a reference (`AMZN Mktp US*2K4LL7PQ1`);
 *  6. the name ends at the first marker after it: what follows a store number, a date or a
 *     reference is a place, a payment text or another reference ("… 0423 OAKLAND CA");
 *  7. from the end: state/country codes and a curated list of cities, legal forms (`LTD`,
 *     `GMBH`, `N.V.` …), channel words (`DIRECT DEBIT`, `Lastschrift`, `FT`) and dangling
 *     prepositions, until none is left;
 *  8. title case, keeping acronyms (`AWS`, `HMRC`, `H&M`) upper case.
 */

import { BoundedCache } from "./bounded-cache.ts";
import { collapseWhitespace } from "./text.ts";

/** Printable ASCII only (most bank lines): no composition, no Unicode letters or dashes. */
const ASCII = /^[\x20-\x7e]*$/;

/** Canonical matching key for a payee or description: case, accents and spacing folded. */
export function payeeKey(text: string): string {
  return foldForMatching(text);
}

/** Lower case, accents removed, whitespace collapsed — how rules and the learner compare text. */
export function foldForMatching(text: string): string {
  // ASCII has nothing to decompose and no marks to drop.
  if (ASCII.test(text)) return collapseWhitespace(text.toLowerCase()).trim();
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------
// 2. Prefixes. Anchored at the start of the (upper-cased) text; applied until none matches.

const PREFIXES: RegExp[] = [
  // Card processors and marketplaces whose descriptor is "PROCESSOR *MERCHANT".
  /^(?:SQ|TST|SP|PAYPAL|PP|IZ|IZETTLE|ZETTLE_?|SUMUP|SMP|PY|CKO|WPY|DNH|FS|PADDLE\.NET|2CO\.COM|STRIPE|EB|BT|LS|SQU)\s*\*\s*/,
  /^(?:POS|EPOS)(?:\s+(?:PURCHASE|PURCH|DEBIT|DEB|TRANSACTION|TXN|SALE|CREDIT|REFUND|MERCHANDISE))?\b/,
  /^(?:DEBIT|CHECK|CHEQUE|CREDIT)\s+CARD(?:\s+(?:PURCHASE|PURCH|PAYMENT|TRANSACTION|TXN|REFUND))?\b/,
  /^DBT\s+CRD\b/,
  /^(?:CHECKCARD|CHECK\s+CARD|CHK\s*CARD)\b/,
  /^ZELLE(?:\s+(?:PAYMENT|TRANSFER))?(?:\s+(?:TO|FROM))?\b/,
  /^(?:VIS|VISA\s+DEBIT)\b/,
  /^VIA\b/,
  /^(?:MISC(?:ELLANEOUS)?\s+PAYMENT|ONLINE\s+BANKING\s+(?:PAYMENT|TRANSFER)|PAYROLL\s+DEPOSIT)\b/,
  /^\){2,}\s*/,
  /^CARD\s+(?:PURCHASE|PAYMENT|TRANSACTION|TXN|REFUND)(?:\s+(?:TO|AT|FROM))?\b/,
  /^(?:RECURRING\s+)?(?:PURCHASE|PAYMENT|DEBIT\s+CARD\s+PURCHASE)\s+(?:AUTHORIZED|AUTHORISED)\s+ON\b/,
  /^RECURRING\s+(?:DEBIT\s+)?(?:CARD\s+)?(?:PAYMENT|PURCHASE|CHARGE)\b/,
  /^(?:INTERNATIONAL|INTL|FOREIGN)\s+(?:POS\s+)?(?:PURCHASE|TRANSACTION|TXN|CARD\s+PURCHASE)\b/,
  /^PURCHASE(?:\s+(?:AT|FROM|-))?\b/,
  /^(?:VISA|MASTERCARD|MC|MAESTRO)(?:\s+(?:DEBIT|CREDIT))?(?:\s+(?:PURCHASE|PURCH|TRANSACTION|TXN|PAYMENT|CARD))?\b/,
  /^VD[PA]-/,
  /^(?:CONTACTLESS|APPLE\s+PAY|GOOGLE\s+PAY|SAMSUNG\s+PAY)(?:\s+(?:PAYMENT|PURCHASE))?\b/,
  /^(?:DIRECT\s+DEBIT|D\/D|DD)(?:\s+(?:PAYMENT|COLLECTION))?(?:\s+(?:TO|FROM))?\b/,
  /^(?:STANDING\s+ORDER|S\/O|STO)(?:\s+(?:TO|FROM))?\b/,
  /^(?:FASTER\s+PAYMENTS?|FPS|FPI|FPO)(?:\s+(?:RECEIPT|RECEIVED|SENT|OUT|IN|CREDIT|DEBIT|PAYMENT))?(?:\s+(?:TO|FROM))?\b/,
  /^(?:BACS|BGC|CHAPS)(?:\s+(?:CREDIT|PAYMENT|DEBIT|RECEIPT|TRANSFER))?(?:\s+(?:TO|FROM))?\b/,
  /^ACH(?:\s+(?:DEBIT|CREDIT|PMT|PAYMENT|WITHDRAWAL|DEPOSIT|TRANSFER|ITEM))?(?:\s+(?:TO|FROM))?\b/,
  /^ORIG\s+CO\s+NAME\s*:\s*/,
  /^ELECTRONIC\s+(?:PAYMENT|WITHDRAWAL|DEPOSIT|FUNDS\s+TRANSFER|TRANSFER)(?:\s+(?:TO|FROM))?\b/,
  /^(?:ONLINE|MOBILE|INTERNET|TELEPHONE)\s+(?:BANKING\s+)?(?:PAYMENT|TRANSFER|BILL\s+PAYMENT|PMT|TFR)(?:\s+(?:TO|FROM))?\b/,
  /^(?:INCOMING|OUTGOING|DOMESTIC|INTERNATIONAL|INTL)\s+(?:WIRE|PAYMENT|TRANSFER)(?:\s+(?:TRANSFER|TRF|TFR))?(?:\s+(?:TO|FROM))?\b/,
  /^WIRE(?:\s+(?:TRANSFER|TRF|TFR|TYPE|PAYMENT))?(?:\s+(?:IN|OUT|INCOMING|OUTGOING|DOMESTIC|INTL))?(?:\s+(?:TO|FROM))?\b/,
  /^BOOK\s+TRANSFER(?:\s+(?:CREDIT|DEBIT))?(?:\s+(?:TO|FROM))?\b/,
  /^(?:BILL\s+(?:PAYMENT|PAY|PMT)|BPAY|OSKO(?:\s+PAYMENT)?|DIRECT\s+CREDIT|PAY\s*ID)(?:\s+(?:TO|FROM))?\b/,
  /^EFTPOS(?:\s+(?:PURCHASE|DEBIT))?\b/,
  /^(?:INTERAC(?:\s+(?:E-TRANSFER|ETRNSFR|PURCHASE|PURCH|E-TFR))?|E-TRANSFER|ETRANSFER|PRE-?AUTHORI[ZS]ED\s+DEBIT|PAD)(?:\s+(?:TO|FROM))?\b/,
  /^SEPA(?:[\s-]+(?:(?:E|U)?LASTSCHRIFT|(?:Ü|UE|U)BERWEISUNG|GUTSCHRIFT|DIRECT\s+DEBIT|CREDIT\s+TRANSFER|CT|DD|INSTANT|INST|ECHTZEIT(?:(?:Ü|UE|U)BERWEISUNG)?))*(?:\s+(?:TO|FROM|VON|AN|AUS))?\b/,
  /^(?:ERST|FOLGE|BASIS|FIRMEN)?-?LASTSCHRIFT(?:\s+(?:VON|AN))?\b/,
  /^(?:ONLINE-?|DAUER|ECHTZEIT)?(?:Ü|UE|U)BERWEISUNG(?:\s+(?:VON|AN))?\b/,
  /^(?:GUTSCHRIFT|DAUERAUFTRAG|KARTENZAHLUNG|GIROCARD|EC[\s-]KARTE|DEBITK(?:ARTE)?|KARTE)(?:\s+(?:VON|AN))?\b/,
  /^PAIEMENT\s+(?:PAR\s+)?(?:CARTE|CB)(?:\s+X?\d{4})?\b/,
  /^(?:CB|CARTE(?:\s+X?\d{4})?)\b\s*\*?/,
  /^(?:PRLV|PRELEVEMENT|PRÉLÈVEMENT)(?:\s+(?:SEPA|EUROPEEN))?(?:\s+(?:DE))?\b/,
  /^VIR(?:EMENT)?(?:\s+(?:SEPA|INST|INSTANTANE|INSTANTANÉ|PERMANENT))?(?:\s+(?:RECU|REÇU|EMIS|ÉMIS))?(?:\s+(?:DE|A|À|POUR|PAR))?\b/,
  /^(?:BEA|GEA|BETAALAUTOMAAT|IDEAL|INCASSO|OVERBOEKING|SEPA\s+OVERBOEKING)(?:\s+(?:NAAR|VAN))?\b/,
  /^(?:COMPRA(?:\s+TARJ(?:ETA)?)?|RECIBO|TRANSFERENCIA(?:\s+(?:A|DE))?|PAGO\s+(?:CON\s+)?TARJETA)\b/,
  /^(?:PAYMENT|PMT|PYMT|TRANSFER|TFR|TRF|XFER|REMITTANCE)\s+(?:TO|FROM|RECEIVED\s+FROM|SENT\s+TO)\b/,
  /^(?:DEPOSIT(?:\s+FROM)?|CREDIT\s+FROM)\b/,
  // UK receipts name the reference first: "REF INV-0042 FROM ACME LTD".
  /^REF(?:ERENCE)?\b.*?\bFROM\b/,
  /^A\/C\s*:?/,
  /^(?:INTERNAL|INTERNE|INTER-?ACCOUNT|OWN\s+ACCOUNT)\s+(?:TRANSFER|TFR)?(?:\s+(?:TO|FROM))?\b/,
  /^VIR(?:EMENT)?\s+(?:INTERNE|DE\s+COMPTE\s+A\s+COMPTE)\b/,
  /^(?:OVERBOEKING\s+EIGEN\s+REKENING|UMBUCHUNG|(?:Ü|UE|U)BERTRAG(?:\s+AUF)?)\b/,
];

/** A bank's own line ("DOMESTIC WIRE FEE", "FOREIGN TRANSACTION FEE") keeps its prefix: it is the whole name. */
const BANK_LINE_REST = /^(?:FEES?|CHARGES?|COMMISSION|INTEREST)\b/;

/** Channel words banks put after the name ("BRITISH GAS DIRECT DEBIT", "… Lastschrift"). */
const CHANNEL_SUFFIXES: string[][] = [
  "DIRECT DEBIT", "DDR", "DD", "FT", "FPI", "FPO", "BGC", "STO", "BPY", "NETBANK", "LASTSCHRIFT", "ÜBERWEISUNG", "UEBERWEISUNG",
  "GUTSCHRIFT", "GUTSCHRIFT ÜBERWEISUNG", "KARTENZAHLUNG", "KARTENZAHLUNG MASTERCARD", "KARTENZAHLUNG VISA", "KARTENZAHLUNG GIROCARD",
  "POT TRANSFER", "CD",
].map((s) => s.split(" ")).sort((a, b) => b.length - a.length);

/** A counterparty given by label (Dutch and German exports), up to the next label. */
const LABELLED_NAME =
  /(?:^|\s)(?:NAAM|NAME|EMPF(?:Ä|AE)NGER|AUFTRAGGEBER|BEGUNSTIGDE|BÉNÉFICIAIRE|BENEFICIAIRE|ORIG\s+CO\s+NAME)\s*:\s*(.+?)(?=\s+(?:OMSCHRIJVING|IBAN|BIC|KENMERK|MACHTIGING|REF(?:ERENCE)?|VERWENDUNGSZWECK|ORIG\s+ID|MOTIF)\s*:|\s+(?:ORIG\s+ID|DESC\s+DATE)\b|$)/;

// ---------------------------------------------------------------------------------------
// 5. Brands whose descriptor is the brand plus a reference: the whole payee is the brand.

const BRANDS: [RegExp, string][] = [
  [/^AMZN\s*MKTP(?:LACE)?\b/, "Amazon Marketplace"],
  [/^AMAZON\s*MKTPL(?:ACE)?\b/, "Amazon Marketplace"],
  [/^AMAZON\s+MARKETPLACE\b/, "Amazon Marketplace"],
  [/^(?:AMZN\s+DIGITAL|AMAZON\s+DIGITAL)\b/, "Amazon Digital"],
  [/^(?:AMZN\.COM|AMAZON\.COM|AMAZON\.CO\.UK|AMAZON\.DE|AMAZON\.FR|AMZN\s+RETAIL|AMAZON\s+RETAIL|AMZ\*)/, "Amazon"],
  [/^(?:AWS|AMAZON\s+WEB\s+SERVICES)\b/, "Amazon Web Services"],
  [/^GOOGLE\s*\*\s*(?:GSUITE|G\s+SUITE|WORKSPACE)/, "Google Workspace"],
  [/^GOOGLE\s*\*\s*ADS/, "Google Ads"],
  [/^GOOGLE\s*\*\s*CLOUD/, "Google Cloud"],
  [/^(?:MSFT|MICROSOFT)\s*\*\s*ADVERTISING/, "Microsoft Advertising"],
  [/^(?:MSFT|MICROSOFT)\s*\*/, "Microsoft"],
  [/^(?:FACEBK|FB\s*\*?\s*ADS|META\s*\*?\s*ADS|FACEBOOK\s+ADS)\b/, "Facebook Ads"],
  [/^APPLE\.COM\/BILL/, "Apple"],
  [/^(?:UBER\s*\*\s*EATS|UBER\s+EATS)/, "Uber Eats"],
  [/^UBER\s*(?:\*|\b)/, "Uber"],
  [/^LYFT\s*(?:\*|\b)/, "Lyft"],
];

/** One test for all of them: most lines name none, and skip the sixteen. */
const ANY_BRAND = new RegExp(BRANDS.map(([r]) => `(?:${r.source})`).join("|"));

// ---------------------------------------------------------------------------------------
// 3. The metadata tail: from the first of these keys on, the text is references, not names.

const TAIL_KEYS =
  /(?:\s:\s|\s\/?(?:RATE\b|IBAN\b|BIC\b|FOR\s+["“]|REF(?:ERENCE)?\b|REF\s*NO\b|EREF\b|MREF\b|CRED\b|KREF\b|SVWZ\+|ABWA\+|EREF\+|KREF\+|MREF\+|CRED\+|END-?TO-?END\b|MANDAT(?:E|SREF|SREFERENZ)?\b|GLÄUBIGER|GLAEUBIGER|DES:|INDN:|ID:|ORIG\s+ID\b|CO\s+ID\b|PPD\s+ID\b|WEB\s+ID\b|CCD\b|PPD\b|TRACE\b|TRACE#|CONF(?:IRMATION)?\b|CONF#|AUTH(?:ORI[SZ]ATION)?\s*(?:CODE|NO|#)|TRN\b|TXN\b|DESC\s+DATE\b|SEC:|EED:|IND\s+ID\b|IND\s+NAME\b|RRN\b|ARN\b|MOTIF\b|ID\s+EMETTEUR\b|LIBELLE\b|NOTPROVIDED\b|VIA\s+(?:PAYPAL|STRIPE|APPLE\s+PAY|GOOGLE\s+PAY)\b|INV(?:OICE)?\b|RECHNUNG\b|RECHNUNGSNR\b|FACTURE\b|FACTUUR\b|KUNDENNR\b|KD-?NR\b|VERTRAGSNR\b|ORDER\b|BESTELLUNG\b|ON\s+\d|ON\s+(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\b|DATE\s*:?\s*\d|VALUE\s+DATE\b|CARD\s+(?:ENDING|NO\b|NUMBER\b|#|\d|X)))/;

// ---------------------------------------------------------------------------------------
// 4. Noise anywhere. Each match becomes a marker (¤): step 6 cuts the name at the first one.

const MONTHS_EN = "JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?";
const MONTHS_OTHER = "JANVIER|FEVRIER|FÉVRIER|MARS|AVRIL|MAI|JUIN|JUILLET|AOUT|AOÛT|SEPTEMBRE|OCTOBRE|NOVEMBRE|DECEMBRE|DÉCEMBRE|JANUAR|FEBRUAR|MÄRZ|MAERZ|JUNI|JULI|OKTOBER|DEZEMBER";
const MONTH = `(?:${MONTHS_EN}|${MONTHS_OTHER})`;
const MARK = " ¤ ";

const DAY_OR_MONTH = "(?:[0-2]?\\d|3[01])";

/** A month name on its own at the end, before a marker or a number ("… MARCH 2026" is cut by the date patterns). */
const MONTH_ALONE = new RegExp(`\\b(?:${MONTHS_EN.replace("|MAY", "")}|${MONTHS_OTHER})\\b(?=\\s*(?:$|¤|\\d))`, "g");

/**
 * What each noise pattern cannot match without, tested once on the text before any is
 * replaced: most bank lines have no month name, colon, currency sign or masked card, and
 * skipping a pattern is cheaper than scanning for it (this runs for every imported row). A
 * guard holds for the text as it is after earlier replacements too: these only cut text out
 * and put " ¤ " in its place, and every guard is a run of characters without a space or "¤",
 * so a run in the replaced text was a run in the original.
 */
const GUARD = {
  currencyCode: /USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|NZD/,
  currencySign: /[$£€]/,
  fourDigits: /\d{4}/,
  maskPair: /[X*]{2}/,
  card: "CARD",
  dateSeparator: /\d[/.-]\d/,
  month: new RegExp(MONTH),
  colon: ":",
  hourMark: /\dH\d/,
  plus: "+",
  hash: "#",
  labelledNumber: /(?:NR|TID|MID)[.:]/,
} satisfies Record<string, RegExp | string>;
type Guard = keyof typeof GUARD;

export const NOISE: [RegExp, Guard | null][] = [
  // Amounts echoed in the description (before dates: "41.16 GBP" is not the 41st of a month).
  [/\b(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|NZD)\s?\d+(?:[.,]\d{2})?\b/g, "currencyCode"],
  [/(?:[$£€]\s?)\d+(?:[.,]\d{2})?\b/g, "currencySign"],
  [/\b\d+(?:[.,]\d{2})\s?(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|NZD)\b/g, "currencyCode"],
  // Card numbers: full, masked (XXXX XXXX XXXX 1234, ************1234, 123456XXXXXX1234).
  [/\b(?:\d{4}[\s-]){3}\d{4}\b/g, "fourDigits"],
  [/\b\d{4,6}[X*]{4,8}\d{4}\b/g, "fourDigits"],
  [/(?:\b|(?<=\s))(?:[X*]{2,}[\s-]?){1,4}\d{2,4}\b/g, "maskPair"],
  [/\bCARD\s*(?:NO\.?|NUMBER|ENDING(?:\s+IN)?|#)?\s*[X*]*\d{4}\b/g, "card"],
  [/\bCD\s+\d{4}\b/g, "fourDigits"],
  // Dates: 2026-03-04, 04/03/2026, 04.03.26, 04/03, 12MAR26, 12 MAR 2026, MAR 12, MARCH 2026.
  [/\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?\b/g, "fourDigits"],
  [new RegExp(`\\b${DAY_OR_MONTH}[/.-]${DAY_OR_MONTH}(?:[/.-](?:\\d{4}|\\d{2}))?\\b`, "g"), "dateSeparator"],
  [new RegExp(`\\b\\d{1,2}\\s?(?:${MONTH})\\.?(?:\\s?\\d{2,4})?\\b`, "g"), "month"],
  [new RegExp(`\\b(?:${MONTH})\\.?\\s?\\d{1,2}(?:(?:,\\s?|\\s)\\d{4})?\\b`, "g"), "month"],
  [MONTH_ALONE, "month"],
  // Times: 14:32, 14:32:05, 2:15PM, 14H32.
  [/\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]\.?M\.?)?\b/g, "colon"],
  [/\b\d{1,2}H\d{2}\b/g, "hourMark"],
  // Phone numbers (card descriptors carry the merchant's): 866-579-7172, +44 20 7946 0000, (800) 555-0199.
  [/(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g, "fourDigits"],
  [/\+\d{1,3}(?:[\s-]?\d{2,4}){2,4}\b/g, "plus"],
  // Store, terminal and branch numbers: #1234, STORE 0423, STR 12, NO. 88, TID 12345678, NR:12AB34.
  [/(?:^|\s)(?:STORE|STR|BRANCH|LOC(?:ATION)?|UNIT|TERMINAL|TERM|TID|MID|SHOP|NO|NR|NUM|N°|FILIALE|FIL|MAGASIN|PASNR)[.:]?\s*#?\s*[A-Z0-9]*\d[A-Z0-9]*\b/g, null],
  [/#\s*[A-Z0-9-]*\d[A-Z0-9-]*/g, "hash"],
  [/(?:^|\s)(?:NR|PASNR|TID|MID)[.:]\s*[A-Z0-9]+\b/g, "labelledNumber"],
];

// ---------------------------------------------------------------------------------------
// 7. Locations, legal forms, channel words (stripped from the end).

const REGION_CODES = new Set(
  (
    // US states and DC; Canadian provinces; Australian states.
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC " +
    "AB BC MB NB NL NS NT NU ON PE QC SK YT NSW VIC QLD TAS ACT " +
    // ISO 3166 alpha-2 and alpha-3 codes of the countries our users bank in most.
    "US GB UK DE FR NL IE ES IT PT BE AT CH SE DK NO FI PL AU NZ SG HK JP LU CZ " +
    "USA GBR DEU FRA NLD IRL ESP ITA PRT BEL AUT CHE SWE DNK NOR FIN POL AUS NZL CAN SGP HKG JPN LUX CZE"
  ).split(" "),
);

// Only multi-word country names: single-word ones end brand names ("AIR FRANCE", "AIR CANADA",
// "TELEKOM DEUTSCHLAND") more often than they end a card descriptor.
const COUNTRY_NAMES = ["UNITED KINGDOM", "UNITED STATES", "GREAT BRITAIN", "NEW ZEALAND"];

const CITIES = [
  // United States
  "NEW YORK", "NEW YORK CITY", "NYC", "BROOKLYN", "SAN FRANCISCO", "SAN JOSE", "SAN DIEGO", "LOS ANGELES", "SEATTLE", "PORTLAND",
  "CHICAGO", "BOSTON", "AUSTIN", "DALLAS", "HOUSTON", "DENVER", "MIAMI", "ATLANTA", "PHOENIX", "PHILADELPHIA", "WASHINGTON",
  "OAKLAND", "BERKELEY", "PALO ALTO", "MOUNTAIN VIEW", "SUNNYVALE", "SANTA MONICA", "LAS VEGAS", "MINNEAPOLIS", "DETROIT",
  "NASHVILLE", "CHARLOTTE", "SALT LAKE CITY", "SAN ANTONIO", "ORLANDO", "TAMPA", "PITTSBURGH", "COLUMBUS", "BALTIMORE",
  "SACRAMENTO", "BOULDER", "CAMBRIDGE", "SOMERVILLE", "JERSEY CITY", "NEWARK", "RALEIGH", "MADISON", "ST LOUIS", "KANSAS CITY",
  // United Kingdom and Ireland
  "LONDON", "MANCHESTER", "BIRMINGHAM", "LEEDS", "GLASGOW", "EDINBURGH", "BRISTOL", "LIVERPOOL", "SHEFFIELD", "CARDIFF",
  "BELFAST", "NOTTINGHAM", "NEWCASTLE", "LEICESTER", "BRIGHTON", "OXFORD", "READING", "MILTON KEYNES", "SOUTHAMPTON", "YORK",
  "DUBLIN", "CORK", "GALWAY", "LIMERICK",
  // Europe
  "BERLIN", "HAMBURG", "MUENCHEN", "MÜNCHEN", "MUNCHEN", "MUNICH", "KOELN", "KÖLN", "KOLN", "COLOGNE", "FRANKFURT", "FRANKFURT AM MAIN",
  "STUTTGART", "DUESSELDORF", "DÜSSELDORF", "DUSSELDORF", "LEIPZIG", "DRESDEN", "HANNOVER", "NUERNBERG", "NÜRNBERG", "BREMEN", "ESSEN", "DORTMUND",
  "PARIS", "LYON", "MARSEILLE", "TOULOUSE", "NICE", "NANTES", "BORDEAUX", "LILLE", "STRASBOURG", "MONTPELLIER", "RENNES",
  "AMSTERDAM", "ROTTERDAM", "UTRECHT", "DEN HAAG", "THE HAGUE", "EINDHOVEN", "GRONINGEN",
  "MADRID", "BARCELONA", "VALENCIA", "SEVILLA", "MALAGA", "LISBOA", "LISBON", "PORTO", "ROMA", "ROME", "MILANO", "MILAN", "TORINO",
  "BRUSSELS", "BRUXELLES", "BRUSSEL", "ANTWERPEN", "GENT", "ZURICH", "ZÜRICH", "GENEVE", "GENÈVE", "GENEVA", "BASEL", "BERN",
  "WIEN", "VIENNA", "STOCKHOLM", "COPENHAGEN", "KOBENHAVN", "KØBENHAVN", "OSLO", "HELSINKI", "WARSZAWA", "WARSAW", "PRAHA", "PRAGUE",
  // Australia, New Zealand, Canada, Asia
  "SYDNEY", "MELBOURNE", "BRISBANE", "PERTH", "ADELAIDE", "CANBERRA", "HOBART", "AUCKLAND", "WELLINGTON", "CHRISTCHURCH",
  "TORONTO", "VANCOUVER", "MONTREAL", "MONTRÉAL", "CALGARY", "OTTAWA", "EDMONTON", "WINNIPEG", "SINGAPORE", "HONG KONG", "TOKYO",
];

/** Place names, longest first, as token arrays. */
const PLACES: string[][] = [...new Set([...CITIES, ...COUNTRY_NAMES])].map((p) => p.split(" ")).sort((a, b) => b.length - a.length);

// ---------------------------------------------------------------------------------------
// 7 (cont.). Legal forms and dangling words.

/** Compared without dots: "N.V." and "NV" alike. */
const LEGAL_FORMS = new Set("LTD LIMITED LLC INC CORP CORPORATION PLC GMBH AG KG UG OHG EK SARL SAS SA BV NV PTY CO COMPANY LLP LP SRL SPA AB AS OY APS".split(" "));
const isLegalForm = (token: string) => LEGAL_FORMS.has(token.replace(/\./g, ""));
const DANGLING = new Set(["ON", "AT", "TO", "FROM", "VIA", "FOR", "REF", "BY", "PER", "-", "&", "/", ":", "VON", "AN", "DE", "À", "A", "NAAR", "VAN", "¤", "*"]);

// ---------------------------------------------------------------------------------------
// 8. Title case.

const ACRONYMS = new Set(
  "AWS BDO POS HMRC IRS UPS USPS DHL ATM EDF BT EE ADP UK USA EU IBM HP KFC BP TFL NHS DVLA HSBC RBS TSB ATT IKEA GMBH SNCF RATP DB BVG KLM TNT GLS DPD IRS DMV EDD CRA ATO VAT GST HST PAYE NI NIC QBO BMW VW OVH XL CVS SAP HRMC LLC CPA ICO".split(
    " ",
  ),
);
const LOWER_WORDS = new Set(["OF", "AND", "THE", "FOR", "IN", "AT", "ON", "DE", "DU", "LA", "LE", "DES", "ET", "UND", "AN", "VON", "DER", "DIE", "VAN", "DEN", "EN", "Y"]);
/** Legal forms that come first (French): "SARL DUPONT ET FILS". */
const LEADING_LEGAL_FORMS = new Set(["SARL", "SAS", "SASU", "EURL", "SCI", "STE", "SOCIETE", "SOCIÉTÉ"]);

// ---------------------------------------------------------------------------------------

/** All prefixes as one anchored alternation: most texts start with none, and one test says so. */
const ANY_PREFIX = new RegExp(PREFIXES.map((r) => `(?:${r.source})`).join("|"), "u");

function stripPrefixes(text: string): string {
  if (!ANY_PREFIX.test(text)) return text;
  let current = text;
  // Bounded: each pass removes at least one character, and descriptors stack few prefixes.
  for (let pass = 0; pass < 8; pass++) {
    let changed = false;
    for (const prefix of PREFIXES) {
      const m = prefix.exec(current);
      if (!m || m[0].length === 0) continue;
      const rest = current.slice(m[0].length).replace(/^[\s:*\-/.,]+/, "");
      // Never strip down to nothing: "DIRECT DEBIT" alone is all the bank said.
      if (!/[\p{L}]/u.test(rest) || BANK_LINE_REST.test(rest)) continue;
      current = rest;
      changed = true;
      break;
    }
    if (!changed) break;
  }
  return current;
}

function cutTail(text: string): string {
  const m = TAIL_KEYS.exec(text);
  if (!m || !/\p{L}/u.test(text.slice(0, m.index))) return text;
  return text.slice(0, m.index);
}

/** The noise patterns in order, each with the index of its guard (−1: none) — guards tested are bits below. */
const GUARD_TESTS = Object.values(GUARD);
const NOISE_STEPS: [RegExp, number][] = NOISE.map(([pattern, guard]) => [pattern, guard === null ? -1 : Object.keys(GUARD).indexOf(guard)]);

export function removeNoise(text: string): string {
  let current = ` ${text} `;
  // Every noise pattern but the month alone needs a digit: a text without any skips them.
  if (!/\d/.test(text)) return GUARD.month.test(text) ? current.replace(MONTH_ALONE, MARK) : current;
  let tested = 0;
  let held = 0;
  for (const [pattern, guard] of NOISE_STEPS) {
    if (guard >= 0) {
      const bit = 1 << guard;
      if (!(tested & bit)) {
        tested |= bit;
        const test = GUARD_TESTS[guard]!;
        if (typeof test === "string" ? text.includes(test) : test.test(text)) held |= bit;
      }
      if (!(held & bit)) continue;
    }
    current = current.replace(pattern, MARK);
  }
  return current;
}

/** Words that remain after noise, with "¤" where noise was. */
function cleanTokens(text: string): string[] {
  let cleaned = text.replace(/[_|*]/g, " ");
  // Each of these only where it can match (they are the costly part of a common description).
  if (cleaned.includes("WWW.")) cleaned = cleaned.replace(/\bWWW\./g, "");
  if (cleaned.includes(".")) cleaned = cleaned.replace(/(\p{L})\.(?:COM|CO\.UK|NET|ORG|IO|DE|FR|NL|CO|AI|APP|EU|COM\.AU|CA)\b(?:\/\S*)?/gu, "$1");
  // "AIR0012345678901" (airline + ticket number) is a name and a number.
  if (/\d{6}/.test(cleaned)) cleaned = cleaned.replace(/\b(\p{L}{3,})(\d{6,})\b/gu, "$1 $2");
  // One pass (this runs for every imported row): trim, drop empties, mark references.
  const tokens: string[] = [];
  for (const raw of cleaned.split(/[\s,;]+/)) {
    // Letters and digits only (most tokens): nothing to trim.
    const t = /^[A-Z0-9]+$/.test(raw) ? raw : trimTokenEdges(raw);
    if (t.length > 0) tokens.push(isReferenceLike(t) ? "¤" : t);
  }
  return tokens;
}

const LEADING_JUNK = /^[^\p{L}\p{N}¤&]+/u;
const TRAILING_JUNK_CHARACTER = /^[^\p{L}\p{N}¤&'.]$/u;

/**
 * A token without the punctuation around it: what is not a letter, digit, ¤ or & before it;
 * after it, the same but for apostrophes and dots — then one final dot when nothing else
 * trailed. The end is scanned back character by character: as the pattern
 * `[^\p{L}\p{N}¤&'.]+$` it was quadratic (a 40,000-character "a!!!…!x" took a second).
 */
function trimTokenEdges(raw: string): string {
  const token = raw.replace(LEADING_JUNK, "");
  let end = token.length;
  while (end > 0) {
    let start = end - 1;
    const code = token.charCodeAt(start);
    if (code >= 0xdc00 && code <= 0xdfff && start > 0 && (token.charCodeAt(start - 1) & 0xfc00) === 0xd800) start--;
    if (!TRAILING_JUNK_CHARACTER.test(token.slice(start, end))) break;
    end = start;
  }
  if (end < token.length) return token.slice(0, end);
  return token.endsWith(".") ? token.slice(0, -1) : token;
}

/** Numbers and codes: store numbers, references, transaction ids ("0423", "ST-K2J8X9Q4", "P1A2B3C4"). */
function isReferenceLike(token: string): boolean {
  if (token === "¤") return true;
  if (/^\d[\d.,/-]*$/.test(token)) return true;
  let digits = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits === 0) return false;
  // Brand-like tokens with a digit stay: 7-ELEVEN, 3M, O2, 24HR, 1PASSWORD.
  if (/^\d{1,2}-?\p{L}{3,}$/u.test(token) || /^\p{L}\d$/u.test(token) || /^\d\p{L}$/u.test(token)) return false;
  if (digits >= 3) return true;
  return token.length >= 5;
}

const isMarker = (t: string) => t === "¤";
const realWords = (tokens: readonly string[]) => tokens.filter((t) => !isMarker(t));
/** How many of the tokens (from `from` on) are words, without building the list. */
function realWordCount(tokens: readonly string[], from = 0): number {
  let n = 0;
  for (let i = from; i < tokens.length; i++) if (!isMarker(tokens[i]!)) n++;
  return n;
}

/** Phrases by their last word (each list keeping the longest-first order): stripEnd looks up
 *  only the phrases that could end the text, not all two hundred. */
function byLastWord(phrases: readonly string[][]): Map<string, string[][]> {
  const index = new Map<string, string[][]>();
  for (const phrase of phrases) {
    const last = phrase[phrase.length - 1]!;
    const list = index.get(last);
    if (list) list.push(phrase);
    else index.set(last, [phrase]);
  }
  return index;
}
const CHANNEL_SUFFIXES_BY_LAST = byLastWord(CHANNEL_SUFFIXES);
const PLACES_BY_LAST = byLastWord(PLACES);

function endsWith(tokens: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length > tokens.length) return false;
  const tail = tokens.slice(tokens.length - phrase.length);
  return tail.every((t, i) => t.replace(/[.,]$/, "") === phrase[i]);
}

/**
 * The name ends at the first number or code after it ("TESCO STORES 3124 LONDON" → "TESCO
 * STORES"): what follows a store number, a date or a reference is a place, a payment text or
 * another reference. Leading numbers (dates, card numbers before the name) do not count.
 */
function cutAtFirstMarker(tokens: readonly string[]): string[] {
  const firstWord = tokens.findIndex((t) => !isMarker(t) && !DANGLING.has(t));
  if (firstWord < 0) return [...tokens];
  const marker = tokens.findIndex((t, i) => i > firstWord && isMarker(t));
  if (marker < 0) return [...tokens];
  // "… 0423 OAKLAND CA": the place after the store number goes with it. A place before the
  // first marker ("… BERLIN DE 2026-03-04") is left for stripEnd.
  return tokens.slice(0, marker);
}

/** A word the name does not start with (a marker, a dangling word, a leading legal form). */
function isLeadingWord(token: string): boolean {
  // At module level, not a closure in stripEnd: tsx names every closure it creates (esbuild's
  // keepNames), a property definition per call that cost 6% of normalizePayee (profiled).
  return isMarker(token) || DANGLING.has(token) || LEADING_LEGAL_FORMS.has(token);
}

/** Peels places, legal forms, channel words and dangling words off the end, until none is left. */
function stripEnd(tokens: readonly string[]): string[] {
  let current = [...tokens];
  for (let pass = 0; pass < 12; pass++) {
    while (current.length > 0 && isMarker(current[current.length - 1]!)) current.pop();
    const words = realWordCount(current);
    if (words <= 1) break;
    const last = current[current.length - 1]!;
    const lastWord = last.replace(/[.,]$/, "");
    if (REGION_CODES.has(lastWord) || DANGLING.has(last) || isLegalForm(last)) {
      current.pop();
      continue;
    }
    const channel = CHANNEL_SUFFIXES_BY_LAST.get(lastWord)?.find((phrase) => endsWith(current, phrase) && words > phrase.length);
    if (channel) {
      current = current.slice(0, current.length - channel.length);
      continue;
    }
    const place = PLACES_BY_LAST.get(lastWord)?.find((phrase) => endsWith(current, phrase) && words > phrase.length);
    if (place) {
      current = current.slice(0, current.length - place.length);
      continue;
    }
    break;
  }
  // Leading words go while a real word is left after them; counted down, not recounted per
  // word (a description of 40,000 "a"s took a second, quadratic).
  let start = 0;
  let realAfter = realWordCount(current, 1);
  while (current.length - start > 1 && isLeadingWord(current[start]!) && realAfter > 0) {
    start++;
    if (!isMarker(current[start]!)) realAfter--;
  }
  return realWords(start === 0 ? current : current.slice(start));
}

function titleWord(word: string, first: boolean): string {
  if (!first && LOWER_WORDS.has(word)) return word.toLowerCase();
  const bare = word.replace(/[^\p{L}]/gu, "");
  if (ACRONYMS.has(bare) || /^\p{L}&\p{L}+$/u.test(word) || /^\p{L}{1,2}&\p{L}{1,2}$/u.test(word)) return word;
  if (bare.length >= 3 && bare.length <= 4 && !/[AEIOUYÄÖÜÉÈÀ]/.test(bare)) return word;
  const lower = word.toLowerCase();
  // Plain words (most): capital first letter, no hyphens, slashes or "Mc" to look at.
  if (/^[a-z]+$/.test(lower) && !lower.startsWith("mc")) return lower[0]!.toUpperCase() + lower.slice(1);
  // Capitals after the start, a hyphen or a "Mc": Coca-Cola, 7-Eleven, McDonald's. Not after an apostrophe (Sainsbury's).
  return lower.replace(/(^|[-/])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase()).replace(/^Mc(\p{L})(?=\p{L}{2})/u, (_, ch: string) => `Mc${ch.toUpperCase()}`);
}

// Bank lines repeat the same words endlessly: each word's title case is worked out once (bounded).
const titled = [new BoundedCache<string, string>(5_000), new BoundedCache<string, string>(5_000)] as const;

function titleCase(tokens: string[]): string {
  let out = "";
  for (let i = 0; i < tokens.length; i++) {
    const cache = titled[i === 0 ? 0 : 1];
    const token = tokens[i]!;
    const word = cache.get(token) ?? cache.set(token, titleWord(token, i === 0));
    out = i === 0 ? word : `${out} ${word}`;
  }
  return out;
}

/**
 * The clean payee of a bank description. Empty only when the description has no letters.
 */
export function normalizePayee(description: string): string {
  // Plain ASCII (most bank lines) has nothing to compose and no Unicode dashes.
  const ascii = ASCII.test(description);
  let text = collapseWhitespace(ascii ? description.toUpperCase() : description.normalize("NFC").toUpperCase().replace(/[\u2010-\u2015]/g, "-")).trim();
  // (In printable ASCII the only letters are A–Z and a–z, and the plain class is the faster test.)
  if (!(ascii ? /[A-Za-z]/ : /\p{L}/u).test(text)) return "";

  // Formats that label the counterparty ("… NAAM: ENECO OMSCHRIJVING: …"): the label decides.
  // (Every label ends with a colon: most lines have none, and skip the scan.)
  const labelled = text.includes(":") ? LABELLED_NAME.exec(text) : null;
  if (labelled && /\p{L}/u.test(labelled[1]!)) text = labelled[1]!.trim();

  text = stripPrefixes(text);
  text = cutTail(text);
  text = removeNoise(text);
  // Dates and numbers may come before the name ("POS PURCHASE 0209 AMZN MKTP …").
  const named = stripPrefixes(text.replace(/^(?:[\s¤]|\d+(?=\s))+/, ""));
  if (ANY_BRAND.test(named)) for (const [brand, name] of BRANDS) if (brand.test(named)) return name;
  let tokens = cleanTokens(named);
  tokens = stripEnd(cutAtFirstMarker(tokens));
  if (tokens.length === 0) {
    // Everything looked like noise: fall back to the description's words, still without numbers.
    tokens = description
      .toUpperCase()
      .split(/\s+/)
      .map((t) => t.replace(/[^\p{L}&'-]/gu, ""))
      .filter((t) => t.length > 0);
  }
  return titleCase(tokens);
}

/** Words of a text: letters only, folded, ≥ 2 characters. */
export function descriptionWords(description: string): string[] {
  // ASCII: its letters are [A-Za-z] and whitespace separates like any other non-letter, so the
  // same words come from a plain split (no Unicode folding, no whitespace pass).
  if (ASCII.test(description)) return description.toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 2);
  return foldForMatching(description)
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 2);
}

/**
 * Bank-format metadata: a label and its value (trace numbers, mandate and creditor ids, the
 * account holder's own name, IBANs). Identical on every row of a format whatever was paid,
 * so as learning features they only add noise — and dozens of shared tokens make a naive
 * Bayes model wildly overconfident.
 */
const METADATA: RegExp[] = [
  /\bIND\s+NAME\s*:.*?(?=\s+TRN\b|$)/g,
  /\bINDN\s*:.*?(?=\s+CO\s+ID\b|$)/g,
  /\b(?:ORIG\s+ID|DESC\s+DATE|SEC|TRACE\s*#?|EED|IND\s+ID|TRN|CO\s+ID|ID|EREF|MREF|KREF|CRED|IBAN|BIC|MACHTIGING|INCASSANT|MDT|VALUE\s+DATE|CONF\s*#|REF\s+NUMBER|PASNR|PAS)\s*[:#/.]\s*\S+/g,
  /\bID\s+EMETTEUR\s*\/\s*\S+/g,
  /\b(?:ORIG\s+CO\s+NAME|CO\s+ENTRY\s+DESCR|DES|SVWZ|NAAM|OMSCHRIJVING|NR)\s*:/g,
  /\/(?:MOTIF|DE|A|REF)\b/g,
  /\bCARD\s+XX\d+/g,
  /\bMANDATE\s+NO\s+\d+/g,
];

const METADATA_HINT = /[:#/.]|CARD\s+XX\d|MANDATE\s+NO\s+\d/;

const PLACE_WORDS = new Set([...REGION_CODES, ...PLACES.flat(), ...LEGAL_FORMS].map((w) => foldForMatching(w)));

/**
 * The words of a description that say something about the payment: bank-format metadata,
 * places (the merchant's city and state) and legal forms removed.
 */
export function meaningfulWords(description: string): string[] {
  let text = (ASCII.test(description) ? description : description.normalize("NFC")).toUpperCase();
  // Every METADATA pattern needs one of these; most lines have none (and skip eight passes).
  if (METADATA_HINT.test(text)) for (const pattern of METADATA) text = text.replace(pattern, " ");
  return descriptionWords(text).filter((w) => !PLACE_WORDS.has(w));
}
