/**
 * The words of lines that are not transactions: opening/closing balance lines, totals,
 * pending markers and section titles, status values — and the facts a preamble states
 * (statement period, currency, opening/closing balance). Phrases are matched as whole words
 * on normalized text, so "Totally Fresh Ltd" is a payee, not a total.
 */
import { currencyCodeOf, parseAmountWithCurrency, type DecimalSeparator } from "../amount.ts";
import { parseDateParts, isoDate, type DateOrder } from "../dates.ts";
import { isKnownCurrency, type Decimal } from "../money.ts";
import { overdrawnBalance } from "./numbers.ts";
import { currencyNamedBy } from "../pdf/vocabulary.ts";

const PLACEHOLDER = /^\s*(?:[-–—]+|n\/a)\s*$/i;

/** A cell that says "nothing here" rather than being empty ("-", "N/A": an unused cheque number). */
export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}

export function normalizeText(text: string): string {
  return text
    .replace(/ß/g, "ss")
    .replace(/[øØ]/g, "o")
    .replace(/[æÆ]/g, "ae")
    .replace(/[łŁ]/g, "l")
    .replace(/[đĐ]/g, "d")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    // NFD splits a Hangul syllable into its letters (not marks): whole again, as phrases are written.
    .normalize("NFC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    // "S A L D O" → "saldo": letter-spaced labels of printed layouts.
    .replace(/\b(?:[a-z] ){2,}[a-z]\b/g, (m) => m.replace(/ /g, ""))
    .trim();
}

/** Phrases as normalizeText leaves text (it folds "й" to "и", as it strips every accent). */
function phrases(list: readonly string[]): RegExp {
  const escaped = list.map((p) => normalizeText(p).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ /g, "\\s*"));
  return new RegExp(`(?:^|[^a-z0-9])(?:${escaped.join("|")})(?![a-z])`);
}

const OPENING = phrases([
  // Thai ยอดยกมา (brought forward).
  "ยอดยกมา",
  "opening balance", "beginning balance", "starting balance", "start balance", "previous balance", "initial balance",
  "balance brought forward", "brought forward", "balance b/f", "b/f", "balance forward", "opening bal", "beginning bal",
  "previous statement balance", "balance at start", "balance at the start", "open balance",
  "anfangssaldo", "anfangsbestand", "alter kontostand", "alter saldo", "saldo alt", "startsaldo", "saldovortrag", "kontostand alt",
  "kontostand vor", "solde initial", "solde de depart", "solde precedent", "solde d'ouverture", "solde debut", "solde au debut",
  "solde anterieur", "ancien solde", "solde en debut", "beginsaldo", "oud saldo", "vorig saldo", "saldo inicial", "saldo anterior",
  "saldo iniziale", "saldo precedente", "saldo poczatkowe", "saldo otwarcia", "pocatecni zustatek", "pociatocny zostatok",
  "pocatecni stav", "pocatecni stav uctu", "ingaende saldo", "inngaende saldo", "indgaende saldo", "primo saldo", "alkusaldo", "saldo de abertura",
  // A Swedish or Norwegian general ledger's account opens with "Ingående balans" ("Inngående balanse").
  "ingaende balans", "inngaende balanse",
  "algsaldo", "perioodi algsaldo", "saldo awal", "sold anterior", "sold initial", "sold precedent",
  // Croatian, Slovenian, Bulgarian, Arabic.
  "pocetno stanje", "zacetno stanje", "начално салдо", "начален баланс", "الرصيد الافتتاحي", "الرصيد السابق",
  // Serbian, Croatian and Bosnian "Prethodno stanje" (previous balance), "Staro stanje" (old), in
  // Latin and Cyrillic letters; Slovenian "Prejšnje stanje".
  "prethodno stanje", "staro stanje", "stanje na pocetku", "prejsnje stanje", "претходно стање", "почетно стање", "старо стање",
  // Hungarian, Latvian, Lithuanian.
  "nyito egyenleg", "nyitoegyenleg", "sakuma atlikums", "pradinis likutis",
  // Italian with "contabile" between (Banco BPM).
  "saldo contabile iniziale",
  // A card bill's balance of the period before (Cembra's "Saldo Vorperiode"), Danish "Saldo fra sidste kontoudskrift".
  "saldo vorperiode", "saldo der vorperiode", "saldo letzte rechnung", "saldo vormonat", "saldo fra sidste kontoudskrift", "saldo fra forrige",
  // A Turkish card statement's debt of the period before (Akbank: "Önceki Dönem Borcu").
  "onceki donem borcu", "onceki ekstre borcu", "devreden borc",
  // Japanese, Chinese and Korean balances brought forward (Resona's 繰越残高).
  "繰越残高", "前月繰越", "前回残高", "期初余额", "上期余额", "期初餘額", "이월잔액", "전일잔액",
  // Vietnamese "Số dư đầu kỳ" (balance at the start of the period), "Số dư đầu".
  "so du dau ky", "so du dau",
  // Russian and Ukrainian: "Входящий остаток" (Halyk), "Остаток на начало периода", "Вхідний залишок",
  // "Залишок на початок періоду".
  "входящий остаток", "входящее сальдо", "входящий баланс", "остаток на начало", "сальдо на начало",
  "вхідний залишок", "вхідне сальдо", "залишок на початок", "сальдо на початок",
  // Georgian "საწყისი ნაშთი" (the balance at the start), "ნაშთი პერიოდის დასაწყისში".
  "საწყისი ნაშთი", "საწყისი ბალანსი", "ნაშთი პერიოდის დასაწყისში",
]);
const CLOSING = phrases([
  // Thai ยอดยกไป (carried forward).
  "ยอดยกไป",
  "closing balance", "ending balance", "end balance", "final balance", "new balance", "balance carried forward",
  "carried forward", "balance c/f", "c/f", "closing bal", "ending bal", "balance at end", "balance at the end",
  "endsaldo", "endbestand", "neuer kontostand", "neuer saldo", "saldo neu", "schlusssaldo", "kontostand neu", "solde final",
  "solde de cloture", "nouveau solde", "solde en fin", "solde a la fin", "solde fin", "eindsaldo", "nieuw saldo", "laatste saldo",
  "saldo final", "saldo finale", "saldo koncowe", "saldo zamkniecia", "konecny zustatek", "konecny zostatok", "konecny stav",
  "koncovy stav", "koncovy zustatek", "letzter kontostand", "aktueller kontostand", "saldo aktuell", "solde actuel",
  "utgaende saldo", "udgaende saldo", "ultimo saldo", "loppusaldo", "saldo de fecho", "saldo al cierre", "saldo de cierre",
  "utgaende balans", "utgaende balanse",
  "loppsaldo", "perioodi loppsaldo", "saldo akhir", "sold final",
  "zavrsno stanje", "koncno stanje", "крайно салдо", "краен баланс", "الرصيد الختامي", "الرصيد الحالي",
  // Serbian, Croatian and Bosnian "Novo stanje" (new balance), "Krajnje"/"Konačno stanje" (final), in
  // Latin and Cyrillic letters.
  "novo stanje", "krajnje stanje", "konacno stanje", "stanje na kraju", "ново стање", "завршно стање", "крајње стање", "коначно стање",
  "zaro egyenleg", "zaroegyenleg", "beigu atlikums", "galutinis likutis",
  // Belfius in French, "Dernier solde" (the Dutch interface's "Laatste saldo"); Banco BPM.
  "dernier solde", "saldo contabile finale",
  // A card statement's balance: Banco de Bogotá's "Nuevo saldo", BPI's "Statement Balance"; the
  // Spanish and Portuguese "saldo actual" (as "solde actuel"), "novo saldo", "saldo al corte".
  "nuevo saldo", "saldo nuevo", "saldo actual", "novo saldo", "saldo al corte", "statement balance",
  // A Turkish card statement's debt for the period ("Dönem Borcu").
  "donem borcu", "ekstre borcu",
  // Japanese, Chinese and Korean balances now (Resona's 現在残高).
  "現在残高", "期末余额", "本期余额", "期末餘額", "현재잔액", "최종잔액",
  // Vietnamese "Số dư cuối kỳ" (balance at the end of the period), "Số dư cuối".
  "so du cuoi ky", "so du cuoi",
  // Russian and Ukrainian: "Исходящий остаток" (Halyk), "Остаток на конец периода", "Вихідний залишок",
  // "Залишок на кінець періоду".
  "исходящий остаток", "исходящее сальдо", "исходящий баланс", "остаток на конец", "сальдо на конец",
  "вихідний залишок", "вихідне сальдо", "залишок на кінець", "сальдо на кінець",
  // Georgian "საბოლოო ნაშთი" (the balance at the end), "ნაშთი პერიოდის ბოლოს".
  "საბოლოო ნაშთი", "საბოლოო ბალანსი", "ნაშთი პერიოდის ბოლოს",
]);
const SUMMARY = phrases([
  "total", "totals", "subtotal", "sub-total", "sum", "summe", "gesamt", "gesamtsumme", "totaal", "totale", "razem",
  "suma", "celkem", "spolu", "somme", "number of transactions", "transaction count", "anzahl", "umsatze gesamt",
  // Counts of rows after the table (Mandiri's "Number of Debit"), not money.
  "number of", "no of", "count of", "debit count", "credit count",
  // A card statement's bill under its rows: what is due and by when, the limit — no row, and
  // never its balance ("Minimum Amount Due", "Total Amount Due", "Credit Limit").
  "amount due", "minimum due", "minimum payment", "payment due", "credit limit", "available credit",
  "saldo", "solde", "balance", "kontostand", "zustatek", "opening", "closing", "rulaj", "sold", "합계", "총계", "合計", "合计", "总计", "итого",
  // Vietnamese "Tổng số tiền ghi nợ" (total debits), Hebrew סה"כ and סך הכל, Thai รวม (total).
  "tong", "tong cong", 'סה"כ', "סהכ", "סך הכל", "รวม",
  // Croatian "Ukupno", Slovenian "Skupaj promet", Bulgarian "Общо", "Оборот", Arabic المجموع, الإجمالي.
  "ukupno", "skupaj", "общо", "оборот", "المجموع", "الاجمالي", "الإجمالي",
  // Turkish "Toplam Borç/Alacak".
  "toplam",
  // Greek "Σύνολα" (Eurobank), Danish/Norwegian "I alt", Finnish, Hungarian, Russian, Ukrainian,
  // Lithuanian, Latvian, Estonian, Indonesian/Malay and Swedish totals.
  "συνολα", "συνολο", "i alt", "yhteensa", "osszesen", "всего", "разом", "is viso", "kopa", "kokku", "jumlah", "summa",
  // Plurals of the Romance and Dutch totals (Itaú Uruguay's "TOTALES"): "total" alone stops at the word's end.
  "totales", "totaux", "totali", "totais", "totalen", "subtotales", "subtotaux", "subtotali", "summen",
  // Georgian "სულ" (in all), "ჯამი" (sum), "ბრუნვა" (turnover).
  "სულ", "ჯამი", "ბრუნვა",
]);
const PENDING = phrases([
  "pending", "unposted", "non contabilizzato", "non contabilizzata", "not booked", "nicht gebucht", "venter", "ventende", "not yet posted", "not posted", "authorized", "authorised", "authorization", "authorisation",
  "in process", "processing", "memo posted", "vorgemerkt", "vormerkung", "vorgemerkte", "ausstehend", "offen", "en attente",
  "en cours", "a venir", "in behandeling", "in afwachting", "pendiente", "pendientes", "en proceso", "in attesa",
  "in sospeso", "pend", "oczekujaca", "oczekujace", "oczekuje", "blokada", "nezauctovano", "rezervace", "pendente", "pendentes",
  "vantande", "reserverad", "reserverat", "afventer", "afventende", "reservert", "odottaa", "varaus",
  "autorizzato", "autorizzata", "autorizzazione", "autorise", "autorisee", "autorizado", "autorizada",
  // Croatian card reservations (Erste: "Rezervacije po karticama").
  "rezervacije", "rezervacija", "rezervirano",
  // Russian and Ukrainian: "В обработке" (in processing, Kaspi's status), awaiting confirmation.
  "в обработке", "обрабатывается", "в ожидании", "ожидает подтверждения", "в процессе", "в обробці", "обробляється", "очікує", "в очікуванні",
]);
const POSTED_SECTION = phrases([
  "posted", "booked", "cleared", "completed", "settled", "gebucht", "gebuchte", "comptabilise", "comptabilisees",
  "verwerkt", "geboekt", "contabilizado", "contabilizados", "contabilizzato", "zaksiegowane", "zauctovano", "bokforda",
  "bogforte", "kirjatut",
]);
/**
 * The whole label of a line that sums a period's money out or in (Swedbank's "Käive" rows, one
 * for D and one for K): a dated line with an amount, but no transaction. Whole labels only — a
 * dated row described as "Summe" may be a transaction (a payee of that name), a turnover is not.
 */
const TURNOVER = new RegExp(
  `^(?:${[
    "turnover", "debit turnover", "credit turnover", "total debits", "total credits", "kaive", "deebetkaive", "kreeditkaive",
    "apyvarta", "apgrozijums", "omsattning", "omsetning", "omsaetning", "mutasi kredit", "mutasi debet", "mutasi debit",
    // A general ledger's turnover of the period under an account's rows (Fortnox's and Visma's
    // Swedish "Omslutning", debits and credits side by side); the Danish and Norwegian reports'
    // movement of the period ("Periodens bevægelse", "Bevegelse").
    "omslutning", "periodens omslutning", "bevaegelse", "periodens bevaegelse", "bevegelse", "periodens bevegelse",
  ].join("|")})$`,
);
/** Status values of rows that never happened: not transactions, not pending. */
const VOID_STATUS = phrases([
  "declined", "failed", "reverted", "cancelled", "canceled", "rejected", "abgelehnt", "storniert", "fehlgeschlagen", "zuruckgewiesen",
  "annule", "annulee", "refuse", "refusee", "echoue", "echouee", "rechazado", "rechazada", "denegado", "denegada", "cancelado", "cancelada",
  "geweigerd", "mislukt", "geannuleerd", "rifiutato", "rifiutata", "annullato", "annullata", "recusado", "recusada", "odrzucona", "odrzucone",
  // Russian and Ukrainian: "Отменено" (cancelled), "Отклонено" (declined), "Скасовано", "Відхилено".
  "отменено", "отменена", "отменен", "отклонено", "отклонена", "отклонен", "скасовано", "скасована", "відхилено", "відхилена",
]);

export type BalanceKind = "opening" | "closing";

const OPENING_WORDS = /\b(opening|beginning|starting|start|begin|previous|initial|prior)\b[a-z ]{0,24}\b(balance|bal)\b/;
const CLOSING_WORDS = /\b(closing|ending|end|final|new)\b[a-z ]{0,24}\b(balance|bal)\b/;

/** Opening or closing, if the text names a balance line. */
/**
 * A day's closing balance among the rows ("Saldo do dia", "Tagessaldo", "Daily balance"): a
 * balance line, not a row; the reader takes it as a checkpoint of the running balance after the
 * day's rows (CsvStatementReader.dayBalanceLine), not as the statement's opening or closing.
 */
const DAILY_BALANCE = phrases([
  "saldo do dia", "saldo diario", "saldo del dia", "saldo giornaliero", "saldo dnia", "tagessaldo", "saldo per tag",
  "solde du jour", "solde journalier", "dagsaldo", "daily balance", "end of day balance", "closing balance for the day",
  // Itaú's "SALDO TOTAL DISPONÍVEL DIA" after each day's rows; Caixa's "SALDO DIA".
  "saldo dia", "saldo total dia", "saldo disponivel dia", "saldo total disponivel dia", "saldo final do dia",
]);

export function isDailyBalanceLabel(text: string): boolean {
  return DAILY_BALANCE.test(normalizeText(text));
}

export function balanceLineKind(text: string): BalanceKind | undefined {
  const t = normalizeText(text);
  if (OPENING.test(t) || OPENING_WORDS.test(t)) return "opening";
  if (CLOSING.test(t) || CLOSING_WORDS.test(t)) return "closing";
  return undefined;
}

const BARE_BALANCE = new Set([
  "balance", "saldo", "solde", "kontostand", "zustatek", "zostatok", "balans", "egyenleg", "ledger balance", "book balance",
  "account balance", "current balance", "available balance", "avail bal", "saldo contable", "saldo disponible", "saldo contabile",
  "saldo disponibile", "saldo contabilistico", "saldo disponivel", "kontosaldo", "bokfort saldo", "stav uctu", "saldo rachunku", "balance as of", "solde comptable",
  // Russian and Ukrainian: "Доступно на 01.03.25" (available on; Kaspi's preamble), "Остаток на …".
  "доступно", "доступныи остаток", "доступныи баланс", "остаток", "баланс", "залишок", "доступнии залишок",
  // Vietnamese "Số dư" (balance).
  "so du",
]);
const FILLER = /\b(as of|as at|per|am|vom|zum|au|du|al|del|de|on|at|op|per|k|na|dnia|z dne|the|des|der|den|im|in)\b/g;
/** Cyrillic fillers ("на", on): \b knows no Cyrillic letters. */
const CYRILLIC_FILLER = /(?<=^|\s)(?:на|за|по|станом на|по состоянию на)(?=\s|$)/g;

/**
 * A label that names a balance without saying which ("Kontostand 28.02.2026", "Solde au 01/01/2026",
 * "Ledger Balance : 85607.52 as of 20260131"): opening or closing is decided by its date or place.
 */
export function isBareBalanceLabel(text: string): boolean {
  const t = normalizeText(text.replace(DATE_TOKEN, " ").replace(/[-+(]?[$£€]?\s*\d[\d.,' \u00a0]*\)?/g, " "))
    // The currency in brackets after the label: "Solde (EUROS)", "Saldo (EUR)".
    .replace(/\(\s*([a-z]{3}|euros?|dollars?|pounds?|francs?|livres?|pesos?|reais|yen|kronor|kroner|kronur)\s*\)/g, (m, word: string) =>
      word.length === 3 && !isKnownCurrency(word) ? m : " ",
    )
    .replace(/\b[a-z]{3}\b$/i, (m) => (isKnownCurrency(m) ? "" : m))
    // Any currency's sign (₸, ₴, ₾ …), not only the euro, dollar and pound.
    .replace(/[\p{Sc}:#*=]/gu, " ")
    // The side the balance is on after it ("Solde au 31/10/2025 : 3 976,880 Créditeur"): see BALANCE_SIDE.
    .replace(BALANCE_SIDE_WORD, " ")
    .replace(FILLER, " ")
    .replace(CYRILLIC_FILLER, " ")
    .replace(/\s+/g, " ")
    .trim();
  return BARE_BALANCE.has(t);
}

/** "Available balance", "Saldo disponible": funds free to use, which holds and pending items move. */
export function isAvailableBalanceLabel(text: string): boolean {
  const t = normalizeText(text);
  return /\b(available|avail|disponible|disponibile|verfugbar|verfuegbar|beschikbaar|disponivel|dostepne|tillganglig|disponibelt)\b/.test(t) || /(?:^|\s)доступн/.test(t);
}

/** A line's whole label names the sum of a period's debits or credits ("Käive", "Turnover"). */
export function isTurnoverLabel(text: string): boolean {
  // A turnover label is words alone, and normalizing keeps digits: a digit anywhere (a
  // reference, a card number, a date) rules one out before the costly normalization, which
  // this runs on nearly every row's description (it was over half of reading a row).
  if (text.length > 40 || /\d/.test(text)) return false;
  return TURNOVER.test(normalizeText(text).replace(/[^\p{L}\p{N} ]+/gu, " ").replace(/\s+/g, " ").trim());
}

const EXCHANGE_RATE = phrases([
  "dolar de conversao", "cotacao do dolar", "cotacao", "cotizacion", "tipo de cambio", "taxa de cambio", "exchange rate", "conversion rate",
  "wechselkurs", "umrechnungskurs", "taux de change", "tasso di cambio", "wisselkoers",
]);

/** A label that names an exchange rate ("dólar de conversão", "Exchange rate"): a line of it states a rate, no money. */
export function namesExchangeRate(text: string): boolean {
  return EXCHANGE_RATE.test(normalizeText(text));
}

export function mentionsSummary(text: string): boolean {
  return SUMMARY.test(normalizeText(text));
}

export function mentionsPending(text: string): boolean {
  return PENDING.test(normalizeText(text));
}

/** A status column whose name asks whether a row is planned or pending (Consorsbank's "Umsatz
 *  geplant", Ja/Nein: a standing order's next run, dated ahead): its yes is pending. */
export function asksWhetherPending(columnName: string): boolean {
  return /\b(?:geplant|planned|scheduled|vorgemerkt|pending|ausstehend|programme|programmee|programado|programada)\b/.test(normalizeText(columnName));
}

const YES = /^(?:ja|yes|oui|si|j|y|x|1|true|wahr)$/;
const NO = /^(?:nein|no|non|n|0|false|falsch)$/;

/**
 * Pending, posted, or a row that did not happen (declined, reverted …), by a status cell; in a
 * column that asks whether the row is pending (asksWhetherPending), by its yes or no when it
 * says one.
 */
export function statusKind(text: string, asksPending = false): "pending" | "posted" | "void" {
  const t = normalizeText(text);
  if (asksPending && YES.test(t)) return "pending";
  if (asksPending && NO.test(t)) return "posted";
  if (t === "") return "posted";
  if (VOID_STATUS.test(t)) return "void";
  if (PENDING.test(t) || t === "p" || t === "n") return "pending";
  return "posted";
}

/** A line that opens a section of pending or of posted rows ("Pending transactions"). */
export function sectionKind(text: string): "pending" | "posted" | undefined {
  const t = normalizeText(text);
  if (t.length > 60) return undefined;
  if (PENDING.test(t)) return "pending";
  if (POSTED_SECTION.test(t)) return "posted";
  return undefined;
}

/** A leading marker like `PENDING`, `*PENDING*`, `[Pending]` in a description. */
export function hasPendingMarker(text: string): boolean {
  return /^\W*(pending|vorgemerkt|en attente|pendiente|in attesa|authori[sz]ed|authori[sz]ation)\b/i.test(text.trim());
}

// ---------------------------------------------------------------------------------------
// Preamble and footer facts

export interface LineFacts {
  period?: { from: string; to: string };
  balance?: { kind: BalanceKind; value: Decimal; currency?: string };
  /**
   * A balance whose kind depends on its date or position (see isBareBalanceLabel). `cell`: the
   * cell of its amount, when no label names it a balance (a date and one amount alone).
   */
  bareBalance?: { value: Decimal; date?: string; currency?: string; cell?: number };
  currency?: string;
  /** A line of period and balances only: "XXXX4410,2026/01/01,2026/01/31,59256.90,72661.33". */
  summary?: { opening: Decimal; closing: Decimal };
  /** A full date the line states (export date, "as of"), for resolving dates without a year. */
  dates: string[];
}

// \b knows no CJK or Cyrillic letters; a label may be spaced out to align ("币    种"). Vietnamese
// "Loại tiền" (kind of money), "Tiền tệ"; Greek, Armenian, Georgian, Hebrew, Arabic and Thai words
// as normalizeText leaves them (it strips the Thai vowel signs of สกุลเงิน).
const CURRENCY_LABEL = new RegExp(
  /\b(currency|curr|ccy|wahrung|waehrung|devise|moneda|divisa|valuta|waluta|mena|moeda|munt|valuutta|valuuta|mata uang|mynt|penznem|deviza|valiuta|doviz|doviz cinsi|para birimi|loai tien|tien te)\b|币 ?种|货 ?币|幣 ?別|通 ?貨|통 ?화|валют|عملة/.source +
    "|" + ["νομισμα", "արժույթ", "ვალუტა", "מטבע", "สกุลเงิน"].map(normalizeText).join("|"),
);

/**
 * Currencies by the names and abbreviations their own countries print after a currency's label
 * ("מטבע: ש\"ח", "מטבע: שקל חדש", "ვალუტა: ლარი", "Loại tiền: VNĐ"), as normalizeText leaves
 * them: only names that say one currency, each a whole word. Read on a line with a currency's
 * label only.
 */
const LOCAL_CURRENCY_NAMES: readonly [RegExp, string][] = (
  [
    [["ש\"ח", "ש״ח", "שקל חדש", "שקלים חדשים", "שקל", "שקלים"], "ILS"],
    [["ლარი", "лари"], "GEL"],
    [["vnd", "dong viet nam", "dong"], "VND"],
    [["บาท"], "THB"],
    [["тенге", "теңге"], "KZT"],
    [["төгрөг", "тугрик"], "MNT"],
    [["гривня", "гривні", "грн"], "UAH"],
    [["դրամ"], "AMD"],
  ] as const
).map(([names, code]) => [new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map((n) => normalizeText(n).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})(?![\\p{L}\\p{N}])`, "u"), code]);

function localCurrencyName(folded: string): string | undefined {
  return LOCAL_CURRENCY_NAMES.find(([name]) => name.test(folded))?.[1];
}
const DATE_TOKEN =
  /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}(?:\.?\s+|-)[A-Za-zÀ-ɏ]{3,9}\.?(?:,?\s+|-)\d{4}\b|\b[A-Za-zÀ-ɏ]{3,9}\.?\s+\d{1,2},?\s+\d{4}\b|\b\d{8}\b/g;

/** Full dates mentioned in a text, in order. */
export function datesIn(text: string, order: DateOrder): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(DATE_TOKEN)) {
    // The table's order first; a preamble may still be unambiguous the other way (12/15/2025).
    const p = parseDateParts(m[0], order) ?? parseDateParts(m[0], order === "day-first" ? "month-first" : "day-first");
    const iso = p && p.year !== undefined ? isoDate(p.year, p.month, p.day) : null;
    if (iso) found.push(iso);
  }
  return found;
}

/**
 * What one non-table line states. `cells` are the record's cells; the label is the text
 * cells, the value the last cell that reads as an amount.
 */
export function lineFacts(cells: readonly string[], order: DateOrder, decimalSeparator: DecimalSeparator): LineFacts {
  const text = cells.map((c) => c.trim()).filter((c) => c !== "").join(" ");
  const t = normalizeText(text);
  const dates = datesIn(text, order);
  const facts: LineFacts = { dates };
  if (dates.length === 2 && dates[0] < dates[1]) {
    facts.period = { from: dates[0], to: dates[1] };
    // "account, from, to, opening, closing" summary lines: two amounts after the period.
    const amounts = cells.map((c) => c.trim()).filter((c) => /\d[.,]\d{2}$/.test(c) && datesIn(c, order).length === 0);
    const words = t.split(" ").filter((w) => !/\d/.test(w));
    if (amounts.length === 2 && !words.some((w) => /[a-z]{4,}/.test(w))) {
      const [a, b] = amounts.map((c) => parseAmountWithCurrency(c, { decimalSeparator }));
      if (a && b) facts.summary = { opening: a.value, closing: b.value };
    }
  }

  const kind = balanceLineKind(t);
  if (kind) {
    const value = lastAmount(cells, decimalSeparator, text);
    if (value) facts.balance = { kind, ...value };
  } else if (isBareBalanceLabel(text)) {
    const value = lastAmount(cells, decimalSeparator, text);
    if (value) facts.bareBalance = { ...value, ...(dates[0] ? { date: dates.at(-1)! } : {}) };
  } else if (dates.length === 1) {
    // "Account name;****8472;31/01/2026;;76 892,62": a date and one amount, nothing else — the balance on that date.
    const amounts = cells.flatMap((c, cell) => (/\d[.,]\d{2}(?:\s?[€$£A-Z]{0,3})$/.test(c.trim()) && datesIn(c, order).length === 0 ? [cell] : []));
    if (amounts.length === 1) {
      const read = parseAmountWithCurrency(cells[amounts[0]!]!.trim(), { decimalSeparator });
      if (read) facts.bareBalance = { ...read, date: dates[0], cell: amounts[0]! };
    }
  }

  if (CURRENCY_LABEL.test(t)) {
    // An ISO code, else a name, symbol or old code a currency column may hold too ("[人民币]",
    // "RMB", "Kode Mata Uang : ,Rp"), else a currency in words, the line being its label and
    // name only ("Moneda: Peso Chileno").
    const code =
      [...text.matchAll(/\b([A-Z]{3})\b/g)].map((m) => m[1]).find(isKnownCurrency) ??
      [...text.matchAll(/[\p{L}\p{Sc}]+/gu)].map((m) => currencyCodeOf(m[0])).find((c) => c !== undefined) ??
      currencyNamedBy(t) ??
      localCurrencyName(t);
    if (code) facts.currency = code;
  }
  if (!facts.currency) {
    // A sentence stating the currency of every amount: "All amounts in USD, unless specified".
    const stated = AMOUNTS_IN.exec(t)?.[1]?.toUpperCase();
    if (stated && isKnownCurrency(stated)) facts.currency = stated;
  }
  return facts;
}

/**
 * "All amounts in USD", "Montants exprimés en EUR", "Beträge in CHF", "Importes en MXN", as normalizeText leaves them;
 * and a column's name over the header naming its currency so (Länsförsäkringar's title line "Belopp i SEK",
 * "Amount in EUR", "Betrag in EUR").
 */
const AMOUNTS_IN = /\b(?:amounts?|figures|montants?|betrage?|importes?|importo|valores|bedrag(?:en)?|belopp|belob|belop|kwoty)\b(?: (?:are|is|sont|sind|zijn|shown|stated|expressed|given|exprimes|expresados|expressos|angegeben|listed))* (?:in|en|em|w|i) ([a-z]{3})\b/;

const MONEY_TOKEN = /[-+(]?\s?(?:[A-Z]{3}\s?)?[$£€]?\s?(?<![\d.,])(?:\d{1,3}(?:[ ,.'\u00a0\u202f]\d{3})+|\d+)(?:[.,]\d{1,4})?\)?(?:\s?(?:CR|DR|[A-Z]{3}|€|£|\$))?(?![\d/])/g;

/** Money amounts in free text (dates removed first), as written. */
export function moneyTokensIn(text: string): string[] {
  return [...text.replace(DATE_TOKEN, " ").matchAll(MONEY_TOKEN)].map((m) => m[0].trim()).filter((m) => /\d[.,]\d{1,4}\b|\d{4,}|[$£€]/.test(m));
}

/**
 * The last amount in a line: a whole cell, or the number after a colon in a one-cell line. A
 * line that gives the balance in two currencies, each amount with its code in the cell after
 * it ("Начално салдо:;2 715,40;EUR;5 310,86;BGN"), gives the account's own first and its
 * counter-value after: the first is taken.
 */
function lastAmount(cells: readonly string[], decimalSeparator: DecimalSeparator, text: string): { value: Decimal; currency?: string } | undefined {
  const read = lastAmountAsPrinted(cells, decimalSeparator, text);
  // "3 456,789 Débiteur": a balance on the bank's side, overdrawn — below zero.
  if (read && !read.value.isNegative() && balanceSide(text) === "debit") return { ...read, value: read.value.neg() };
  return read;
}

/**
 * The side a balance is on, written after it in French: "Créditeur" (in the customer's favour)
 * or "Débiteur" (owed to the bank, overdrawn) — Amen Bank's "Solde au 01/10/2025 : 3 456,789
 * Créditeur". Only a word at the line's end, after the amount.
 */
const BALANCE_SIDE_WORDS = "crediteur|debiteur|creditrice|debitrice";
const BALANCE_SIDE_WORD = new RegExp(`\\b(?:${BALANCE_SIDE_WORDS})\\b`, "g");
const BALANCE_SIDE = new RegExp(`\\d[^\\p{L}]*\\b(${BALANCE_SIDE_WORDS})\\.?$`, "u");

export function balanceSide(text: string): "credit" | "debit" | undefined {
  const m = BALANCE_SIDE.exec(normalizeText(text));
  return m ? (m[1]!.startsWith("debit") ? "debit" : "credit") : undefined;
}

function lastAmountAsPrinted(cells: readonly string[], decimalSeparator: DecimalSeparator, text: string): { value: Decimal; currency?: string } | undefined {
  const coded: { value: Decimal; currency: string }[] = [];
  for (let i = 0; i + 1 < cells.length; i++) {
    const code = cells[i + 1]!.trim();
    if (!/^[A-Z]{3}$/.test(code) || !isKnownCurrency(code) || !/\d/.test(cells[i]!)) continue;
    const read = parseAmountWithCurrency(cells[i]!.trim(), { decimalSeparator });
    if (read) coded.push({ value: read.value, currency: code });
  }
  if (coded.length >= 2 && coded.some((c) => c.currency !== coded[0]!.currency)) return coded[0];
  for (let i = cells.length - 1; i >= 0; i--) {
    const cell = cells[i].trim();
    if (cell === "" || !/\d/.test(cell)) continue;
    // "1,866.42 OD": a balance overdrawn, below zero.
    const od = overdrawnBalance(cell);
    const read = parseAmountWithCurrency(od.text, { decimalSeparator });
    if (read && od.overdrawn && !read.value.isNegative()) return { ...read, value: read.value.neg() };
    if (read && !od.overdrawn && !/^\d{4}$/.test(cell)) return read;
    // "Opening balance: 1,234.56", "Solde au 31/01/2026 21 702,52 €", "Ledger Balance : 85607.52 as of 20260131".
    for (const token of moneyTokensIn(cell).reverse()) {
      const read = parseAmountWithCurrency(token, { decimalSeparator });
      if (read) return read;
    }
  }
  return undefined;
}
