/**
 * The words banks print around a transaction table, in English, German, French, Dutch and
 * Spanish (plus the most common Italian, Portuguese, Polish, Nordic, Baltic, Czech, Slovak,
 * Hungarian, Croatian, Serbian, Slovenian and Indonesian ones, and the column headers of Japanese,
 * Chinese, Korean, Russian and Turkish statements): column headers, balance lines,
 * totals, page furniture and the signs of a credit-card statement. Matching is on folded text
 * (lower case, accents removed), so "Libellé", "LIBELLE" and "libelle" are one word.
 */
import { trimCharacters } from "../text.ts";
import { KNOWN_CURRENCIES, currencyExponent } from "../money.ts";

/** Text that folds by lower-casing alone: printable ASCII, single spaces, none at either end
 *  (nearly every word and line of an English statement; NFD is the costly part of folding). */
const NEEDS_FULL_FOLD = /[^\x20-\x7e]| {2}|^ | $/;

/** Lower case, accents removed, runs of whitespace collapsed; Greek final sigma as σ, so that a
 *  word matches however its last letter came out (lower-casing makes Σ a ς only where it ends a
 *  word; fonts without ς print σ). Thai loses its vowel and tone marks as other scripts lose their
 *  accents (a PDF's text often orders them apart from how they were typed), and its sara am (ำ:
 *  the mark nikhahit and the vowel า, as a font may draw and a PDF's text map it, "ำา") is the
 *  vowel alone. */
export function fold(text: string): string {
  if (!NEEDS_FULL_FOLD.test(text)) return text.toLowerCase();
  return text
    .normalize("NFD")
    .replace(/\u0e33\u0e32?/g, "\u0e32")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ς/g, "σ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Where a word starts, in a pattern that may hold Greek words: `\b` knows only ASCII letters
 *  (before a Greek word it finds no edge at all). */
const WORD_START = "(?<![\\wα-ω])";

/** Greek phrases inside the line patterns below: folded as the lines are, with edges of their own. */
function greek(phrases: string): string {
  return `${WORD_START}(?:${fold(phrases)})(?![\\wα-ω])`;
}

/** Icelandic phrases inside the line patterns below, with edges of their own: ð, þ and æ, which
 *  folding keeps, are no word characters to `\b` ("Upphafsstaða" ends in one). */
function icelandic(phrases: string): string {
  return `(?<![\\wðþæ])(?:${fold(phrases)})(?![\\wðþæ])`;
}

/** Thai phrases inside the line patterns below, folded as the lines are (their marks removed): no
 *  edges, as Thai writes its words without spaces between them (and `\b` knows no Thai letter). */
function thai(phrases: string): string {
  return `(?:${fold(phrases)})`;
}

/** Cyrillic phrases inside the line patterns below (Bulgarian, Serbian, Ukrainian, Russian,
 *  Kazakh, Mongolian), with edges of their own as Greek ones have: every letter of the Cyrillic
 *  block, beyond а-я too (і, ї, є, ґ; ј, љ, њ, ћ, ђ, џ; Kazakh ң, қ, ұ; Mongolian ү, ө). */
function cyrillic(phrases: string): string {
  return `(?<![\\wЀ-ӿ])(?:${fold(phrases)})(?![\\wЀ-ӿ])`;
}

/** Georgian phrases inside the line patterns below, with edges of their own: `\b` knows no
 *  Georgian letter (Mkhedruli, U+10D0–U+10FF). */
function georgian(phrases: string): string {
  return `(?<![\\wა-ჿ])(?:${fold(phrases)})(?![\\wა-ჿ])`;
}

/** `foreignAmount`: the amount in the currency it was spent in ("USD 45,00"), beside the amount
 *  in the account's currency that the ledger takes (card statements); its text joins the description. */
export type ColumnRole = "date" | "valueDate" | "description" | "debit" | "credit" | "amount" | "foreignAmount" | "balance";

export const NUMERIC_ROLES: ReadonlySet<ColumnRole> = new Set(["debit", "credit", "amount", "foreignAmount", "balance"]);

/** Header phrases (folded) by the column they name. Longer phrases win over their parts. */
const HEADER_PHRASES: Record<ColumnRole, string[]> = {
  date: [
    "date", "dates", "posting date", "post date", "transaction date", "trans date", "trans. date", "tran date", "booking date",
    "entry date", "processed date", "date processed", "processed", "processing date", "date of processing", "process date", "transaction posted date", "completion time", "date posted", "posted", "day", "date paid", "paid date", "date of transaction", "date of trans", "posted date", "date entered", "entered date", "date entered on account", "entered on account",
    "datum", "buchungstag", "buchungsdatum", "verbuchungsdatum", "buchung/wert", "buchungstag/wert", "buchung/valuta", "buchungstag/valuta", "belegdatum", "transaktionsdatum", "umsatzdatum", "buchung", "bu-tag", "butag", "bu.tag", "bu.-tag", "bu. tag", "tag",
    "date operation", "date d'operation", "date de l'operation", "date oper", "date ope",
    "boekdatum", "transactiedatum", "boekingsdatum",
    // The same names in two words, as a header stacks them ("Datum" over "transactie", "Datum" over
    // "verwerking", the day a card's purchase was processed: ICS).
    "datum transactie", "datum verwerking", "datum boeking",
    "fecha", "fecha operacion", "f. operacion", "fecha oper", "f. oper", "data", "data operazione", "data movimento", "data contabile", "data registrazione", "sale date",
    "f.oper", "f.oper.", "f.operacion", "data mov", "data mov.", "data movimento", "data lancamento",
    "dt. movimento", "dt movimento", "dt. mov.", "dt. lancamento", "data do movimento", "dt. balancete",
    "data operacji", "data ksiegowania", "bokforingsdag", "bokforingsdatum", "reskontradatum", "transaktionsdag", "dato", "bogfort", "bogført", "bokfort", "bokført",
    "datum zauctovani", "datum transakce", "datum provedeni", "datum pohybu", "konyveles datuma", "konyvelesi datum", "tranzakcio datuma", "terheles datuma",
    "kirjauspaiva", "kirjauspvm", "tapahtumapaiva", "data tranzactiei", "data operatiunii",
    // Japanese, Chinese, Korean, Russian, Turkish.
    "日付", "取引日", "お取引日", "年月日", "ご利用日", "交易日期", "日期", "记账日期", "记账日", "交易日", "거래일자", "거래일", "일자", "거래일시", "дата", "дата операции", "дата на транзакция", "дата на транзакцията", "дата на операция", "дата на операцията", "дата на осчетоводяване", "дата проводки", "tarih", "işlem tarihi",
    // Croatian, Serbian, Bosnian (Latin script).
    "datum knjizenja", "datum transakcije", "datum izvrsenja",
    // Serbian Cyrillic (Датум трансакције beside Датум књижења, the booking date; "Књижење" alone over
    // it), Latin "Datum promene"; Ukrainian (Дата операції beside Дата проведення, or "Проведено"
    // alone: posted; "Дата і час операції": monobank) and Russian "Дата проведения".
    "датум", "датум трансакције", "датум књижења", "књижење", "датум промене", "datum promene", "knjizenje",
    "дата операції", "дата проведення", "проведено", "дата транзакції", "дата і час операції", "дата та час операції", "дата обробки", "дата списання", "дата проведения",
    // Indonesian (Tanggal: BCA; Tanggal Transaksi, "Tgl. Transaksi"), Estonian (Kuupäev), Latvian (Datums),
    // Slovak (Dátum zaúčtovania: booked, beside Dátum valuty; the card's Dátum transakcie).
    // Chinese in traditional characters (Taiwan, Hong Kong) and the posting date's other names: the day
    // the bank booked the row (帳務日期: E.SUN; 記帳日期, 入帳日期, 入账日期), beside the day of the transaction (交易日期).
    "帳務日期", "帐务日期", "账务日期", "記帳日期", "记帐日期", "記賬日期", "入帳日期", "入账日期", "過帳日期", "帳務日",
    "tanggal", "tanggal transaksi", "tgl transaksi", "kuupaev", "datums", "datum zauctovania", "datum transakcie",
    // Lithuanian: the operation's date (Operacijos data), the day it was credited or booked
    // (Įskaitymo data, Įrašo data); Latvian: the transaction's (Darījuma datums), the booking's
    // (Grāmatošanas datums); Estonian: the booking date (Kande kuupäev, Tehingu kuupäev).
    "operacijos data", "iskaitymo data", "iraso data", "darijuma datums", "gramatosanas datums", "operacijas datums", "kande kuupaev", "tehingu kuupaev",
    // Greek.
    "ημ/νια", "ημερομηνια", "ημ/νια συναλλαγης", "ημερομηνια συναλλαγης", "ημ/νια καταχωρησης",
    // A brokerage's trades settle (the cash moves) on their settlement date; a check is written on
    // one day and clears (is paid from the account) on another: "Date Written | Check Number |
    // Date Cleared" (Merrill's Checks Written). Of two, the one settled or cleared is the ledger's
    // (table.ts, namesPostingDate).
    "settlement date", "settle date", "date settled", "date written", "written date", "date cleared", "cleared date",
    // Icelandic: the date (Dagsetning, "Dags."), the day it was booked (Bókunardagur) or made (Færsludagur).
    "dagsetning", "dags", "bokunardagur", "bokunardags", "færsludagur", "færsludags",
    // Kazakh (Күні: its day; Операция күні); Mongolian (Огноо; Гүйлгээний огноо, the transaction's
    // date, stacked over two lines at Khan Bank); Georgian (თარიღი; ოპერაციის თარიღი, the operation's).
    "күні", "операция күні", "огноо", "гүйлгээний огноо", "гүйлгээ хийсэн огноо", "თარიღი", "ოპერაციის თარიღი", "ტრანზაქციის თარიღი",
    // Thai: the date (วันที่), the transaction's (วันที่ทำรายการ), its date and time (วันที่/เวลา, วัน/เวลา),
    // the day it was booked (วันที่บันทึกรายการ). Vietnamese: the transaction's date (Ngày giao dịch,
    // "Ngày GD"), the day it was booked (Ngày hạch toán, Ngày ghi sổ) or made (Ngày thực hiện), the date alone (Ngày).
    "วันที่", "วันที่ทำรายการ", "วันที่รายการ", "วันที่/เวลา", "วัน/เวลา", "วันเวลา", "วันที่บันทึกรายการ", "วันที่บันทึกบัญชี",
    "ngày", "ngày giao dịch", "ngày gd", "ngày hạch toán", "ngày ghi sổ", "ngày thực hiện", "ngày giờ giao dịch", "ngày/giờ giao dịch", "ngày giao dịch/ngày hiệu lực",
  ],
  valueDate: [
    "value date", "value dt", "value", "val. date", "effective date",
    "wert", "valuta", "wertstellung", "valutadatum", "wertst.",
    "date valeur", "date de valeur", "valeur", "val.",
    "rentedatum",
    "fecha valor", "f. valor", "data valuta", "f.valor", "data valor", "data waluty", "valutadag", "valor dato", "rentedato",
    "datum valuty", "datum valute", "erteknap", "ertek nap", "arvopaiva", "arvopvm", "fecha liquidacion", "f. liq",
    "ημ/νια αξιας", "ημερομηνια αξιας", "αξια",
    // Icelandic: the interest day (Vaxtadagur, "Vaxtadags.").
    "vaxtadagur", "vaxtadags", "vaxtad",
    "датум валуте", "дата валютування",
    // Thai: the day it took effect (วันที่มีผล); Vietnamese: the same (Ngày hiệu lực) and the value date (Ngày giá trị).
    "วันที่มีผล", "ngày hiệu lực", "ngày giá trị",
  ],
  description: [
    "description", "descriptions", "details", "detail", "transaction details", "particulars", "narration", "transaction", "transactions",
    "payment type and details", "payment details", "type and details", "narrative", "memo", "merchant", "payee",
    "transaction description", "description of transaction", "transaction remarks", "remarks", "reference", "activity", "merchant name",
    "merchant name or transaction description", "merchant name or description",
    "verwendungszweck", "buchungstext", "vorgang/buchungsinformation", "buchungsinformation", "buchungsinformationen", "beschreibung", "umsatzbeschreibung", "vorgang", "erlauterung", "erlauterungen", "umsatz", "text", "buchungsdetails",
    // "Wir haben für Sie gebucht" (we have booked for you: DKB's description column, between "Bu.Tag"/"Wert" and the money).
    "wir haben fur sie gebucht",
    // "Angaben zu den Umsätzen" (details of the transactions: DKB's card statement, between "Beleg"/"Buchung" and the money).
    "angaben zu den umsatzen", "angaben zum umsatz",
    "libelle", "libelles", "libelle de l'operation", "operation", "operations", "nature de l'operation", "nature des operations", "designation",
    "omschrijving", "mededelingen", "naam / omschrijving", "naam/omschrijving", "naam",
    "concepto", "descripcion", "movimiento", "detalle", "conceptos", "descrizione", "causale", "descricao",
    "descrizione operazioni", "descritivo", "historico", "lancamentos", "lancamento", "opis", "opis operacji", "opis transakcji", "typ transakcji", "typ operacji", "tytul", "tytuł", "tytul operacji", "tytuł operacji",
    "transaktion", "transaktioner", "meddelande", "beskrivning", "tekst", "forklaring", "beskrivelse",
    "popis", "popis transakce", "popis platby", "zprava", "zprava pro prijemce", "nazev protiuctu", "poznamka", "protiucet nebo poznamka", "oznaceni platby", "typ platby",
    "sprava pre prijemcu", "nazov protiuctu", "oznacenie platby", "poznamka pre prijemcu", "megnevezes", "kozlemeny", "leiras", "tranzakcio leirasa",
    "selitys", "saaja/maksaja", "saaja / maksaja", "descriere", "detalii", "detalii tranzactie", "explicatii",
    "opis transakcije", "opis placanja", "svrha", "svrha placanja",
    // Indonesian (Keterangan: BCA; Uraian, Deskripsi), Estonian (Selgitus: explanation;
    // Saaja/Maksja: payee/payer, whose name and IBAN join the description), Latvian (Apraksts),
    // Lithuanian (Paskirtis: purpose; Aprašymas).
    "keterangan", "uraian", "uraian transaksi", "deskripsi", "selgitus", "saaja/maksja", "saaja / maksja", "maksja/saaja", "apraksts", "paskirtis", "aprasymas",
    // Lithuanian: the operation's description (Operacijos aprašymas), an explanation
    // (Paaiškinimas), the payment's purpose (Mokėjimo paskirtis), the payee or payer (Gavėjas /
    // Mokėtojas: their name and account join the description); Latvian the same (Saņēmējs /
    // Maksātājs, Maksājuma mērķis, Darījuma apraksts); Estonian the payee or payer alone and the
    // explanation's longer name (Saaja, Maksja, Makse selgitus).
    "operacijos aprasymas", "paaiskinimas", "mokejimo paskirtis", "operacijos paskirtis", "gavejas", "moketojas", "gavejas / moketojas", "gavejas/moketojas", "moketojas / gavejas", "moketojas/gavejas", "gavejas arba moketojas", "kita salis",
    "sanemejs", "maksatajs", "sanemejs / maksatajs", "sanemejs/maksatajs", "maksatajs / sanemejs", "maksatajs/sanemejs", "maksajuma merkis", "darijuma apraksts", "darijuma detalas",
    "saaja", "maksja", "makse selgitus",
    // Japanese, Chinese, Korean, Russian, Turkish.
    "摘要", "内容", "お取引内容", "取引内容", "交易摘要", "摘要说明", "用途", "备注", "附言", "对方户名", "적요", "내용", "거래내용", "거래기록사항", "기록사항", "описание", "назначение платежа", "содержание операции", "açıklama", "işlem açıklaması",
    "αιτιολογια", "περιγραφη", "περιγραφη κινησης",
    // Thai: the item (รายการ: what was done), its details (รายละเอียด, รายละเอียดรายการ), an explanation
    // (คำอธิบาย). Vietnamese: the explanation (Diễn giải), the description (Mô tả), the content (Nội dung,
    // Nội dung giao dịch), the transaction's details (Chi tiết giao dịch); its reference (Số tham
    // chiếu), its entry's number (Số bút toán), its voucher's (Số chứng từ), its code (Mã giao dịch):
    // beside a description, a column of references (REFERENCE_NAME).
    "รายการ", "รายละเอียด", "รายละเอียดรายการ", "คำอธิบาย", "คำอธิบายรายการ",
    "diễn giải", "mô tả", "nội dung", "nội dung giao dịch", "nội dung chi tiết", "chi tiết giao dịch", "chi tiết", "mô tả giao dịch",
    "số tham chiếu", "tham chiếu", "số bút toán", "số chứng từ", "số ct", "mã giao dịch", "số giao dịch",
    // Icelandic: explanation (Skýring), text (Texti), description (Lýsing), the other party (Mótaðili).
    "skyring", "texti", "lysing", "motaðili",
    // Ukrainian (Опис операції; Призначення платежу: the payment's purpose; Деталі операції) and Serbian Cyrillic.
    "опис", "опис операції", "опис транзакції", "опис платежу", "призначення платежу", "призначення", "деталі операції",
    "опис трансакције", "опис плаћања", "сврха", "сврха плаћања", "намена", "намена плаћања",
    // Chinese in traditional characters (備註: a remark; 說明: an explanation; 交易說明, 交易類型, 交易类型: the kind of transaction).
    "備註", "說明", "说明", "交易說明", "交易说明", "交易類型", "交易类型", "交易摘要說明",
    // Russian, as Kazakh banks print it (Kaspi: "Дата | Сумма | Операция | Детали"): the operation
    // (Операция, Вид операции, Тип операции), its details (Детали, Детали операции), its
    // description (Описание операции, Наименование операции) or purpose (Назначение); Kazakh
    // (Толығырақ: details; Сипаттама: description).
    "операция", "вид операции", "тип операции", "детали", "детали операции", "описание операции", "наименование операции", "назначение", "назначение операции",
    "толығырақ", "сипаттама",
    // Mongolian: the transaction's meaning (Гүйлгээний утга: Khan Bank), a description (Тайлбар).
    "гүйлгээний утга", "утга", "гүйлгээний тайлбар", "тайлбар",
    // Georgian: the purpose (დანიშნულება: TBC), a description (აღწერა), the operation's (ოპერაციის აღწერა).
    "დანიშნულება", "აღწერა", "ოპერაციის აღწერა", "ოპერაციის დანიშნულება",
  ],
  debit: [
    "debit", "debits", "debit amount", "withdrawals", "withdrawal", "withdrawals ($)", "paid out", "money out", "payments out", "out",
    "withdrawals and other debits", "checks and other debits", "other debits", "payments", "charges", "debit (-)", "spent",
    "withdrawals/ debits", "withdrawals/debits", "withdrawals / debits", "debits/ withdrawals", "debits/withdrawals", "debits / withdrawals",
    "withdrawal amt", "withdrawal amount", "withdrawn", "cheque/debit",
    // The verb's bare form over the column and its common misspelling ("Withdraw | Deposit |
    // Balance": NIC Asia; "Withdrawl"), with their amounts.
    "withdraw", "withdraws", "withdraw amt", "withdraw amount", "withdrawl", "withdrawls", "withdrawl amt", "withdrawl amount", "outgoing", "soll", "belastung", "lastschrift", "ausgang", "ausgaben", "abgang",
    // French, and French Canada's withdrawals (Retraits: Laurentian Bank, Desjardins).
    "debit", "debit eur", "montant debit", "retraits", "retrait",
    "af", "afschrijving", "afschrijvingen",
    // A column of the bank's fees, money out beside the withdrawals ("Date | Code | Description |
    // Frais | Retrait | Dépôt | Solde": UNI, Desjardins; "Fees", "Gebühren", "Comisiones"; "Fee*"
    // beside "Money In | Money Out": Capitec).
    "frais", "fees", "fee", "gebuhren", "comisiones",
    "cargo", "cargos", "debe", "retiros", "reintegros", "addebiti", "uscite", "dare", "debito", "debitos",
    "amounts withdrawn", "amount withdrawn", "amounts debited from your account", "ut av konto", "uttak",
    "odepsano", "vydaj", "vydaje", "debet", "terheles", "terhelesek",
    // Croatian, Serbian and Bosnian: owes (Duguje), paid out (Isplata), charged (Zaduženje), to the debit of (Na teret); Slovenian "V breme",
    // and "Breme" alone over the column (Nova KBM).
    "duguje", "isplata", "isplate", "zaduzenje", "na teret", "v breme", "breme",
    // Latvian and Lithuanian; Estonian (Deebet).
    "debets", "debetas", "deebet",
    "withdrawals/subtractions", "withdrawals / subtractions", "subtractions",
    // Japanese, Chinese, Korean, Russian, Turkish.
    "お支払金額", "支払金額", "お引出し", "出金", "出金額", "支出", "支出金额", "借方金额", "借方发生额", "출금", "출금액", "출금금액", "찾으신금액", "списание", "дебет", "расход", "borç",
    "χρεωση", "χρεωσεις",
    // Icelandic: withdrawal (Úttekt), withdrawals.
    "uttekt", "uttektir",
    // Serbian Cyrillic (Дугује: owes; Задужење; Исплата; На терет), Ukrainian (Списання: written off; Видаток).
    "дугује", "задужење", "исплата", "на терет", "списання", "видаток",
    // Chinese in traditional characters (支出金額, 提款: Taiwan; 提出).
    "支出金額", "提款", "提款金額", "提出", "支取", "支取金额",
    // Mongolian (Дебит; Зарлага: expense); Georgian (გასავალი: outgoing, TBC; დებეტი).
    "дебит", "зарлага", "გასავალი", "დებეტი",
    // Thai: withdrawal (ถอนเงิน, ถอน), money out (เงินออก), debit (เดบิต). Vietnamese: the debit (Nợ; Ghi
    // nợ, Số tiền ghi nợ: debited; Phát sinh nợ: the debit turnover), withdrawn (Rút ra), money out (Tiền ra).
    "ถอนเงิน", "ถอน", "เงินออก", "เดบิต", "จำนวนเงินถอน", "ถอนเงิน/โอนออก",
    "nợ", "ghi nợ", "số tiền ghi nợ", "số tiền nợ", "phát sinh nợ", "rút ra", "tiền ra",
  ],
  credit: [
    "credit", "credits", "credit amount", "deposits", "deposit", "paid in", "money in", "payments in", "in", "receipts",
    // Ghana's, Nigeria's and Ireland's word for money paid in.
    "lodgement", "lodgements", "lodgment", "lodgments",
    "deposits and other credits", "deposits and additions", "other credits", "credit (+)", "received",
    "deposits/ credits", "deposits/credits", "deposits / credits", "credits/ deposits", "credits/deposits", "credits / deposits",
    "deposit amt", "deposit amount", "deposit/credit", "deposited", "incoming", "haben", "gutschrift", "eingang", "einnahmen", "zugang",
    // French, and French Canada's deposits (Dépôts).
    "montant credit", "depots", "depot",
    "bij", "bijschrijving", "bijschrijvingen",
    "abono", "abonos", "haber", "ingresos", "depositos", "accrediti", "entrate", "avere", "credito", "creditos",
    "amounts deposited", "amount deposited", "amounts credited to your account", "inn pa konto", "innskudd",
    "pripsano", "prijem", "prijmy", "kredit", "jovairas", "jovairasok",
    // Croatian, Serbian and Bosnian: claims (Potražuje), paid in (Uplata), credited (Odobrenje), in favour of (U korist); Slovenian "V dobro",
    // and "Dobro" alone over the column (Nova KBM).
    "potrazuje", "uplata", "uplate", "odobrenje", "u korist", "v dobro", "dobro",
    // Latvian and Lithuanian; Estonian (Kreedit).
    "kredits", "kreditas", "kreedit",
    "deposits/additions", "deposits / additions", "additions",
    // Japanese, Chinese, Korean, Russian, Turkish.
    "お預り金額", "預入金額", "お預入れ", "入金", "入金額", "存入", "收入", "存入金额", "收入金额", "贷方金额", "贷方发生额", "입금", "입금액", "입금금액", "맡기신금액", "зачисление", "кредит", "приход", "alacak",
    "πιστωση", "πιστωσεις",
    // Icelandic: deposit (Innborgun, Innlegg), deposits.
    "innborgun", "innborganir", "innlegg", "innlagt",
    // Serbian Cyrillic (Потражује: claims; Одобрење; Уплата; У корист), Ukrainian (Надходження: received; Зарахування: credited).
    "потражује", "одобрење", "уплата", "у корист", "надходження", "зарахування", "прихід",
    // Chinese in traditional characters (存入金額: Taiwan; 收入金額).
    "存入金額", "收入金額", "存款", "存款金額",
    // Mongolian (Кредит above; Орлого: income); Georgian (შემოსავალი: incoming, TBC; კრედიტი).
    "орлого", "შემოსავალი", "კრედიტი",
    // Thai: deposit (ฝากเงิน, ฝาก), money in (เงินเข้า), credit (เครดิต). Vietnamese: the credit (Có; Ghi
    // có, Số tiền ghi có: credited; Phát sinh có), paid in (Gửi vào), money in (Tiền vào).
    "ฝากเงิน", "ฝาก", "เงินเข้า", "เครดิต", "จำนวนเงินฝาก", "ฝากเงิน/โอนเข้า",
    "có", "ghi có", "số tiền ghi có", "số tiền có", "phát sinh có", "gửi vào", "tiền vào",
  ],
  amount: [
    "amount", "amounts", "transaction amount", "amount ($)",
    // A card's amount in its billing currency, beside the amount as spent ("Transaction Amount |
    // Billing Amount": accountAmount takes it).
    "billing amount", "billed amount", "amount in billing currency", "billing currency amount", "betrag", "umsatz in eur", "betrag in eur",
    "montant", "montants", "bedrag", "bedrag in euro", "bedrag in eur", "importe", "monto", "importo", "valor", "valor r$", "valor (r$)", "valor em r$", "montante", "kwota", "kwota operacji", "belopp", "beløb", "belop", "beløp", "castka", "osszeg", "maara", "iznos", "znesek",
    // Indonesian: Mutasi (a movement, BCA: debits marked DB), Nominal, Jumlah; Estonian and
    // Latvian Summa, Slovak and Lithuanian Suma.
    "mutasi", "nominal", "jumlah", "summa", "suma",
    // Japanese, Chinese, Korean, Russian, Turkish.
    "金額", "お取引金額", "交易金额", "金额",
    // Chinese in traditional characters (交易金額; 發生額, 发生额: the amount booked).
    "交易金額", "發生額", "发生额", "금액", "거래금액", "сумма", "сумма операции", "сума", "сума в bgn", "сума в лева", "tutar", "işlem tutarı",
    "ποσο",
    // Thai (จำนวนเงิน: the sum of money) and Vietnamese (Số tiền, Số tiền giao dịch).
    "จำนวนเงิน", "số tiền", "số tiền giao dịch",
    // Icelandic: the amount (Upphæð, Fjárhæð).
    "upphæð", "fjarhæð",
    // Serbian Cyrillic; Ukrainian and Russian amounts named as in the account's (card's) currency,
    // beside the operation's own (foreignAmount).
    "износ", "износ трансакције", "сума операції", "сума в валюті рахунку", "сума у валюті рахунку", "сума в валюті картки", "сума у валюті картки", "сумма в валюте счета", "сумма в валюте карты",
    // A column per currency, named by the currency alone (AMOUNT_IN_CURRENCY_COLUMN).
    "pesos", "dolares", "u$s", "colones",
    // Or by the amount's word and its currency's ("MONTO COLONES | MONTO $": Costa Rican cards).
    "monto colones", "monto en colones", "monto dolares", "monto en dolares", "monto pesos", "monto en pesos",
    // Kazakh (Сомасы, Сома: the sum), Mongolian (Дүн, Гүйлгээний дүн), Georgian (თანხა).
    "сомасы", "сома", "дүн", "гүйлгээний дүн", "თანხა",
    // A brokerage's income column ("Date | Transaction Type | Quantity | Description | Income":
    // dividends and interest, a foreign tax withheld in parentheses): an amount, its bare figures
    // money in. (Only alone in its cell: "Income Year To Date" beside it is no amount of the row.)
    "income",
  ],
  foreignAmount: [
    "original amount", "foreign amount", "foreign currency amount", "amount in foreign currency", "original currency amount",
    // A card's amount as spent abroad, beside the amount billed ("FX Amount", "FCY Amount",
    // "Amount in original currency", "Orig. Curr. Amount").
    "fx amount", "fx amt", "fcy amount", "fcy amt", "foreign amt", "original amt", "amount in original currency", "amount in orig currency", "orig currency amount", "orig curr amount", "orig curr amt",
    "betrag in fremdwahrung", "fremdwahrung", "fremdwahrungsbetrag", "originalbetrag", "betrag in originalwahrung", "originalwahrung",
    "сума в оригинална валута", "оригинална сума",
    "montant en devise", "montant devise", "montant d'origine", "importe en divisa", "importe divisa", "importe original", "oorspronkelijk bedrag", "bedrag in vreemde valuta",
    // Abridged ("Orig. amount"), Serbian ("Iznos u orig. valuti", "Износ у ориг. валути", "Ориг. износ"),
    // Ukrainian and Russian (the amount in the operation's currency: "Сума в валюті операції").
    "orig amount", "orig amt", "iznos u orig valuti", "iznos u originalnoj valuti", "originalni iznos", "orig iznos",
    "iznos u orig", "износ у ориг валути", "износ у ориг", "износ у оригиналној валути", "оригинални износ", "ориг износ",
    "сума в валюті операції", "сума у валюті операції", "сума в валюті транзакції", "сума в оригінальній валюті", "сумма в валюте операции", "сумма в валюте транзакции",
  ],
  balance: [
    "balance", "closing balance", "running balance", "account balance", "available balance", "outstanding balance", "balance ($)", "ending daily balance", "daily balance", "ending balance", "ledger balance", "saldo", "solde", "kontostand", "saldo in eur", "solde en eur", "saldo (eur)", "saldo po operacji", "saldo po transakcji", "saldo disponivel", "zustatek", "egyenleg", "sold", "saldos", "saldo operacion", "saldo liquidacion", "stanje",
    // Slovak, Latvian, Lithuanian; Estonian (Jääk: what is left).
    "zostatok", "atlikums", "likutis", "jaak",
    // Japanese, Chinese, Korean, Russian, Turkish.
    "差引残高", "残高", "お取引後残高", "余额", "账户余额", "잔액", "거래후잔액", "остаток", "bakiye",
    // Chinese: the balance in traditional characters (餘額, 帳戶餘額: Taiwan), the balance online
    // (联机余额: China Merchants Bank), what is left (结余, 結餘; 結存, the balance kept), the balance available (可用余额).
    "餘額", "帳戶餘額", "賬戶餘額", "联机余额", "聯機餘額", "结余", "結餘", "可用余额", "可用餘額", "当前余额", "交易后余额", "交易後餘額", "結存", "结存",
    // Greek: the balance, the book (ledger) balance, the available one ("Λογιστικό Υπόλοιπο": Optima bank).
    "υπολοιπο", "λογιστικο υπολοιπο", "διαθεσιμο υπολοιπο", "book balance",
    // Icelandic: the balance (Staða).
    "staða",
    // Ukrainian (Залишок після операції: the balance after it), Serbian Cyrillic.
    "залишок", "залишок після операції", "стање", "салдо",
    // Kazakh (Қалдық), Mongolian (Үлдэгдэл: Khan Bank), Georgian (ნაშთი: TBC; ბალანსი).
    "қалдық", "үлдэгдэл", "ნაშთი", "ბალანსი",
    // Thai: the balance (ยอดคงเหลือ, คงเหลือ, ยอดเงินคงเหลือ); Vietnamese (Số dư, Số dư cuối: the balance after the row).
    "ยอดคงเหลือ", "คงเหลือ", "ยอดเงินคงเหลือ", "số dư", "số dư cuối", "số dư sau giao dịch",
  ],
};

/**
 * An amount column named by its currency alone, one per currency ("PESOS | DÓLARES", "PESOS | U$S":
 * Argentine card statements, which bill pesos and dollars apart; "COLONES": Costa Rica's), matched against the column's
 * folded label: the first is the account's, the local currency (table.ts, accountAmount).
 */
export const AMOUNT_IN_CURRENCY_COLUMN = /^(?:pesos|dolares|u\$s|colones)$/;

/** Neutral header tokens: units and separators that say nothing about the column. */
const NEUTRAL_HEADER_TOKEN = /^(?:\(?[a-z]{3}\)?|\(?(?:r\$|kr|zl|zł|rs\.?|[$£€¥₹¤])\)?|\(?in|en|\/|-|\||\(\+\)|\(-\)|\+|\*)$/;
const CURRENCY_CODES = new Set([
  "usd", "eur", "gbp", "chf", "cad", "aud", "nzd", "sek", "nok", "dkk", "pln", "czk", "huf", "jpy", "inr", "zar", "mxn", "sgd", "hkd", "ron", "php", "myr", "brl",
  // The hryvnia, the dinar and their neighbours ("Сума, UAH", "Дугује" over "(RSD)").
  "uah", "rsd", "rub", "bgn", "kzt", "bam", "mkd",
]);

/** The unit a column's name gives in Korean, Japanese, Chinese or Thai, in brackets after it or alone
 *  ("출금금액(원)", "(원)": won; "金額(円)": yen; "金额(元)": yuan; "ยอดคงเหลือ" over "(บาท)": baht),
 *  folded (NFD parts Hangul into its letters). */
const EAST_ASIAN_UNITS = ["원", "₩", "円", "元", "บาท", "฿"].map((u) => fold(u));
const EAST_ASIAN_UNIT = new Set(EAST_ASIAN_UNITS);

/** A currency's sign as a header word: "$", "€", the guaraní's "₲" and "Gs." ("Débito (Gs.)": Paraguayan banks),
 *  the colón's "₡" ("MONTO ₡ | MONTO $": BAC Credomatic) and the other signs of one currency; and the
 *  general currency sign "¤", the euro's byte of ISO 8859-15 read as ISO 8859-1 ("Débit (¤) | Crédit (¤)":
 *  La Banque Postale), a unit too and no column's name (read as an unknown name right of the in and
 *  out columns, it was taken for a balance column). */
const HEADER_SIGN = /^(?:[$£€¥₲₡₦₱₵₭¤]|gs\.?)$/;

/** A currency's code or sign as a header word ("(RSD)", "UAH", "€"): the unit of the column it follows. */
export function isCurrencyUnitToken(foldedWord: string): boolean {
  const bare = foldedWord.replace(/[()]/g, "");
  return CURRENCY_CODES.has(bare) || HEADER_SIGN.test(bare) || EAST_ASIAN_UNIT.has(bare);
}

export function isNeutralHeaderToken(foldedWord: string): boolean {
  const bare = foldedWord.replace(/[()]/g, "");
  return CURRENCY_CODES.has(bare) || HEADER_SIGN.test(bare) || EAST_ASIAN_UNIT.has(bare) || (NEUTRAL_HEADER_TOKEN.test(foldedWord) && !/^[a-z]{3}$/.test(foldedWord));
}

/** Header words of columns Cashline does not read separately (their text joins the
 *  description): they count towards "this line is a header" without making a column. */
export const OTHER_HEADER_WORDS = new Set<string>([
  "type", "code", "ref", "ref.", "refs", "no", "no.", "nr", "nr.", "number", "num", "#", "cheque", "check", "chq", "serial", "category",
  "channel", "branch", "br", "br.", "sol", "id", "receipt", "doc", "document", "instrument", "tran", "txn", "card", "sr", "s.no", "sl", "mode",
  "belegnr", "beleg", "primanota", "kurs", "umrechnungskurs", "referenz", "art", "kategorie", "piece", "reference", "numero", "referentie", "soort", "code",
  "oficina", "documento", "referencia", "divisa", "moneda", "waehrung", "wahrung", "devise", "ccy", "cur", "currency",
  "docto", "docto.", "accrued", "bank", "charges", "fees",
  "protiucet", "vs", "ks", "ss", "partner", "ellenoldali", "szamlaszam",
  // Slovenian, Croatian and Serbian: the payment's reference (Referenca: Nova KBM).
  "referenca",
  // Greek: the row's number (Α/Α, αύξων αριθμός), a number (Αρ., αριθμός: "Αρ. Συναλλαγής", the transaction's).
  "α/α", "αρ", "αρ.", "αριθμος",
  // A brokerage's trades: the quantity of shares and their price, beside the amount (Merrill's Security Transactions).
  "quantity", "qty", "price",
  // HDFC's card statement: "Reward Points" beside the amount; a card's cash back beside it ("Daily
  // Cash": Apple Card, "Cash Back", "Rewards"): what the purchase earned, no amount of the row.
  "reward", "points", "rewards", "cash", "cashback",
  // A column of direction marks beside the amount ("Cr/Dr": ICICI; Greek "Χ/Π", χρέωση/πίστωση: Alpha Bank), read with the amount.
  "cr/dr", "dr/cr", "d/c", "c/d", "db/cr", "tipo", "χ/π", "π/χ",
  // Indonesian: the branch (CBG, cabang: BCA prints the ATM's or teller's branch code there).
  "cbg", "cabang",
  // Korean: the row's number (순번), the branch (거래점, 취급점), a memo (거래메모).
  "순번", "거래점", "취급점", "거래메모",
  // Icelandic: the row's kind (Tegund), its reference (Tilvísun), a payment slip's number (Seðilnúmer).
  "tegund", "tilvísun", "seðilnúmer",
  // Lithuanian, Latvian and Estonian: the row's currency (Valiuta, Valuuta), its document's number
  // (Dokumento Nr., Dokumenta Nr., Dokumendi nr), its archive code and reference number (Arhiveerimistunnus, Viitenumber).
  "valiuta", "valuuta", "dokumento", "dokumenta", "dokumendi", "arhiveerimistunnus", "viitenumber",
  // Serbian: the row's number (Р.бр., R.br., Rb.: redni broj), the merchant's place (Место, Mesto);
  // Ukrainian and Serbian: the operation's currency (Валюта, Валута) and its rate (Курс).
  "р.бр", "r.br", "rb", "rbr", "р.б", "рб", "рбр", "место", "mesto", "mjesto", "валюта", "валута", "курс",
  // The merchant's category code (MCC).
  "mcc",
  // Thai: the time (เวลา), the channel (ช่องทาง), the branch (สาขา), the row's number (ลำดับ), a reference (เลขที่อ้างอิง).
  "เวลา", "ช่องทาง", "สาขา", "ลำดับ", "เลขที่อ้างอิง", "อ้างอิง", "ผู้ทำรายการ",
  // Vietnamese: the row's number (STT: số thứ tự), the time (Giờ).
  "stt", "giờ",
  // Chinese: the currency (货币, 币种; 幣別, 貨幣: Taiwan), the counterparty (对手信息: China Merchants Bank; 对方账号, 對方帳號),
  // the channel (交易渠道, 渠道), the branch (交易網點, 网点).
  "货币", "币种", "币别", "貨幣", "幣別", "幣種", "对手信息", "對手資訊", "交易对手", "交易對手", "对方账号", "對方帳號", "对方账户", "對方帳戶", "交易渠道", "渠道", "交易網點", "网点",
  // Mongolian: the branch (Салбар), the account dealt with (Харьцсан данс: Khan Bank's counterparty
  // account, whose number follows the description); Georgian: the currency (ვალუტა).
  "салбар", "харьцсан", "данс", "ვალუტა",
].map((w) => fold(w)));

/**
 * The header of a column of the branch that booked the row ("Branch Code": Canara; "Branch": QNB;
 * "Br Code", "Sol ID", "Home Branch", "Originating Branch": GTBank; Indonesian "CBG", cabang: BCA;
 * Spanish "Oficina": Scotiabank Colpatria, Banco Pichincha), matched against the column's folded
 * header words: its code or name is no text of the row, and is left out of the description.
 */
/** A column that files each row under a spending category ("Category": Salary, Groceries …;
 *  Capitec; a merchant's category code, "MCC": Ukrainian card statements): the bank's metadata, no part of what the row says. Matched against the column's folded header words. */
export const CATEGORY_COLUMN = /^(?:(?:spending |transaction )?categor(?:y|ies)|categorie|kategorie|categoria|kategori(?:a)?|mcc)$/;

export const BRANCH_COLUMN = /^(?:(?:home|originating|orig\.?) )?(?:branch|br\.?)(?: (?:code|no\.?|#|name|id))?$|^sol(?: id)?$|^(?:cbg|cabang)$|^oficina$|^салбар$/;

/**
 * The header of a column Cashline does not read apart that may hold a row's direction, a D or a C
 * ("Tipo" between "Concepto" and "Monto": Banco Pichincha; "Type", "D/C"; Greek "Χ/Π", its letters
 * Χ and Π): where every cell of such a column on a row is one of those letters and the table has
 * one amount column, the letter signs the amount (table.ts, directionMark). Matched against the
 * column's folded header words.
 */
export const DIRECTION_COLUMN = /(?:^|\s)(?:tipo|type|d\/c|c\/d|dr\/cr|cr\/dr|db\/cr|χ\/π|π\/χ)(?:\s|$)/;

export const HEADER_PHRASE_ROLES: ReadonlyMap<string, ColumnRole> = new Map(
  (Object.entries(HEADER_PHRASES) as [ColumnRole, string[]][]).flatMap(([role, phrases]) => phrases.map((p) => [p, role] as [string, ColumnRole])),
);
export const LONGEST_HEADER_PHRASE = Math.max(...[...HEADER_PHRASE_ROLES.keys()].map((p) => p.split(" ").length));

const OPENING_PUNCTUATION = new Set([..."(\"'*:["].map((c) => c.charCodeAt(0)));
// (A footnote's mark after a column's name, "Fee*", "Amount†", "Balance¹", hides no name.)
const CLOSING_PUNCTUATION = new Set([...")\"'*:.,†‡¹²³]"].map((c) => c.charCodeAt(0)));

/** Full-width punctuation, as Japanese, Chinese and Korean text prints it ("お支払金額（円）",
 *  "日期：", "金額［円］"), read as its ASCII form: the same brackets and colon. */
const FULL_WIDTH_PUNCTUATION = /[\uff08\uff09\uff3b\uff3d\uff1a]/g;
const halfWidth = (text: string) => text.replace(FULL_WIDTH_PUNCTUATION, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const isOpeningPunctuation = (code: number) => OPENING_PUNCTUATION.has(code);
const isClosingPunctuation = (code: number) => CLOSING_PUNCTUATION.has(code);

/** A currency glued to a column's name in brackets ("AMOUNT($)", "Saldo(EUR)", "출금금액(원)"), its closing bracket trimmed. */
const GLUED_UNIT = new RegExp(`^(\\p{L}[\\p{L}. ]*)[([](?:[$£€¥₹₲¤]|[a-z]{1,2}\\$|[a-z]{3}|rs\\.?|gs\\.?|${EAST_ASIAN_UNITS.join("|")})$`, "u");

/** Trims punctuation a header cell carries around its word ("Date:", "(Balance)", "Amount*"), in one
 *  pass each end, and a currency glued to it in brackets ("AMOUNT($)": Truist; "差引残高（円）",
 *  full-width ones read as ASCII). */
export function headerWordKey(word: string): string {
  const key = trimCharacters(halfWidth(fold(word)), isOpeningPunctuation, isClosingPunctuation);
  if (key === "no" || key === "co") return vietnameseSide(word) ?? key;
  return key.includes("(") || key.includes("[") ? (GLUED_UNIT.exec(key)?.[1] ?? key) : key;
}

/** Vietnamese "Nợ" (debit) and "Có" (credit), whose accents alone tell them from "No." (a row's
 *  number) and from "Co": kept as printed (lower case), so that only the Vietnamese words name a
 *  debit or credit column ("Ghi nợ", "Số tiền ghi có"). */
const VIETNAMESE_SIDE = /^[("'*:[]*(nợ|có)[)"'*:.,\]]*$/;
function vietnameseSide(word: string): string | undefined {
  return VIETNAMESE_SIDE.exec(word.normalize("NFC").toLowerCase())?.[1];
}

// ---------------------------------------------------------------------------------------
// Lines that are not transactions

/** Serbian Cyrillic balances brought from the last statement ("ПРЕТХОДНО СТАЊЕ", "Почетно стање"),
 *  Ukrainian and Russian opening ones ("Вхідний залишок на 01.03.2025", "Входящий остаток"). */
const OPENING_CYRILLIC = "претходно стање|почетно стање|старо стање|вхідний залишок|вхідне сальдо|залишок на початок|сальдо на початок|входящий остаток|входящее сальдо|остаток на начало"
  // Mongolian: the first balance (Эхний үлдэгдэл: Khan Bank), the opening one (Нээлтийн үлдэгдэл).
  + "|эхний үлдэгдэл|нээлтийн үлдэгдэл";
/** Their closing ones ("НОВО СТАЊЕ", "Вихідний залишок на 31.03.2025", "Исходящий остаток"). */
const CLOSING_CYRILLIC = "ново стање|завршно стање|коначно стање|вихідний залишок|вихідне сальдо|залишок на кінець|сальдо на кінець|исходящий остаток|исходящее сальдо|остаток на конец"
  // Mongolian: the last balance (Эцсийн үлдэгдэл: Khan Bank), the closing one (Хаалтын үлдэгдэл).
  + "|эцсийн үлдэгдэл|хаалтын үлдэгдэл";
/** Chinese balances of the period's start and end (期初餘額 / 期末餘額: Taiwan; 期初余额 / 期末余额;
 *  上期餘額, the last period's), which need no word edges (\b knows no Chinese). */
const CJK_OPENING_BALANCE = "期初餘額|期初余额|期初結存|期初结存|上期餘額|上期余额|上期結存|上期结存";
const CJK_CLOSING_BALANCE = "期末餘額|期末余额|期末結存|期末结存|本期餘額|本期余额|本期結存|本期结存";
/** Thai balances of the period's start (ยอดยกมาต้นงวด, ยอดคงเหลือต้นงวด) and end (ยอดคงเหลือสิ้นงวด,
 *  ยอดยกไป: carried forward, the balance the next statement opens with, as Kasikornbank prints it
 *  in its summary box over the rows). */
const THAI_OPENING_BALANCE = thai("ยอดยกมาต้นงวด|ยอดคงเหลือต้นงวด|ยอดเงินต้นงวด|ยอดต้นงวด");
const THAI_CLOSING_BALANCE = thai("ยอดคงเหลือยกไป|ยอดยกไป|ยอดคงเหลือสิ้นงวด|ยอดคงเหลือปลายงวด|ยอดเงินสิ้นงวด|ยอดสิ้นงวด|ยอดปลายงวด");
/** Vietnamese balances of the period's start (Số dư đầu kỳ, Số dư đầu) and end (Số dư cuối kỳ). */
const VIETNAMESE_OPENING_BALANCE = "so du đau ky|so du đau|so du ky truoc";
const VIETNAMESE_CLOSING_BALANCE = "so du cuoi ky";

/** Balance lines that open the statement (the first one found is the opening balance); "Balance From
 *  Last Statement": Public Bank; a brokerage's cash, "Opening Cash/Money Accounts" in its Cash Flow
 *  box (Merrill), "Beginning Cash Balance". */
export const OPENING_BALANCE =
  new RegExp(`${/\b(?:opening balance|(?:opening|beginning|starting) cash(?:\/money)? (?:balance|accounts?)|previous (?:statement |total )?balance|balance from (?:(?:the )?(?:last|previous) )?statement|beginning balance|starting balance|start balance|balance at start|alter kontostand|alter saldo|saldo (?:der )?(?:letzten?|vorigen?|vorherigen?) abrechnung|anfangssaldo|kontostand alt|saldo alt|ancien solde|solde precedent|solde initial|solde (?:de )?depart|solde d'ouverture|solde au debut|beginsaldo|vorig saldo|oud saldo|saldo vorig|saldo anterior|saldo inicial|saldo iniziale|saldo precedente|ingaende saldo|inngaende saldo|indgaende saldo|saldo poczatkowe|pocatecni zustatek|puvodni zustatek|predchozi zustatek|saldo de abertura|saldo primo|nyito egyenleg|nyitoegyenleg|alkusaldo|sold anterior|sold initial|saldo fra (?:sidste |forrige |siste )?konto(?:udskrift|utskrift)|primosaldo|devreden bakiye|donem bas[iı] bakiye(?:si)?|onceki bakiye|acilis bakiyesi|acılıs bakiyesi|onceki donem borcu|pocetno stanje|zacetno stanje|prethodno stanje|staro stanje|prejsnje stanje|sakuma atlikums|pradinis likutis|saldo awal|algsaldo|pociatocny zostatok|zaciatocny zostatok)\b/.source}|${greek("υπολοιπο προηγουμενης περιοδου|προηγουμενο υπολοιπο|αρχικο υπολοιπο|υπολοιπο εναρξης")}|${cyrillic("предходно задължение|начално салдо")}|${cyrillic(OPENING_CYRILLIC)}|${CJK_OPENING_BALANCE}|${THAI_OPENING_BALANCE}|\\b(?:${VIETNAMESE_OPENING_BALANCE})(?![\\wđ])`
  // Icelandic: the opening balance (Upphafsstaða), the balance at the start of the period.
  + `|${icelandic("upphafsstaða|staða í upphafi tímabils")}`
  // Georgian: the opening balance (საწყისი ნაშთი: TBC), the balance at the start (ნაშთი პერიოდის დასაწყისში).
  + `|${georgian("საწყისი ნაშთი|საწყისი ბალანსი|ნაშთი პერიოდის დასაწყისში")}`);

/** Balance lines that close it (the last one found is the closing balance); a brokerage's "Closing
 *  Cash/Money Accounts". Danish and Norwegian carry the balance on to the next statement ("Saldo til
 *  ny kontoudskrift": Lån & Spar; "Saldo til næste kontoudskrift", "Saldo til neste kontoutskrift"),
 *  as they bring it from the last ("Saldo fra forrige"). */
export const CLOSING_BALANCE =
  new RegExp(`${/\b(?:closing balance|(?:closing|ending) cash(?:\/money)? (?:balance|accounts?)|new balance|current balance|ending balance|end balance|final balance|balance at end|statement balance|total balance for|neuer kontostand|neuer saldo|kontostand neu|saldo neu|endsaldo|schlusssaldo|nouveau solde|solde final|solde de cloture|solde a la fin|eindsaldo|nieuw saldo|saldo nieuw|saldo final|saldo actual|saldo finale|utgaende saldo|utgaaende saldo|udgaende saldo|saldo koncowe|konecny zustatek|novy zustatek|saldo de fecho|saldo ultimo|ultimosaldo|ny saldo|saldo til (?:ny(?:t)? |n(?:ae|æ|e)ste )konto(?:udskrift|utskrift)|zaro egyenleg|zaroegyenleg|loppusaldo|sold final(?! zi)|saldo i deres fav(?:o|ø)r|saldo zu (?:ihren|unseren) gunsten|kapanis bakiyesi|kapanıs bakiyesi|donem sonu bakiye(?:si)?|(?<!onceki )donem borcu(?:nuz)?|zavrsno stanje|koncno stanje|konacno stanje|novo stanje|beigu atlikums|galutinis likutis|saldo akhir|loppsaldo|konecny zostatok)\b/.source}|${greek("νεο υπολοιπο|τελικο υπολοιπο|υπολοιπο ληξης")}|${cyrillic("ново задължение|крайно салдо")}|${cyrillic(CLOSING_CYRILLIC)}|${CJK_CLOSING_BALANCE}|${THAI_CLOSING_BALANCE}|\\b(?:${VIETNAMESE_CLOSING_BALANCE})\\b`
  // Icelandic: the closing balance (Lokastaða), the new one (Ný staða), the balance at the end of the period.
  + `|${icelandic("lokastaða|ný staða|staða í lok tímabils")}`
  // Georgian: the closing balance (საბოლოო ნაშთი: TBC), the balance at the end (ნაშთი პერიოდის ბოლოს).
  + `|${georgian("საბოლოო ნაშთი|საბოლოო ბალანსი|ნაშთი პერიოდის ბოლოს")}`
  // A card's balance owed at the period's end named alone "Total Balance" (under "Previous Total
  // Balance" and the period's figures: Apple Card). Only the whole label: "Total balance incl.
  // pots" sums more than the account.
  + `|${/^total balance:?$/.source}`);

/**
 * Balances that open or close depending on where they stand: page carries ("Balance brought
 * forward", "Übertrag", "Report"; Dutch "(Over) te dragen saldo" / "Overgedragen saldo", Czech
 * "Převod na další stranu" / "z předchozí strany", Polish "Do/Z przeniesienia", Finnish "Siirto
 * seuraavalle sivulle", Danish "Transport til næste side", Slovak "Zostatok k prenosu" / "Prenos
 * zostatku z predchádzajúcej strany", Turkish "Önceki sayfadan devreden" / "Sonraki sayfaya devreden") and dated balances ("Balance on 1
 * March", "Kontostand am"; a day's balance after its rows, "SALDO DIA": Caixa).
 * Before any row such a line is the opening balance, after the last row the closing one, and
 * between rows it is a page's running total — neither a row nor a new balance.
 */
export const POSITIONAL_BALANCE = new RegExp(`${/\b(?:balance brought forward|brought forward|balance carried forward|carried forward|balance forward|balance b\/f|balance c\/f|b\/f|c\/f|balance (?:on|as of|as at|at)|kontostand (?:am|vom|per)|saldo (?:am|vom|per|pr|al|a fecha|op|do dia|dia|del dia)|solde (?:(?:crediteur|debiteur) )?(?:au|en date du|le)|report a nouveau|a reporter|solde reporte|suma y sigue|a transportar|a riportare|saldo riportato|sold final zi|sold zi|(?:over )?te dragen saldo|overgedragen saldo|saldo (?:over )?te dragen|saldo overgedragen|zwischensaldo|(?:carried|brought) over|balance (?:from|to) (?:the )?(?:previous|next) page|(?:overf(?:o|ø)rt|transport) (?:fra|til) (?:forrige|n(?:ae|æ|e)ste) side|prevod (?:na dalsi stranu|z predchozi strany)|(?:onceki|sonraki) sayfa(?:dan|ya) devreden|prenos (?:na dalsiu stranu|z predchadzajucej strany)|zostatok k prenosu|prenos zostatku|(?:z|do) przeniesienia|siirto (?:seuraavalle sivulle|edelliselta sivulta)|athozat (?:az )?elozo oldalrol|atvitel (?:a )?kovetkezo oldalra)\b/.source}|${thai("ยอดคงเหลือยกมา|ยอดเงินยกมา|ยอดยกมา")}`);

/**
 * Which side of zero a balance line says its balance is on, in words, when its amount has no sign:
 * French "SOLDE DEBITEUR AU 31.03.2026" (overdrawn) and "SOLDE CREDITEUR", Spanish "saldo deudor",
 * "debit balance". (The column it stands in does not say: Fineco prints its positive closing
 * balance under Uscite.)
 */
const DEBIT_BALANCE = /\b(?:solde debiteur|saldo deudor|saldo debitore|saldo devedor|debit balance|sollsaldo|soll-saldo|overdrawn balance|zu unseren gunsten)\b/;
const CREDIT_BALANCE = /\b(?:solde crediteur|saldo acreedor|saldo creditore|saldo credor|credit balance|habensaldo|haben-saldo|zu ihren gunsten)\b/;

/** The side's word closing a balance line's label, printed apart after its amount ("Solde au
 *  31/10/2026 … DEBITEUR", "Saldo … deudor"). */
const DEBIT_SIDE_LAST = /\b(?:debiteur|deudor)$/;
const CREDIT_SIDE_LAST = /\b(?:crediteur|acreedor)$/;

export function balanceSideNamed(label: string): "debit" | "credit" | undefined {
  const t = label.trim();
  return DEBIT_BALANCE.test(t) || DEBIT_SIDE_LAST.test(t) ? "debit" : CREDIT_BALANCE.test(t) || CREDIT_SIDE_LAST.test(t) ? "credit" : undefined;
}

/** Carry words that are also ordinary words ("Transport for London", "Übertrag auf Sparkonto";
 *  Greek "ΣΕ ΜΕΤΑΦΟΡΑ" and "ΑΠΟ ΜΕΤΑΦΟΡΑ", carried to and from, where ΜΕΤΑΦΟΡΑ is also a
 *  transfer; Dutch "Te dragen", Hungarian "Áthozat" and "Átvitel", brought and carried; Spanish
 *  "Van" at a page's foot and "Vienen" at the next one's head, "they go" and "they come" (BCP), and
 *  "Pasan"): they count only when they are (almost) the whole line. */
export const WEAK_CARRY = /^(?:ubertrag|uebertrag|vortrag|transport|transporte|riporto|report|saldovortrag|(?:over )?te dragen|overgedragen|athozat|atvitel|σε μεταφορα|απο μεταφορα|van|vienen|pasan)(?: (?:von|auf|de|van|from|to) (?:seite|blatt|page|pagina|bladzijde) ?\d*| \d+)?$/;

/** A balance's word alone ("01.01.26 Kontostand 8'412.35", dated in the date column; Icelandic
 *  "Staða 31.08.2025"): a balance that opens or closes by where it stands, as POSITIONAL_BALANCE's. */
export const BARE_BALANCE = new RegExp(`${/^(?:balance|kontostand|saldo|solde)$|^staða$/.source}|^${thai("ยอดคงเหลือ|คงเหลือ|ยอดเงินคงเหลือ")}$|^so du$`);

/** One word made with "saldo", a balance in German, Dutch, the Nordic and Baltic languages
 *  ("Slutsaldo", "Startsaldo", "Tagessaldo", "Lõppsaldo"): a balance, whichever. */
export const SALDO_COMPOUND = /^\p{L}{2,}saldo$/u;

/** A balance stated in its currency, under the rows ("SOLDE EN EUROS + 444,45": LCL): the closing
 *  balance where the statement states no other (else its repetition, a summary: SUMMARY_LINE). */
export const BALANCE_IN_EUROS = /^solde en (?:euros?|eur)(?![a-z])/;

/** A balance's word before a currency named in words ("solde en euros", "saldo in euro"): the line
 *  states the balance in that currency (currencyInColumnName reads the name). */
export const BALANCE_NAMED_IN_CURRENCY = /^(?:solde|saldo|balance|kontostand)\s+(?:in|en|em|im)\s/;

/**
 * A balance named by its word and the day it stood at, "<balance> on" before a date: Russian
 * "Доступно на 01.09.26" (available on: Kaspi Gold's summary, its money at the period's start and
 * end), "Остаток на …", "Баланс на …", Ukrainian "Залишок на …". Matched against the folded words
 * of a line but its date and its amount; which balance it is, the day says (the period's first
 * or last).
 */
export const DATED_BALANCE_WORDS = new RegExp(`^(?:${fold("доступно|остаток|баланс|сальдо|залишок|доступный остаток|доступний залишок")}) на$`);

/** Serbian Cyrillic totals ("УКУПНО ПРОМЕТ:", "Укупно"), Ukrainian and Russian ("Разом", "Всього", "Итого");
 *  Russian turnovers ("Обороты за период", "Оборот по дебету"); Kazakh ("Барлығы", "Жиыны") and
 *  Mongolian ones ("Нийт дүн": Khan Bank's sums of its debit and credit columns; "Нийт": in all). */
const SUMMARY_CYRILLIC = "укупно|укупни промет|укупан промет|разом|всього|усього|итого|всего|обороты|оборот|барлығы|жиыны|нийт";

/** Georgian totals: the turnover (ბრუნვა: TBC, under its rows; დებეტური / კრედიტული ბრუნვა, the
 *  debit's and the credit's), the total (სულ, ჯამი). */
const SUMMARY_GEORGIAN = "ბრუნვა|დებეტური ბრუნვა|კრედიტული ბრუნვა|სულ|ჯამი";

/** Thai totals, opening their line ("รวมถอนเงิน 33 รายการ": the withdrawals summed, and their count;
 *  ยอดรวม, รวมทั้งสิ้น: in all). */
const SUMMARY_THAI = "ยอดรวม|รวมทั้งสิ้น|รวมทั้งหมด|รวมถอน|รวมฝาก|รวมรายการ|รวมยอด|รวมเงิน";

/** Totals under a table or in a summary box; an overview's heading alone ("Übersicht", under which
 *  N26 sums "Ausgehende Transaktionen" and "Eingehende Transaktionen") ends the table. Czech sums
 *  what was credited and debited ("Připsáno celkem (12)", "Odepsáno celkem"); Croatian its turnover
 *  ("Ukupni promet"); a Turkish total ends its name ("Asıl Kart Toplamı": the main card's total) or
 *  opens it ("Toplam Worldpuan"). Indonesian sums the credits and the debits with their counts
 *  ("MUTASI CR : 40,968,456.78 11", "MUTASI DB": BCA), Slovak its turnovers ("Kreditné obraty (5)"),
 *  Spanish its columns ("SUMAN"). A table's "NET TOTAL" (its debits and credits summed apart: Merrill) and "GRAND TOTAL" too.
 *  The Baltic turnovers and totals: Estonian "Käive (deebet)", "Deebetkäive", "Broneeringud kokku"
 *  (Kokku: in all, ending a short line: "kokku lepitud", agreed, opens a description); Lithuanian
 *  "Apyvarta", "Debeto apyvarta", "Iš viso"; Latvian "Apgrozījums", "Kopā". Thai totals (SUMMARY_THAI);
 *  Vietnamese "Tổng số" and "Tổng cộng" (in all), "Tổng phát sinh" (the turnover), "Tổng" alone. */
export const SUMMARY_LINE =
  new RegExp(`${/^(?:(?:deebet|kreedit)?kaive|(?:debeto |kredito )?apyvarta|(?:debeta |kredita )?apgrozijums)\b|^(?:[a-z]+ ){0,2}kokku(?: \([a-z]+\))?$|^(?:kopa|is viso)(?: [a-z]+){0,2}$/.source}|${/^(?:statement summary|ubersicht$|kontoubersicht$|(?:ausgehende|eingehende) transaktionen|net total|grand total|total|totals|sub-?total|sub total|sum|summe|summa|gesamt|zwischensumme|umsatzsumme|total des|totaux|sous-total|montant total|totaal|subtotaal|totales?|suma|importe total|celkem|osszesen|obraty celkem|rulaj|ukupno|ukupni promet|ukupan promet|skupaj|toplam|suman|mutasi (?:cr|db|debet|kredit))\b|\b(?:yhteensa|rulaj (?:zi|total)|(?:pripsano|odepsano) celkem|(?:kreditne|debetne) obraty)\b|\btoplam[iı]?$|\b(?:(?:indsat|hævet|haevet|indbetalt|udbetalt|innskudd|uttak) i alt|total (?:debits|credits|withdrawals|deposits|checks|cheques|paid (?:out|in)|money (?:out|in)|fees|payments|charges|purchases|transactions)|summe (?:soll|haben)|total des (?:debits|credits|operations))\b/.source}|^${greek("συνολα κινησης|συνολα|συνολο|γενικο συνολο")}|^solde en (?:euros?|eur)(?![a-z])|^${cyrillic(SUMMARY_CYRILLIC)}|^${georgian(SUMMARY_GEORGIAN)}|^${thai(SUMMARY_THAI)}|${/^tong(?: so| cong| phat sinh(?: no| co)?)?(?:\s*[/:]|$)/.source}`
  // A table's turnover, as many banks name the sums of its debit and credit columns under the rows
  // ("Turnover", "Debit turnover", "Turnover for the period").
  + `|${/^(?:(?:debit|credit|total) )?turnovers?\b/.source}`
  // The checks paid and their count, a section's total ("Conventional Checks Paid (5)": U.S. Bank).
  + `|${/^(?:[a-z]+ )?(?:checks|cheques) (?:paid|cleared|presented)(?: [a-z]+)? \(\d{1,4}\)$/.source}`);

/**
 * The English half of a bilingual label, the other half in another script ("სულ / Total", "Итого /
 * Total": a Georgian or Russian word, then its English): the half in Latin letters, which says
 * what the line is where the other half's language is not known. Undefined for any other label.
 */
export function englishHalf(label: string): string | undefined {
  const halves = label.split(" / ");
  if (halves.length !== 2) return undefined;
  const [own, english] = halves.map((h) => h.trim()) as [string, string];
  if (!/\p{L}/u.test(own) || /[a-z]/.test(own) || !/^[a-z]+(?: [a-z]+){0,3}$/.test(english) || own.split(" ").length > 4) return undefined;
  return english;
}

/** A total's generic word opening a label, and the rest of the label after it. */
const GENERIC_TOTAL = /^(?:total|totals|totaux|totales?|totaal|sum|summe|summa|suma|gesamt|turnovers?)\s+(.+)$/;

/**
 * The words that say what a total sums ("for this period", "des mouvements", "der Umsätze"): in a
 * total's label after its word. Folded, one word each.
 */
const TOTAL_QUALIFIER =
  /^(?:of|for|the|this|period|month|statement|page|day|daily|end|at|to|date|year|ytd|in|out|and|other|new|debits?|credits?|movements?|operations?|transactions?|amounts?|balances?|paid|money|withdrawals?|deposits?|fees?|charges?|charged|payments?|purchases?|interest|checks?|cheques?|cleared|additions|subtractions|adjustments|du|des|de|la|le|les|et|periode|mois|mouvements|debit|credit|del|el|los|las|y|periodo|mes|movimientos|cargos|abonos|der|die|das|und|fur|den|zeitraum|monat|umsatze|soll|haben|van|het|en|maand|bij|af|debet|dei|movimenti|do|da|dos|e|lancamentos|movimentos)$/;

/** A total's line: its label a total's (SUMMARY_LINE), or, on a line without a date, its English
 *  half in a bilingual label (a dated row's "გადახდა / Total Energies" is a payment's description).
 *  On a dated line a total's generic word followed by words that say nothing of a total ("TOTAL
 *  ENERGIES WAVRE", "Total Wine & More", "SUM UP *CAFE": merchants) opens a row's description:
 *  a total is dated rarely, and then says what it sums ("Total for the period"). */
export function isSummaryLabel(label: string, dated: boolean): boolean {
  if (SUMMARY_LINE.test(label)) {
    const generic = dated ? GENERIC_TOTAL.exec(label) : null;
    return generic === null || generic[1]!.split(/\s+/).every((word) => !/\p{L}/u.test(word) || TOTAL_QUALIFIER.test(word.replace(/[^\p{L}]/gu, "")));
  }
  const english = dated ? undefined : englishHalf(label);
  return english !== undefined && SUMMARY_LINE.test(english);
}

/**
 * Figures of the period or the year printed under the rows, after the last one, without a date:
 * the average balance ("SALDO PROMEDIO DEL PERIODO", "Average daily balance", "Solde moyen") and
 * the interest or dividends paid so far this year ("INTERESES PAGADOS EN EL AÑO": Scotiabank
 * Colpatria; "Interest paid year to date"), and the balance available to spend, the booked one less
 * the card payments held ("Available balance", Estonian "Vaba jääk" under LHV's reservations,
 * Latvian "Pieejamais atlikums", Lithuanian "Disponuojamas likutis"): no balance of the ledger,
 * whose closing balance is the booked one. Neither a row nor the last row's text. Matched against
 * a line's folded label (its words without money or dates).
 */
export const PERIOD_FIGURE =
  /^(?:(?:available balance|vaba jaak|kasutatav jaak|pieejamais atlikums|disponuojamas likutis|galimas likutis)\b|(?:saldo (?:promedio|medio)|average (?:daily |ledger |collected |monthly )?balance|avg\.? (?:daily )?balance|solde moyen|durchschnitt(?:s|licher )?saldo|gemiddeld saldo)\b|(?:intereses|interest|dividends?|rendimientos) (?:pagados|abonados|paid|earned|credited)\b.*\b(?:en el ano|del ano|ano corrido|(?:this|in the|for the) year|year[- ]to[- ]date|ytd)\b)/;

/**
 * A card's total of its purchases named after the card or its holder, its words inside the line
 * ("Tarjeta 4528 Total Consumos de MARTIN A PEREZ": Argentine card statements), as "total
 * purchases" is in SUMMARY_LINE: a subtotal of the rows above, no row.
 */
export const PURCHASES_TOTAL = /\btotal (?:de )?(?:consumos|compras)\b/;

/**
 * The heading of a card statement's table of installments still to come, month by month
 * ("CUOTAS A VENCER" over "Abril 2026  72.883,16": Argentine card statements; "Próximas cuotas",
 * Portuguese "Parcelas a vencer"): no rows of the statement, and the transactions end above it.
 */
export const FUTURE_INSTALLMENTS = /^(?:cuotas (?:a vencer|futuras|pendientes)|proximas cuotas|parcelas (?:a vencer|futuras)|proximas parcelas|future installments|upcoming installments)\b/;

/** A footnote: a line that opens with the mark it explains ("* Gap in check sequence", "** Includes …"). */
export const FOOTNOTE = /^\s*(?:\*{1,3}|†|‡)\s+\p{L}/u;

/**
 * Page furniture: page numbers and continuation notes. A bare "N/M" is a page number only with
 * few digits ("2/3"), never an account number and its bank code ("2501234567/2010": Czech);
 * the reader checks that N is no more than M.
 */
export const PAGE_FURNITURE =
  /^(?:page|seite|blatt|pagina|pag\.?|folio|p\.|side|strana|sida|oldal|σελιδα)\s*\d+(?:\s*(?:of|von|sur|de|van|af|av|z|απο|\/)\s*\d+)?$|\b(?:page|seite|blatt|pagina|side|strana|sida)\s+\d+\s*(?:of|von|sur|de|van|af|av|z|\/)\s*\d+\b|^\d{1,3}\s*\/\s*\d{1,3}$|\b(?:continued|continues|fortsetzung|suite au verso|suite|vervolg|continua)\b(?:\s+(?:on|from|auf|sur|op|overleaf)\b.*|\s*\/.*|\s*(?:>+|»|\.{3}|…))?$/;

/**
 * Section headings of statements that group their rows by direction (US business checking:
 * "DEPOSITS AND ADDITIONS", "ELECTRONIC WITHDRAWALS", "CHECKS PAID", "CHECKS IN NUMBER ORDER"), whose amounts are then
 * printed without a sign; and sections that list balances, not transactions ("DAILY ENDING
 * BALANCE"). U.S. Bank's "Customer Deposits", "Card Withdrawals" and "Checks Presented
 * Conventionally" (or "Electronically": the checks paid, their amounts bare). Matched against a
 * whole line without money or dates, "(continued)" removed.
 */
const SINGLE_MONEY_IN =
  /^(?:deposits?(?: and (?:additions|other credits))?|other deposits|customer deposits|credits|other credits|(?:ach |other |electronic )?additions|electronic deposits|electronic credits|incoming (?:payments|transfers|wires)|money in|payments received|ach credits|wire transfers in|deposits and credits|payments and (?:other )?credits|payments, credits and adjustments)$/;
const SINGLE_MONEY_OUT =
  /^(?:withdrawals?(?: and (?:other debits|subtractions))?|electronic withdrawals|other withdrawals|(?:checks|cheques)(?: paid| cleared| written)?(?: in (?:check |cheque )?(?:number|numerical|serial) order)?|(?:checks|cheques) presented(?: conventionally| electronically)?|card withdrawals|atm (?:and|&) debit card (?:withdrawals|transactions|purchases)|card purchases|debit card (?:purchases|transactions|withdrawals)|fees(?: charged)?|service fees|service charges(?: (?:and|&) fees)?|fees (?:and|&) (?:service )?charges|(?:ach |other |electronic )?deductions|other debits|debits|subtractions|other subtractions|electronic payments|payments made|ach debits|wire transfers out|money out|withdrawals and debits|purchases?(?: and (?:adjustments|other debits|other charges))?|cash advances?|interest charged|interest charges|interest (?:&|and) fees|fees (?:&|and) interest|fees and interest charged)$/;

/**
 * A heading that lists kinds of rows of one direction ("Other withdrawals, debits and service
 * charges", "Deposits, credits and interest": Truist), one of them a direction's own word.
 */
function sectionList(items: string, strong: string): RegExp {
  return new RegExp(`^(?=.*\\b(?:${strong})\\b)${items}(?:(?:, and |, | and | & | ?/ ?)${items})+$`);
}
const LISTED_MONEY_IN = sectionList("(?:other |electronic )?(?:deposits?|credits?|additions|interest(?: earned| paid)?|refunds)", "deposits?|credits?|additions");
const LISTED_MONEY_OUT = sectionList(
  "(?:other |electronic |atm |card |debit card |ach |pos |substitute |banking/debit card |atm/debit card |debit/atm card )?(?:withdrawals?|debits?|subtractions|deductions|checks(?: paid| cleared| written)?|cheques(?: paid| written)?|service (?:charges|fees)|fees|charges|purchases|bill payments?)",
  "withdrawals?|debits?|subtractions|deductions|checks|cheques|purchases",
);

export const MONEY_IN_SECTION = new RegExp(`${SINGLE_MONEY_IN.source}|${LISTED_MONEY_IN.source}`);
export const MONEY_OUT_SECTION = new RegExp(`${SINGLE_MONEY_OUT.source}|${LISTED_MONEY_OUT.source}`);

/** (Or the header of such a list printed several across, a date and a balance per copy ("Date
 *  Ending Balance  Date  Ending Balance …": U.S. Bank's "Balance Summary", a heading other banks give
 *  their summary of the opening and closing balances; "Date Balance Date Balance Date Balance":
 *  Huntington's "Balance Activity"): balances, not transactions, whatever heading stands above it.) */
export const BALANCE_SECTION =
  /^(?:daily (?:ending |ledger |account |closing )?balances?(?: summary| detail)?|ending daily balances?|daily balance summary|balances by date)$|^(?:date (?:ending |daily |ledger |closing )?balance ?){2,}$/;

/**
 * A heading that starts a section of pending (not yet posted) transactions: card payments held on
 * the account ("blokace na kartě", "Vormerkungen", "reservationer") and Itaú's "lançamentos
 * futuros", scheduled ones. Estonian "Broneeringud" (reservations: LHV lists the card payments
 * held after the closing balance), "Broneeritud summad", "Ootel tehingud" (waiting); Latvian
 * "Rezervētās summas", "Rezervētie darījumi"; Lithuanian "Rezervuotos sumos", "Rezervuotos operacijos".
 */
export const PENDING_SECTION =
  /^(?:pending(?: transactions| items| card transactions)?|transactions? pending|not yet posted|vorgemerkte (?:umsatze|buchungen)|vormerkungen|operations en cours|operations en attente|in behandeling|nog niet verwerkt|movimientos pendientes|pendientes?|lancamentos futuros|(?:transacoes|movimentos) pendentes|(?:operazioni|movimenti) in attesa|nezauctovane (?:transakce|transakcie|platby|polozky|operace)|blokace(?: na karte| karet)?|(?:transakcje|operacje) oczekujace|blokady(?: na karcie)?|fuggo (?:tetelek|tranzakciok)|reservationer|reservasjoner|reserverade belopp|reserverede bel(?:o|ø)b|reserverte bel(?:o|ø)p|katevaraukset|(?:kaardi)?broneeringud|broneeritud (?:summad|tehingud|kaardimaksed)|ootel (?:olevad )?(?:tehingud|kanded)|rezervetas summas|rezervetie darijumi|rezervuotos (?:sumos|operacijos)|laukiancios operacijos)\b|^(?:færslur i vinnslu|obokaðar færslur)\b/;

/**
 * What a row prints in its posting-date column until it posts, beside the date of the transaction
 * ("Pending": KeyBank's account activity; "Pend", "Processing", "Memo post", "In process"; German
 * "Vorgemerkt", French "En cours" / "En attente", Spanish "Pendiente", Portuguese "Pendente"): a
 * pending row. Matched against the cell's folded words.
 */
export const NOT_YET_POSTED = /^(?:pending|pend|processing|in process|memo post(?:ed)?|not yet posted|unposted|vorgemerkt|en cours|en attente|pendiente|pendente|in attesa)$/;

/**
 * A heading that starts a section of posted transactions, alone on its line ("Posted
 * transactions", "Completed transactions", "Cleared", "Bokförda transaktioner"): after a pending
 * section, the rows under it are booked ones again. Matched against the whole folded label.
 */
export const POSTED_SECTION =
  /^(?:posted|cleared|completed|booked|settled|processed)(?: (?:transactions|items|activity|card transactions))?$|^(?:bokforda transaktioner|gebuchte umsatze|operations comptabilisees|movimientos contabilizados)$|^bokaðar færslur$/;

/** A heading that starts a section of reverted transactions: card payments authorised and then
 *  released, which never reached the balance (e-money statements list them after the rest). */
export const REVERTED_SECTION = /^(?:reverted(?: transactions| payments| card payments)?|stornierte (?:umsatze|transaktionen)|operations annulees)\b/;

/**
 * A heading over a sub-account's own statement, after the account's rows ("Pot statement: Rent Pot
 * & Holiday Pot": Monzo's pots; a space's, a vault's, a pocket's or a savings goal's): money set
 * apart inside the account, with its own balances and rows, which the account's balances exclude.
 */
export const SUB_ACCOUNT_SECTION = /^(?:(?:savings? )?(?:pots?|spaces?|vaults?|pockets?|jars?)|savings goals?) (?:statement|transactions|activity|history)\b/;

/** A heading that names a card by its holder and masked number ("Liam D Nguyen Card number 5520 XXXX XXXX 7730"), or
 *  by the digits its number ends in ("JOHN SMITH  Card Ending 1-01005": American Express): the rows under it are that card's. */
export const CARD_HEADING = /\bcard (?:number|no\.?|ending(?: in)?)\b.*\b(?:x{4}|\*{4})\b|\bcard ending(?: in)? ?[\dx*-]{4,}$/;

/**
 * A card member's total, undated: the holder's name and the card's ending with an amount ("JOHN
 * SMITH  Card Ending 1-01005  $14,605.44" under New Charges' "Summary": American Express), no row.
 * (A name of one to four words, none a transfer's: "Payment to card ending 1234" is a row's text.)
 */
export const CARD_MEMBER_TOTAL = /^(?!.*\b(?:to|from|for|payments?|pymt|pmt|transfer|xfer|deposit|withdrawal|autopay|refund|credit|debit)\b)(?:[a-z][a-z'.-]* ){1,4}card ending(?: in)? ?[\dx*-]{4,}$/;

/**
 * A heading of the spending summed per user, card member or category after a card statement's
 * table ("Spend by user": Brex; "Spending by card member", "Summary by user"): the lines under it
 * (a name and its total, undated) are a summary, no rows.
 */
export const SPEND_BY_HEADING = /^(?:spend|spending|total spend|summary|totals?) by (?:users?|card ?members?|cardholders?|card holders?|employees?|members?|cards?|categor(?:y|ies)|departments?|teams?)$/;

/** Words that make a statement a credit-card statement (Turkish "Asgari Ödeme Tutarı": the minimum payment;
 *  Bulgarian "кредитна карта", "Кредитен лимит", "Минимална вноска"). */
export const CREDIT_CARD_SIGNS = new RegExp(
  `${/\b(?:credit card|creditcard|card statement|minimum (?:payment|amount) due|minimum payment|credit limit|available credit|payment due date|kreditkarte|kreditkartenabrechnung|mindestbetrag|kreditlimit|verfugungsrahmen|carte de credit|paiement minimum|plafond de credit|tarjeta de credito|pago minimo|limite de credito|asgari odeme)\b/.source}|${cyrillic("кредитна карта|кредитен лимит|минимална вноска")}`,
);

/**
 * Rows that pay a card or credit it (matched against a row's folded description): the payment
 * of the last balance, its direct debit, a refund (Turkish "ÖDEME", "İADE"). On a card statement
 * their sign is a payment's.
 */
export const CARD_CREDIT_ROW =
  /\b(?:payment|payment received|thank you|refund|zahlung|einzahlung|lastschrift|gutschrift|ruckzahlung|erstattung|ruckerstattung|paiement|versement|remboursement|pago|abono|devolucion|betaling|storting|terugbetaling|pagamento|rimborso|accredito|odeme|iade)\b/;

/**
 * The words that name a date as the statement's own, the day it was drawn up (folded, at the end
 * of the text before the date): "Statement Date :", "Tarikh Penyata / Statement Date" (Public
 * Bank), a card's "Closing Date:", "Date du relevé", "Fecha de corte", "Data do extrato",
 * "Auszugsdatum", "Afschriftdatum". Not a payment's due date, nor a date of printing.
 */
export const STATEMENT_DATE_LABEL =
  /(?:^|\s)(?:statement (?:date|closing date)|date of (?:this )?statement|(?:statement )?closing date|statement as (?:of|at)|tarikh penyata|date (?:du|de|d'arrete du) releve|date d'arrete|fecha (?:del? )?(?:extracto|corte)|data (?:do )?extrato|auszugsdatum|afschriftdatum|datum (?:van het )?afschrift)\s*[:/-]?$/;

/** Statement period wording (before two dates): "Statement period", "Zeitraum", "du … au …". */
export const PERIOD_WORDS =
  /\b(?:statement period|period|periode|period covered|statement dates?|from|zeitraum|abrechnungszeitraum|kontoauszug vom|vom|du|periode du|periode|van|over de periode|periodo|del|desde)\b/;

/** Words that name the period a month and its year stand for ("PERIODE : MARET 2026"; the statement's
 *  own title, "Kontoauszug März 2026": ING), at the end of the (folded) text before the month: the
 *  statement period's own name, in the languages that print it so. */
export const MONTH_PERIOD_WORDS = /(?:^|\s)(?:statement period|period|periode|periodo|periood|zeitraum|abrechnungszeitraum|kontoauszug)$/;

/** Range separators between the two dates of a period ("od 01.05.2025. do 31.05.2025.": Croatian,
 *  Czech, Polish and their neighbours; "с 01.09.26 по 30.09.26": Russian and Ukrainian, Bulgarian "до"). */
export const RANGE_SEPARATOR = /^(?:-|–|—|to|through|thru|until|till|bis|au|a|al|hasta|tot|t\/m|tm|do|по|до|-\s*)$/;

/** Words that introduce a statement's currency: "Currency:", "Währung", "All amounts in", "All amounts
 *  shown on this statement are in" (CommBank's terms page), "Montants en",
 *  "Tous les montants sont exprimés en" (UNI), "Valores em" (Caixa: "Valores em: R$ (reais)"),
 *  "Valores expresados en" (Nequi), "Cifras expresadas en" (Scotiabank Colpatria), Indonesian
 *  "Mata uang", Estonian "Valuuta", Lithuanian "Valiuta". */
const CURRENCY_WORDS =
  // Chinese: 币种 and 货币 (China), 幣別 and 貨幣 (Taiwan): "币种：人民币", "幣別：新臺幣 (TWD)".
  "币种|币别|货币|幣別|幣種|貨幣|" +
  // Thai: the currency (สกุลเงิน); Vietnamese: the kind of money (Loại tiền), the currency unit (Đơn vị tiền tệ).
  `${fold("สกุลเงิน")}|loai tien|đon vi tien te|` +
  "mata uang|valuuta|valiuta|valores (?:expresados |expressos )?(?:en|em)|(?:cifras|montos) (?:expresad[oa]s )?en|currency|account currency|mena uctu|mena|penznem|szamla penzneme|devizaneme|devizanem|moeda|wahrung|kontowahrung|devise|monnaie|valuta|waluta|waluta rachunku|munteenheid|moneda|divisa|(?:amounts?|transactions) (?:(?:shown|stated|printed) on (?:this|the|your) statement )?(?:are )?(?:shown |stated |expressed )?in|betrage (?:sind )?(?:angegeben )?in|montants (?:sont )?(?:exprimes )?en|bedragen (?:zijn )?(?:(?:uitgedrukt|vermeld) )?in|importes (?:expresados )?en|doviz cinsi|para birimi|alle bel(?:o|ø)[pb] i|alla belopp i|νομισμα"
  // Italian: the amounts' currency ("Importi espressi in Euro": Intesa Sanpaolo; "Gli importi sono in euro").
  + "|importi (?:sono )?(?:espressi |indicati )?in"
  // Icelandic: the currency (Mynt, "Mynt ISK").
  + "|mynt"
  // The account's currency in Serbian, Ukrainian and Russian ("Валута рачуна: RSD", "Valuta računa", "Валюта рахунку: UAH (гривня)").
  + "|valuta racuna|valuta kartice|валута рачуна|валута картице|валюта рахунку|валюта рахунка|валюта картки|валюта счета|валюта карты|валута|валюта"
  // Mongolian (Валют: MNT), Kazakh (Шот валютасы: the account's currency), Georgian (ვალუტა).
  + "|валют|шот валютасы|валютасы|ვალუტა";

/** "Currency: EUR", "Währung EUR", "All amounts in USD", "Montants en EUR", "Transactions in RAND (ZAR)",
 *  "Valores expresados en pesos colombianos (COP)" (the currency's name may stand before its code
 *  only when the code is in parentheses), "Döviz Cinsi : TL", "Valores em: R$ (reais)", "Mata Wang /
 *  Currency : RM" (Public Bank: the ringgit's mark; a mark that says one currency, as amounts.ts
 *  reads it beside an amount), "Moneda: Gs." (the guaraní's). */
export const STATED_CURRENCY = new RegExp(`${WORD_START}(?:${CURRENCY_WORDS})\\s*[:：]?\\s*(?:(?:[a-z]+ ){1,3}(?=\\())??\\(?([a-z]{3}\\b|tl\\b|rm\\b|gs\\b\\.?|r\\$|us\\$|[€£₩₲₸₮₾₼₴₽])`);

/**
 * Currencies by their names in words (folded), as some statements print them instead of a code
 * ("SINGAPORE DOLLAR" under the account's name). Only names that say one currency: "dollar",
 * "krone" or "peso" alone do not.
 */
const CURRENCY_NAMES: ReadonlyMap<string, string> = new Map([
  ["singapore dollar", "SGD"], ["hong kong dollar", "HKD"], ["australian dollar", "AUD"], ["new zealand dollar", "NZD"], ["canadian dollar", "CAD"],
  ["us dollar", "USD"], ["u.s. dollar", "USD"], ["u. s. dollar", "USD"], ["united states dollar", "USD"], ["euro", "EUR"], ["pound sterling", "GBP"],
  ["british pound", "GBP"], ["japanese yen", "JPY"], ["swiss franc", "CHF"], ["south african rand", "ZAR"], ["indian rupee", "INR"],
  ["chinese yuan", "CNY"], ["renminbi", "CNY"], ["swedish krona", "SEK"], ["norwegian krone", "NOK"], ["danish krone", "DKK"],
  ["polish zloty", "PLN"], ["mexican peso", "MXN"], ["philippine peso", "PHP"], ["malaysian ringgit", "MYR"], ["romanian leu", "RON"], ["brazilian real", "BRL"], ["uae dirham", "AED"], ["saudi riyal", "SAR"], ["israeli new shekel", "ILS"],
  // Spanish names, as Latin American banks print the account's currency ("Moneda: Peso Chileno").
  ["peso chileno", "CLP"], ["peso mexicano", "MXN"], ["peso colombiano", "COP"], ["peso argentino", "ARS"], ["peso uruguayo", "UYU"],
  ["sol peruano", "PEN"], ["soles", "PEN"], ["nuevos soles", "PEN"], ["dolar estadounidense", "USD"],
  // Paraguay's guaraní, which no other currency is called ("Moneda: GUARANIES": Itaú Paraguay).
  ["guarani", "PYG"], ["guaranies", "PYG"],
  // Their plurals, as a sentence names the amounts' currency ("Cifras expresadas en pesos colombianos").
  ["pesos chilenos", "CLP"], ["pesos mexicanos", "MXN"], ["pesos colombianos", "COP"], ["pesos argentinos", "ARS"], ["pesos uruguayos", "UYU"], ["dolares estadounidenses", "USD"],
  // French ("Tous les montants sont exprimés en dollars canadiens": UNI, Desjardins) and Malay names.
  ["dollar canadien", "CAD"], ["dollars canadiens", "CAD"], ["dollar americain", "USD"], ["dollars americains", "USD"], ["ringgit malaysia", "MYR"], ["ringgit", "MYR"],
  // The currencies printed in whole units (WHOLE_UNIT_CURRENCIES), by their English names and the
  // ones their banks print: Indonesian "Rupiah", Icelandic "íslenskar krónur".
  ["paraguayan guarani", "PYG"], ["chilean peso", "CLP"], ["colombian peso", "COP"], ["korean won", "KRW"], ["south korean won", "KRW"],
  ["hungarian forint", "HUF"], ["indonesian rupiah", "IDR"], ["rupiah", "IDR"], ["vietnamese dong", "VND"], ["icelandic krona", "ISK"],
  ["islenskar kronur", "ISK"], ["new taiwan dollar", "TWD"], ["uganda shilling", "UGX"], ["ugandan shilling", "UGX"],
  // The tenge in Russian and Kazakh ("Валюта счета: тенге": Kaspi), the tögrög in Mongolian, the lari in Georgian.
  [fold("тенге"), "KZT"], [fold("теңге"), "KZT"], ["kazakhstani tenge", "KZT"], [fold("төгрөг"), "MNT"], ["mongolian tugrik", "MNT"], [fold("ლარი"), "GEL"], ["georgian lari", "GEL"],
]);
const NAME_PATTERN = [...CURRENCY_NAMES.keys()].map((n) => n.replace(/[.]/g, "\\.")).join("|");
/** A line that is a currency's name and nothing else, or its name after the words that introduce one
 *  ("Currency: Singapore Dollar", "All amounts in Hong Kong Dollars"), these words perhaps closed
 *  by the exception all such sentences make ("All amounts are in Canadian dollars unless otherwise
 *  indicated.": Canadian Tire). */
const NAMED_CURRENCY = new RegExp(`^(?:(?:all )?(?:${CURRENCY_WORDS})\\s*[:：]?\\s*)?(${NAME_PATTERN})s?(?:(?<=(?:${CURRENCY_WORDS}) \\S.*),? unless (?:otherwise )?(?:indicated|stated|noted|shown|specified)\\.?|(?<=(?:${CURRENCY_WORDS}) \\S.*)\\.)?$`);

/** A line that names the currency "pesos" and nothing more ("MONEDA PESOS", "Moneda: Pesos"):
 *  a peso, but not whose. */
export const PESOS_NAMED = new RegExp(`^(?:${CURRENCY_WORDS})\\s*[:：]?\\s*pesos?$`);

/** Chile's own marks on a statement (folded): its word for one, "cartola", and its tax number
 *  ("RUT 76.543.210-K"). What a peso, or a "$", means there: the Chilean peso. */
export const CHILEAN_MARKS = /\bcartola\b|\brut\b\s*:?\s*\d{1,2}\.\d{3}\.\d{3}-[\dk]\b/;

/**
 * Currencies by the word a sentence in the statement's language names them with ("Montants
 * exprimés en euros": Crédit du Nord; "Beträge in Euro", "Valores em reais"): only the common
 * words that say one currency. "Dollars", "dólares", "pesos", "kroner" or "rupees" alone say none
 * (as a "$" alone says none).
 */
const CURRENCY_WORDS_IN_SENTENCES: ReadonlyMap<string, string> = new Map([
  ["euro", "EUR"], ["euros", "EUR"], ["reais", "BRL"], ["pounds sterling", "GBP"], ["sterling", "GBP"], ["libras esterlinas", "GBP"],
  ["yen", "JPY"], ["swiss francs", "CHF"], ["francs suisses", "CHF"], ["schweizer franken", "CHF"], ["franchi svizzeri", "CHF"],
  ["forint", "HUF"], ["zlotych", "PLN"], ["złotych", "PLN"], ["kronor", "SEK"], ["rand", "ZAR"], ["lei", "RON"],
  // Chinese names (simplified and traditional): the renminbi, the New Taiwan dollar, the Hong Kong dollar, the US dollar.
  ["人民币", "CNY"], ["人民幣", "CNY"], ["新臺幣", "TWD"], ["新台幣", "TWD"], ["新台币", "TWD"], ["台币", "TWD"], ["臺幣", "TWD"], ["港币", "HKD"], ["港幣", "HKD"], ["美元", "USD"],
]);
/** The words that introduce a currency, then its name, anywhere in a line ("Relevé n° 3 • Montants
 *  exprimés en euros"), the name a whole word. */
const CURRENCY_IN_SENTENCE = new RegExp(`${WORD_START}(?:${CURRENCY_WORDS})\\s*[:：]?\\s*(${currencyNamePattern()})(?![\\p{L}\\d])`, "u");

/** The currencies' words and names (and the names' plurals), longest first, as alternatives of a pattern. */
function currencyNamePattern(): string {
  return [...CURRENCY_WORDS_IN_SENTENCES.keys(), ...[...CURRENCY_NAMES.keys()].flatMap((n) => [`${n}s`, n])]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.]/g, "\\."))
    .join("|");
}

/** A money column named with its currency in words, after "in" ("Bedrag" over "in euro": ICS;
 *  "Saldo in Euro", "Montant en euros"), the name ending the column's (folded) name. */
const CURRENCY_IN_COLUMN_NAME = new RegExp(`(?:^|\\s)(?:in|en|em|im)\\s+(${currencyNamePattern()})$`);

/** The code of the currency a money column's (folded) name names in words, if it names one. */
export function currencyInColumnName(foldedLabel: string): string | undefined {
  const name = CURRENCY_IN_COLUMN_NAME.exec(foldedLabel.replace(/\s+/g, " ").trim())?.[1];
  return name === undefined ? undefined : (CURRENCY_WORDS_IN_SENTENCES.get(name) ?? CURRENCY_NAMES.get(name) ?? CURRENCY_NAMES.get(name.slice(0, -1)));
}

/** The code of the currency a whole (folded, trimmed) line names in words, if it names one; or
 *  that a sentence in it names by the currency's word. */
export function currencyNamedBy(foldedLine: string): string | undefined {
  const line = foldedLine.replace(/\s+/g, " ");
  const m = NAMED_CURRENCY.exec(line);
  if (m) return CURRENCY_NAMES.get(m[1]!);
  const name = CURRENCY_IN_SENTENCE.exec(line)?.[1];
  return name === undefined ? undefined : (CURRENCY_WORDS_IN_SENTENCES.get(name) ?? CURRENCY_NAMES.get(name) ?? CURRENCY_NAMES.get(name.slice(0, -1)));
}

/** Chinese names of a column of currencies: 货币, 币种 (China), 幣別, 貨幣 (Taiwan). */
const CJK_CURRENCY_COLUMN = "^(?:货币|币种|币别|貨幣|幣別|幣種)$";

/** A cell heading a column of currency codes, in an overview of accounts ("Deposits | Account
 *  Number | Currency | Balance": UOB) — a column of words, not of the table's rows; or, in the
 *  table, the column of each row's currency ("记账日期 | 货币 | 交易金额", 人民币 on every row). */
export const CURRENCY_COLUMN = new RegExp(`${/^(?:currency|ccy|curr\.?|currency code|account currency|wahrung|devise|monnaie|moneda|divisa|valuta|waluta|mena|penznem|valuutta|valiuta|valuuta)$/.source}|${CJK_CURRENCY_COLUMN}`);

/** A cell that is a currency and nothing more: its code ("CNY", "EUR") or one currency's name in
 *  words ("人民币": China Merchants Bank prints it on every row under 货币). The currency's code. */
export function currencyOfCell(text: string): string | undefined {
  const t = text.trim();
  if (/^[A-Z]{3}$/.test(t)) return COMMON_CURRENCIES.has(t) ? t : undefined;
  const folded = fold(t);
  return CURRENCY_WORDS_IN_SENTENCES.get(folded) ?? CURRENCY_NAMES.get(folded);
}

/** A statement titled by its currency: "EUR statement" (multi-currency e-money accounts). */
export const CURRENCY_TITLE = /^([a-z]{3}) (?:account )?statement$/;

/**
 * An account named by its currency and kind, as a portfolio summary or the title over its
 * transactions prints it ("HKD Savings 123-456789-833", "HKD Savings Transaction History",
 * "USD Current Account"): the code, the kind, then the end, an account number or the history.
 */
export const CURRENCY_ACCOUNT = /^([a-z]{3}) (?:savings|current|checking|chequing|cheque)(?: account)?(?: (?:(?:a\/c |account )?(?:no\.? )?[\d-]*\d[\d-]*|transaction history|transactions)\b.*)?$/;

/** The same, the code after the account's kind, as Swiss banks print it in their page headers
 *  ("Privatkonto CHF   IBAN CH56 …", "Kontoauszug Privatkonto CHF"). */
export const ACCOUNT_IN_CURRENCY = /^(?:kontoauszug |releve de )?(?:privatkonto|sparkonto|kontokorrent|lohnkonto|compte prive|compte courant|compte epargne|conto privato|conto corrente) ([a-z]{3})\b/;

/**
 * The currency codes a statement's page may state (money.ts's one list), less "ALL": in a page's
 * capitals it is a word ("ALL ACCOUNTS", "PAY ALL") long before it is the Albanian lek.
 */
export const COMMON_CURRENCIES: ReadonlySet<string> = new Set([...KNOWN_CURRENCIES].filter((code) => code !== "ALL"));

/**
 * Currencies their banks print in whole units: every one a statement may state that has no minor
 * units at all (ISO 4217's exponent 0, money.ts: yen, won, króna, Chilean peso, dong, guaraní,
 * Ugandan shilling, the CFA francs), and those whose minor units are no longer used (forint,
 * rupiah, Colombian peso, Taiwan dollar). Only a statement in one of these has its whole numbers
 * read as amounts (whole-units.ts).
 */
export const WHOLE_UNIT_CURRENCIES: ReadonlySet<string> = new Set([
  ...[...KNOWN_CURRENCIES].filter((code) => currencyExponent(code) === 0),
  "HUF", "IDR", "COP", "TWD",
]);
