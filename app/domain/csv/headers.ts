/**
 * Column roles from header names, in the languages of the banks we see: English, German,
 * French, Dutch, Spanish, Italian, Polish, Czech/Slovak, Portuguese, Swedish, Danish,
 * Norwegian, Finnish, Estonian, Hungarian, Turkish, Indonesian, Russian, Ukrainian, Greek, Hebrew, Georgian, Vietnamese, Japanese, Chinese and Korean. Exact names
 * first; then keywords for names we have not listed ("Transaction Posted Date" → a date; in
 * the scripts without spaces between words, a keyword anywhere in the name: 支出金额). Every
 * role a name suggests is checked against the column's content afterwards (detect.ts), so a
 * wrong guess here is corrected there. Names are listed as written; they are compared as
 * normalizeHeaderName leaves them.
 */

import { currencyCodeOf } from "../amount.ts";
import { isKnownCurrency } from "../money.ts";
import { endMark, isSpace, trimCharacters } from "../text.ts";

export type ColumnRole =
  | "date"
  | "valueDate"
  | "description"
  | "payee"
  /** Who paid: beside a payee column, the other party of money in (the payee column names that of money out). */
  | "payer"
  | "amount"
  | "debit"
  | "credit"
  /** A fee charged on top of the amount (Revolut: Amount, Fee): the ledger amount is the amount less it. */
  | "fee"
  /** An amount held on the account, not booked yet (ING Śląski's "Kwota blokady"): a row with only it is pending. */
  | "hold"
  | "direction"
  | "balance"
  | "currency"
  | "category"
  | "reference"
  | "status"
  | "ignore";

const NAMES: Record<Exclude<ColumnRole, "ignore">, readonly string[]> = {
  date: [
    "date", "transaction date", "trans date", "trans. date", "txn date", "tran date", "posting date", "post date", "settlement date", "settled date",
    // The day a card's purchase cleared (posted) beside the day it was made (Divvy's "Clear Date").
    "clear date", "cleared date", "clearing date", "date cleared", "settle date", "processed date", "date processed",
    "posted date", "date posted", "completed date", "booking date", "booked date", "date of transaction", "entry date",
    "reskontradatum", "transaction posted date", "started date", "date (utc)", "operation date", "created", "created at", "created date",
    // When a processor settled the row to the merchant's bank account (Razorpay's "settled_at"):
    // named as a settlement, so dateColumnPriority makes it the ledger's date before "created_at".
    "settled at", "settled on",
    "creation date", "booked at", "booking time", "date completed", "completed", "completed at", "completion time", "completion date",
    // Date-and-time columns (Up's "Time"); a time-of-day column ("09:12:01" beside a Date) is no date and is dropped by its values.
    "time", "timestamp", "date/time", "date time", "datetime", "transaction time",
    "datum", "buchungstag", "buchungsdatum", "buchung", "belegdatum", "umsatzdatum", "transaktionsdatum",
    "date operation", "date d'operation", "date de l'operation", "date de comptabilisation", "date comptable", "date operation bancaire",
    "fecha", "fecha operacion", "fecha de operacion", "fecha contable", "f. operacion", "fecha movimiento", "fecha transaccion",
    "transactiedatum", "boekingsdatum", "boekdatum", "datum transactie",
    "data", "data operazione", "data contabile", "data registrazione", "data movimento",
    "data operacji", "data ksiegowania", "data transakcji", "data zlecenia",
    "datum zauctovani", "datum transakce", "datum provedeni", "datum pohybu", "datum splatnosti", "datum zuctovania",
    "data do movimento", "data lancamento", "data de lancamento", "data mov", "data mov.",
    "bokforingsdag", "bokforingsdatum", "transaktionsdag", "dato", "bogforingsdato", "bokforingsdato", "posteringsdato",
    "kirjauspaiva", "tapahtumapaiva", "paivamaara",
    "kuupaev", "tehingu kuupaev", "kande kuupaev",
    "tanggal", "tanggal transaksi", "tgl", "tgl transaksi", "tgl. transaksi", "tanggal mutasi",
    "konyveles datuma", "konyvelesi datum", "tranzakcio datuma", "datum", "teljesites datuma",
    "tarih", "islem tarihi",
    // Croatian and Slovenian (datum knjiženja), Sabadell's "F. Operativa", Arabic.
    "datum knjizenja", "datum transakcije", "datum izvrsenja", "f. operativa", "fecha operativa",
    // Latvian; Danish "Bogført" (booked) beside Rentedato.
    "datums", "bogfort", "bogfort dato",
    "التاريخ", "تاريخ العملية", "تاريخ المعاملة", "تاريخ الحركة",
    // Arabic posting (entry) dates: Riyad Bank's "تاريخ القيد", "تاريخ الترحيل"; the Gregorian date beside a Hijri one.
    "تاريخ القيد", "تاريخ الترحيل", "التاريخ الميلادي",
    "dagsetning", "data tranzactie", "data tranzactiei", "data operatiunii", "data operatiune",
    "ημερομηνια", "ημ/νια", "ημερομηνια συναλλαγης", "ημ/νια συναλλαγης", "ημερομηνια κινησης", "ημ/νια κινησης",
    "ημερομηνια καταχωρησης", "ημ/νια καταχωρησης",
    "תאריך", "תאריך פעולה", "תאריך הפעולה", "תאריך עסקה", "תאריך רישום", "日付", "取引日", "お取引日", "年月日", "取扱日付", "利用日", "ご利用日", "入出金日", "交易日期", "交易日", "记账日期", "记账日", "入账日期", "日期", "дата", "дата операции", "дата проводки", "дата документа", "дата операції", "дата транзакції", "거래일자", "거래일시", "일자",
    "วันที่", "วันที่ทำรายการ",
    // Vietnamese (BIDV, Vietcombank): "Ngày giao dịch" (transaction date), "Ngày hạch toán" (posting date).
    "ngay giao dich", "ngay gd", "ngay hach toan", "ngay ghi so", "thoi gian giao dich", "ngay",
    // Vietnamese "Ngày thực hiện" (the day carried out), "Ngày GD" spelled out, "Thời gian" (time).
    "ngay thuc hien", "ngay giao dich thuc te", "thoi gian", "ngay chung tu",
    // Georgian (Bank of Georgia, TBC): "თარიღი" (date), "ოპერაციის თარიღი" (the operation's), "გატარების თარიღი" (posting).
    "თარიღი", "ოპერაციის თარიღი", "ტრანზაქციის თარიღი", "გატარების თარიღი", "დოკუმენტის თარიღი", "საბუთის თარიღი",
  ],
  valueDate: [
    "value date", "valuta", "valutadatum", "valuta datum", "wertstellung", "wertstellungsdatum", "wert", "date valeur",
    "date de valeur", "fecha valor", "fecha de valor", "f. valor", "rentedatum", "data valuta", "data waluty", "datum valuty", "vaxtadagur",
    "data valor", "valuteringsdag", "valutadag", "valuteringsdato", "rentedato", "arvopaiva", "erteknap",
    "valor tarihi", "datum valute", "تاريخ القيمة", "вальор", "дата на вальор", "ημερομηνια αξιας", "ημ/νια αξιας", "ημ. αξιας", "תאריך ערך", "起算日", "起息日", "计息日", "дата валютирования",
    // Vietnamese "Ngày hiệu lực" (effective date), "Ngày giá trị" (value date).
    "ngay hieu luc", "ngay gia tri",
    // Georgian "ვალუტირების თარიღი" (value date).
    "ვალუტირების თარიღი",
  ],
  description: [
    "description", "details", "memo", "label", "narrative", "transaction details", "transaction description", "particulars",
    "texti", "skyring", "descriere", "detalii tranzactie", "explicatii",
    "text", "title", "information", "info", "remarks", "notes", "note", "comment", "comments", "additional info", "extended details",
    "reference text", "purpose", "payment details", "description 1", "description 2", "transaction narrative",
    "narration", "transaction narration", "transaction remarks", "payment reference", "zahlungsreferenz", "remittance information", "remittance info",
    "verwendungszweck", "buchungstext", "beschreibung", "umsatztext", "vorgang", "buchungsinformationen", "zahlungsgrund",
    "avisierungstext", "buchungsdetails", "betreff", "hinweis",
    "libelle", "libelle operation", "libelle de l'operation", "detail", "details de l'operation", "libelle simplifie",
    "libelle complementaire", "informations complementaires", "motif",
    "omschrijving", "mededelingen", "transactie", "naam / omschrijving", "naam/omschrijving", "mededeling", "vrije mededeling",
    "concepto", "descripcion", "detalle", "observaciones", "movimiento", "mas datos", "asunto",
    "descrizione", "causale", "dettagli", "descrizione operazione",
    "opis", "tytul", "tytulem", "opis transakcji", "szczegoly",
    "popis", "zprava", "zprava pro prijemce", "poznamka", "popis transakce", "informace",
    "descricao", "historico", "descritivo",
    "meddelande", "beskrivning", "text/mottagare", "transaktionstekst", "tekst", "beskrivelse", "forklaring", "rubrik", "egen notering", "specifikation",
    "mokejimo paskirtis", "paskirtis",
    "opis placanja", "namen placila", "opis transakcije", "opis prometa",
    // What a payment is for, where banks name it so ("Svrha plaćanja", "Namena", "Účel platby",
    // "Zweck", Bank of Georgia's "Operation Content"): the row's main words, beside the partner's name.
    "svrha", "svrha placanja", "svrha uplate", "svrha doznake", "svrha transakcije", "namena", "namena placanja", "namena uplate",
    "namjena", "namjena placanja", "namjena uplate", "namen", "ucel", "ucel platby", "ucel platby/poznamka", "cel platnosci", "cel przelewu",
    "zweck", "zahlungszweck", "purpose of payment", "payment purpose", "transfer purpose", "operation content", "transaction content",
    "payment content", "сврха", "сврха плаћања", "намена", "намена плаћања", "цел на дознака", "основание за плащане", "основание на плащане",
    "დანიშნულება", "გადახდის დანიშნულება", "ოპერაციის შინაარსი", "შინაარსი",
    // Latvian (Swedbank, SEB): "Informācija saņēmējam", the payment's details.
    "informacija sanemejam", "maksajuma merkis", "detalas",
    "تفاصيل العملية", "تفاصيل", "التفاصيل", "الوصف", "وصف", "البيان", "بيان",
    "وصف العملية", "وصف المعاملة", "تفاصيل المعاملة", "ملاحظات",
    "selite", "viesti", "tapahtuma", "selgitus", "makse selgitus", "keterangan", "uraian", "uraian transaksi", "kozlemeny", "megjegyzes", "tranzakcio leirasa",
    "aciklama", "açıklama", "islem aciklamasi", "detay",
    "περιγραφη", "περιγραφη κινησης", "περιγραφη συναλλαγης", "αιτιολογια", "σχολια",
    "הפעולה", "פעולה", "סוג פעולה", "תיאור", "תאור", "תיאור הפעולה", "תיאור התנועה", "פרטים", "פרטים נוספים", "摘要", "内容", "詳細", "お取引内容", "取引内容", "明細", "備考", "交易摘要", "摘要说明", "用途", "备注", "備註", "附言", "交易附言", "說明", "说明", "交易說明", "交易说明", "交易資訊", "交易信息", "交易資料", "описание", "назначение платежа", "назначение", "содержание операции", "основание", "комментарий", "опис", "опис операції", "призначення платежу", "деталі операції", "적요", "내용", "거래내용", "송금메모", "메모",
    "รายการ", "รายละเอียด",
    // Vietnamese "Mô tả giao dịch", "Nội dung" (the transaction's text), "Diễn giải" (explanation).
    "mo ta giao dich", "mo ta", "noi dung", "noi dung giao dich", "dien giai", "chi tiet giao dich",
    // … "Nội dung chuyển khoản" (the transfer's text), "Diễn giải giao dịch", "Ghi chú" (note), "Chi tiết" (details).
    "noi dung chuyen khoan", "noi dung thanh toan", "dien giai giao dich", "ghi chu", "chi tiet",
    // Georgian "აღწერა" (description), "ოპერაციის აღწერა" (the operation's), "დეტალები" (details), "კომენტარი".
    "აღწერა", "ოპერაციის აღწერა", "ტრანზაქციის აღწერა", "დეტალები", "ოპერაციის დეტალები", "კომენტარი",
    // What a marketplace sale was: eBay's and PayPal's "Item title".
    "item title", "item name", "item description", "product name",
  ],
  payee: [
    "payee", "name", "nome", "nom", "payee name", "merchant", "merchant name", "counterparty", "counter party", "counterparty name",
    "beneficiary", "recipient", "payer/payee", "to/from", "from/to", "to / from", "other party", "party",
    "empfanger", "zahlungsempfanger", "auftraggeber / empfanger", "auftraggeber/empfanger",
    "beguenstigter/zahlungspflichtiger", "beguenstigter / zahlungspflichtiger", "name zahlungsbeteiligter", "name des partners",
    "tiers", "beneficiaire", "nom", "emetteur / destinataire", "contrepartie", "nom de la contrepartie",
    "moketojo arba gavejo pavadinimas", "gavejo pavadinimas", "moketojas/gavejas", "gavejas",
    "naam", "tegenpartij", "naam tegenpartij", "naam tegenrekening",
    "beneficiario", "destinatario",
    "kontrahent", "nazwa kontrahenta", "odbiorca", "nadawca/odbiorca", "nadawca / odbiorca", "odbiorca/nadawca",
    "protistrana", "nazev protiuctu", "nazev protistrany", "nazov protiuctu",
    "favorecido", "mottagare", "avsandare", "modtager", "betalningsmottagare", "saaja", "saajan nimi", "saaja/maksaja", "saaja / maksaja",
    "saaja/maksja", "saaja / maksja", "maksja/saaja", "makse saaja",
    "partner neve", "partner", "partener", "nume partener", "name of sender/receiver", "sender/receiver", "empfaenger", "zahlungsempfaenger", "auftraggeber/empfaenger", "auftraggeber / empfaenger", "nume/denumire beneficiar/ordonator", "nume beneficiar/ordonator", "beneficiar/ordonator", "dane kontrahenta", "naziv primaoca/platioca", "naziv primaoca / platioca", "primalac/platilac", "sanemejs/maksatajs", "sanemejs / maksatajs", "maksatajs/sanemejs", "saaja/maksja nimi", "saaja / maksja nimi", "saaja/maksja", "primatelj / platitelj", "primatelj/platitelj", "platitelj / primatelj", "platitelj/primatelj", "primatelj", "prejemnik / placnik", "prejemnik/placnik", "placnik / prejemnik", "placnik/prejemnik", "prejemnik", "kedvezmenyezett", "partner name", "partnername", "name des zahlungspartners",
    "karsı taraf", "δικαιουχος", "αντισυμβαλλομενος", "מוטב", "שם המוטב", "שם בית העסק", "שם בית עסק", "ご利用店名", "利用店名", "加盟店名", "振込依頼人", "相手先", "对方户名", "对方名称", "对方账户名", "交易对方", "收款人", "контрагент", "наименование контрагента", "получатель", "거래처", "보낸분/받는분", "받는분/보낸분", "받는분", "보낸분",
    // MYOB's "Card Name": the card (contact record) of the other party — unless it is a card's own
    // name (detect.ts: beside a merchant column, or naming cards, as Curve's does).
    "card name",
    // Hana Bank's "의뢰인/수취인" (sender/recipient): the other party, either way.
    "의뢰인/수취인", "수취인/의뢰인", "의뢰인", "수취인",
    // The other party of a sale: a marketplace's or processor's buyer (eBay's "Buyer name"), by name.
    "buyer name", "buyer", "customer name",
    // The other party in a bookkeeping or spend platform's words: Sage's "Contact" (the row's
    // customer or supplier), Spendesk's "Supplier" (the merchant).
    "contact", "contact name", "supplier", "supplier name", "vendor", "vendor name",
    // Vietnamese "Đơn vị thụ hưởng", "Người hưởng", "Tên người hưởng" (the beneficiary), "Tên đối ứng" (the other side's name).
    "don vi thu huong", "nguoi thu huong", "nguoi huong", "ten nguoi huong", "ten nguoi thu huong", "ten doi ung",
    // Georgian "მიმღები" (recipient), "ბენეფიციარი", "კონტრაგენტი".
    "მიმღები", "ბენეფიციარი", "კონტრაგენტი", "მიმღების დასახელება",
  ],
  payer: [
    "payer", "payer name", "remitter", "debtor", "debtor name", "zahlungspflichtiger", "zahlungspflichtige", "auftraggeber",
    "ordenante", "remitente", "nadawca", "betaler", "payeur",
    // Finnish: S-Pankki's "Maksaja" beside "Saajan nimi" (the payee's name).
    "maksaja", "maksajan nimi",
    // Vietnamese "Người chuyển" (sender), Georgian "გამგზავნი" (sender), "გადამხდელი" (payer).
    "nguoi chuyen", "ten nguoi chuyen", "გამგზავნი", "გადამხდელი",
  ],
  amount: [
    "money in/out", "paid in/out", "in/out", "credit/debit amount", "debit/credit amount", "amount in/out", "net", "net amount",
    "netto", "nettobetrag", "montant net", "amount", "amt", "transaction amount", "value", "net amount", "amount in", "sum", "total amount", "total", "subtotal",
    "upphaed", "upphaeð",
    "betrag", "umsatz", "buchungsbetrag", "montant", "montant de l'operation", "montant operation",
    "bedrag", "transactiebedrag", "importe", "monto", "cantidad", "importo", "kwota", "kwota operacji", "kwota transakcji",
    "castka", "objem", "suma", "suma saskaitos valiuta", "osszeg", "valor", "montante", "quantia", "belopp", "belob", "belop", "summa", "maara", "rahamaara", "tehingu summa", "jumlah", "nominal",
    "tutar", "islem tutarı", "iznos", "iznos transakcije", "znesek", "المبلغ", "مبلغ", "ποσο", "ποσο συναλλαγης", "ποσο κινησης", "סכום", "סכום הפעולה", "סכום העסקה", "金額", "取引金額", "お取引金額", "ご利用金額", "入出金額", "交易金额", "金额", "发生额", "сумма", "сумма операции", "сумма в валюте счета", "сума", "сума операції", "сума в валюті картки", "сума в валюті рахунку", "금액", "거래금액",
    // A processor's net of fees (Square's "Net Total") and what it pays out to the merchant
    // (SumUp's "Auszahlung"), beside its total before fees (SumUp's "Gesamtbetrag").
    "net total", "payout", "payout amount", "net payout", "auszahlung", "auszahlungsbetrag", "gesamtbetrag",
    // Vietnamese "Số tiền" (amount).
    "so tien", "so tien giao dich",
    // Georgian "თანხა" (amount), "ოპერაციის თანხა" (the operation's).
    "თანხა", "ოპერაციის თანხა", "ტრანზაქციის თანხა",
  ],
  debit: [
    "debit", "debits", "debit amount", "dr", "withdrawal", "withdrawals", "withdrawal amount", "withdrawn", "money out", "paid out", "out",
    "outflow", "outgoing", "spent", "charges", "amount debited", "withdrawals (-)", "debits (-)",
    "soll", "ausgang", "ausgaben", "belastung", "lastschrift",
    "debit (eur)", "montant debit", "debit euros", "sortie", "sorties",
    "debet", "af", "afschrijving", "afschrijvingen",
    "debito", "debitos", "cargo", "cargos", "retiros", "salida", "addebiti", "addebito", "uscite", "dare",
    "obciazenia", "obciazenie", "wydatki", "vydaj", "vydaje", "debet", "uttag", "utbetalning", "haevet", "ut",
    "debetbelop", "veloitus", "pano/otto", "ut fra konto", "ut av konto", "uttak",
    "borc", "borç", "cıkan", "isplata", "isplate", "breme", "v breme", "zaduzenje", "duguje", "مدين", "المدين", "سحب", "السحب", "سحوبات", "السحوبات", "дебит", "χρεωση", "χρεωσεις", "חובה", "בחובה", "お支払金額", "支払金額", "お支払い金額", "支払い金額", "出金", "出金金額", "お引出し", "引出金額", "支出", "支出金额", "借方金额", "提出", "提出金額", "提款", "提款金額", "借方发生额", "付款金额", "списание", "расход", "дебет", "сумма списания", "сумма по дебету", "출금", "출금액", "찾으신금액", "ถอนเงิน", "ถอน",
    // Vietnamese "Số tiền ghi nợ" (amount debited), "Phát sinh nợ" (debit movement).
    "so tien ghi no", "ghi no", "phat sinh no", "so tien no",
    // … "Bên nợ" (the debit side), "Tiền ra" (money out), "Rút ra" / "Số tiền rút" (withdrawn). "Nợ" alone: ACCENTED_NAMES.
    "ben no", "tien ra", "rut ra", "so tien rut", "so tien chi", "chi ra",
    // Georgian "დებეტი" (debit), "გასავალი" (outgoing), "ჩამოწერა" (written off), "ხარჯი" (spent).
    "დებეტი", "გასავალი", "ჩამოწერა", "ჩამოწერილი", "ხარჯი", "გასული თანხა",
  ],
  credit: [
    "credit", "credits", "credit amount", "cr", "deposit", "deposits", "deposit amount", "money in", "paid in", "in", "inflow",
    "incoming", "received", "amount credited", "deposits (+)", "credits (+)",
    "lodgement", "lodgements", "lodgment", "lodgments",
    "haben", "eingang", "einnahmen", "gutschrift",
    // A cash book's money paid in ("Einzahlung", beside "Auszahlung": detect.ts makes that the debit).
    "einzahlung", "einzahlungen",
    "montant credit", "credit euros", "entree", "entrees",
    "bij", "bijschrijving", "bijschrijvingen",
    "credito", "creditos", "abono", "abonos", "ingresos", "ingreso", "entrada", "accrediti", "accredito", "entrate", "avere",
    "uznania", "uznanie", "wplywy", "wplyw", "prijem", "prijmy", "kredit", "insattning", "indbetaling", "indsat", "innskudd",
    "inn", "kreditbelop", "hyvitys", "inn pa konto", "inn til konto",
    "alacak", "giren", "uplata", "uplate", "dobro", "v dobro", "odobrenje", "potrazuje", "depositos", "deposito", "دائن", "الدائن", "ايداع", "إيداع", "الإيداع", "إيداعات", "الإيداعات", "πιστωση", "πιστωσεις", "זכות", "בזכות", "お預り金額", "預入金額", "お預かり金額", "預かり金額", "預り金額", "入金", "入金金額", "お預入れ", "存入", "存入金额", "收入", "收入金额", "贷方金额", "贷方发生额", "收款金额", "зачисление", "поступление", "приход", "кредит", "сумма зачисления", "сумма по кредиту", "입금", "입금액", "맡기신금액", "ฝากเงิน", "ฝาก",
    // Vietnamese "Số tiền ghi có" (amount credited), "Phát sinh có" (credit movement).
    "so tien ghi co", "ghi co", "phat sinh co", "so tien co",
    // … "Bên có" (the credit side), "Tiền vào" (money in), "Gửi vào" / "Số tiền gửi" (paid in). "Có" alone: ACCENTED_NAMES.
    "ben co", "tien vao", "gui vao", "so tien gui", "so tien thu", "thu vao",
    // Georgian "კრედიტი" (credit), "შემოსავალი" (income), "ჩარიცხვა" (paid in).
    "კრედიტი", "შემოსავალი", "ჩარიცხვა", "ჩარიცხული", "შემოსული თანხა",
  ],
  hold: [
    "kwota blokady/zwolnienie blokady", "kwota blokady", "blokada", "hold amount", "amount on hold", "amount held",
    "authorisation amount", "authorization amount", "reserved amount",
  ],
  // Only names that mean this row's own charge: "Total fees" (Wise: already in the amount) and
  // "Charges" (a card export's debit column) are not here. Detection still checks the balance.
  fee: [
    "fee", "fees", "fee amount", "transaction fee", "transaction fees", "gebuhr", "gebuehr", "gebuhren", "gebuehren",
    "frais", "comision", "comisiones", "commissione", "commissioni", "prowizja", "poplatek", "poplatky", "avgift",
  ],
  direction: [
    "debit/credit", "credit/debit", "debit / credit", "credit / debit", "dr/cr", "cr/dr", "d/c", "c/d", "dc", "cd",
    "af bij", "af/bij", "bij/af", "bij af", "h/s", "s/h", "soll/haben", "soll / haben", "sens", "sens de l'operation", "debit credit indicator",
    "credit debit indicator", "cdtdbtind", "cdt dbt ind", "direction", "debit or credit", "d/h", "signo", "segno", "dare/avere",
    "type", "transaction type", "tipo", "typ", "tipus", "tranzakcio tipusa", "typ transakcji", "art", "debet/credit", "cargo/abono", "kredit/debet",
    "deebet/kreedit", "kreedit/deebet", "d/k", "k/d", "д/к", "к/д", "дт/кт", "debit/kredit",
    "χ/π", "π/χ", "χρεωση/πιστωση", "πιστωση/χρεωση",
  ],
  balance: [
    "balance", "bal", "bal.", "running balance", "running bal", "running bal.", "balance after", "account balance", "ledger balance",
    "available balance", "closing balance", "balance (eur)", "book balance",
    "saldo", "saldo nach buchung", "kontostand", "neuer saldo", "solde", "nouveau solde", "solde apres operation",
    "saldo na koniec", "saldo po operacji", "saldo po transakcji", "zustatek", "zustatek po transakci", "saldo contabile",
    "saldo disponibile", "saldo contable", "saldo disponible", "saldo final", "saldo apos", "balans", "disponible",
    "saldo efter", "saldo efter transaktion", "bokfort saldo", "kontosaldo", "egyenleg",
    "stada", "staða", "stanje", "stanje racuna", "الرصيد", "رصيد", "салдо", "guthaben", "sold", "sold contabil", "sold disponibil",
    "bakiye", "υπολοιπο", "λογιστικο υπολοιπο", "διαθεσιμο υπολοιπο", "יתרה", "היתרה", "残高", "差引残高", "取引後残高", "現在高", "現在(貸付)高", "余额", "账户余额", "可用余额", "交易后余额", "餘額", "帳戶餘額", "остаток", "исходящий остаток", "баланс", "сальдо", "залишок", "залишок на кінець періоду", "залишок після операції", "잔액", "거래후잔액", "ยอดคงเหลือ", "คงเหลือ",
    // Vietnamese "Số dư" (balance).
    "so du", "so du tai khoan", "so du sau giao dich", "so du cuoi", "so du kha dung",
    // Georgian "ნაშთი" (balance, what is left), "ბალანსი".
    "ნაშთი", "ბალანსი", "მიმდინარე ნაშთი", "ნაშთი ოპერაციის შემდეგ",
  ],
  currency: [
    "currency", "curr", "curr.", "ccy", "currency code", "waehrung", "wahrung", "devise", "devies", "monnaie", "munt", "valuta code",
    "moneda", "divisa", "valuta", "waluta", "mena", "moeda", "valiuta", "saskaitos valiuta", "valuutta", "valuuta", "mata uang", "penznem", "deviza",
    "doviz", "para birimi", "валута", "العملة", "عملة", "νομισμα", "מטבע", "通貨", "币种", "货币", "幣別", "валюта", "валюта картки", "валюта рахунку", "통화",
    // Vietnamese "Loại tiền" (kind of money).
    "loai tien", "tien te", "ma tien te", "loai tien te", "don vi tien te",
    // Georgian "ვალუტა".
    "ვალუტა",
  ],
  category: ["category", "merchant category", "mcc description", "categorie", "kategorie", "categoria", "kategoria", "kategori", "rubrique", "rubriek", "spending category", "κατηγορια", "קטגוריה", "категорія",
    "категория", "カテゴリ", "分類", "类别", "danh muc", "კატეგორია"],
  reference: [
    "reference", "ref", "ref.", "reference number", "ref number", "transaction id", "transaction reference", "bank reference",
    "id", "fitid", "transaction number", "receipt", "receipt number", "receipt no", "check number", "cheque number", "check or slip #",
    "check #", "cheque #", "check", "cheque", "chq no", "chq no.", "cheque no", "cheque no.", "check no", "check no.", "chq./ref.no.", "document number",
    "referenz", "kundenreferenz", "buchungsreferenz", "referenznummer", "reference de l'operation", "numero d'operation",
    "referentie", "kenmerk", "gestructureerde mededeling", "referencia", "numero de referencia", "riferimento", "numer referencyjny", "numer transakcji",
    "referencni cislo", "variabilni symbol", "vs", "referencia", "viite", "arkistointitunnus", "referens", "referanse",
    "arhiveerimistunnus", "viitenumber", "viitenr", "dokumendi number", "dokumendi nr",
    "dekont no", "референция", "رقم المرجع", "المرجع", "مرجع", "referenca", "poziv na broj", "model i poziv na broj", "arhiva kods", "references numurs", "dokumenta numurs", "אסמכתא", "אסמכתה", "מספר אסמכתא", "取引番号", "流水号", "交易流水号", "凭证号", "номер документа", "№ документа", "거래번호",
    // Vietnamese "Số tham chiếu" (reference number), "Số bút toán" (entry number), "Mã giao dịch".
    "so tham chieu", "so but toan", "ma giao dich",
    // … "Mã GD", "Số chứng từ" / "Số CT" (the voucher's number), "Mã tham chiếu".
    "ma gd", "so chung tu", "so ct", "ma tham chieu", "so giao dich",
    // Georgian "საბუთის №" (the document's number), "საბუთის ნომერი", "დოკუმენტის №".
    "საბუთის №", "საბუთის ნომერი", "დოკუმენტის №", "დოკუმენტის ნომერი", "ოპერაციის ნომერი", "ტრანზაქციის ნომერი",
  ],
  status: [
    "status", "state", "transaction status", "buchungsstatus", "statut", "estado", "stato", "stav", "situacao", "tila",
    "contabilizzazione", "buchungsart status", "umsatz geplant", "geplant",
    "pending", "posted", "cleared",
    // Vietnamese "Trạng thái", Georgian "სტატუსი".
    "trang thai", "სტატუსი",
  ],
};

/**
 * A currency written as its symbol or unit in brackets after a name ("출금액(원)", "金額（円）",
 * "Сума (₴)"): the currency of the column, like "(EUR)". Before the accents are stripped:
 * NFD splits a Hangul syllable into its letters.
 */
const CURRENCY_MARK = /[([（]\s*([^\s()[\]（）]{1,4})\s*[)\]）]$/;

/**
 * Names whose accents tell them from a word of another language, compared with their accents
 * (accentedHeaderName): Vietnamese "Nợ" (debit) and "Có" (credit) are "No" (a row's number) and
 * "Co" without them. Written as NFC leaves them.
 */
const ACCENTED_NAMES: ReadonlyMap<string, Exclude<ColumnRole, "ignore">> = new Map([
  ["nợ", "debit"], ["có", "credit"], ["ps nợ", "debit"], ["ps có", "credit"], ["số nợ", "debit"], ["số có", "credit"],
]);

const ROLE_BY_NAME = new Map<string, Exclude<ColumnRole, "ignore">>();
for (const [role, names] of Object.entries(NAMES) as [Exclude<ColumnRole, "ignore">, readonly string[]][]) {
  for (const name of names) {
    const key = normalizeHeaderName(name);
    if (!ROLE_BY_NAME.has(key)) ROLE_BY_NAME.set(key, role);
  }
}

/**
 * A price before tax ("Preis (Netto)", "Prix HT", "Price excl. VAT", "Nettopreis"), as
 * normalizeHeaderName leaves it: what was sold for, less the tax that was paid with it — never
 * the money that moved on the account.
 */
const PRICE_BEFORE_TAX = /\b(preis|price|prix|precio|prezzo|prijs|pris)\b.*\b(netto|net|ht|hors taxes?|excl\w*|exkl\w*|ohne (mwst|ust)|before tax|pre-tax|sans tva)\b|\b(netto|net) ?(preis|price|prix|prijs)\b|^nettopreis$/;

export function isPriceBeforeTax(cell: string): boolean {
  return PRICE_BEFORE_TAX.test(normalizeHeaderName(cell));
}

/** Keyword fallbacks for names not listed, most specific first. */
const KEYWORDS: [RegExp, ColumnRole][] = [
  // Scripts without spaces between words, and Cyrillic, Greek, Hebrew and Turkish stems, as
  // normalizeHeaderName leaves them: a keyword anywhere in the name (\b knows no Greek, Hebrew
  // or Cyrillic letters). Dates before directions ("入出金日" is a date). Hebrew names carry a
  // currency ("יתרה בש\"ח", balance in shekels) or a construct form ("יתרת", balance of).
  // The Hijri (Islamic calendar) date beside the Gregorian one (Al Rajhi's "التاريخ الهجري"): not read.
  [/هجري|hijri/, "ignore"],
  // Hebrew "סכום מקורי", "מטבע מקור" (the original amount and its currency, a card's foreign
  // purchase beside the shekels charged): the payment's own, as "Original amount" is.
  [/מקור/, "ignore"],
  // Skrill's "[-] EUR" and "[+] EUR": money out and money in, in the wallet's currency.
  [/^\[-\]/, "debit"],
  [/^\[\+\]/, "credit"],
  // Hebrew "זכות/חובה" (credit/debit): one signed column named after both directions.
  [/^(?:זכות|חובה)\s*[/\\-]\s*(?:זכות|חובה)$/, "amount"],
  [/تاريخ القيمة|起算日|起息日|计息日|валютирован|вальор|valor tarihi|αξιας|^תאריך ערך|^יום ערך|ვალუტირებ/, "valueDate"],
  // Money in and out in one signed column (Rakuten Bank's "入出金(円)"), not a date ("入出金日").
  [/入出金(?!日|区分)|出入金(?!日|区分)|입출금(?!일|구분)/, "amount"],
  [/日付|取引日|年月日|利用日|入出金日|日期|交易时间|交易時間|记账时间|^дата|tarih|^ημερομην|^ημ\/νια|^תאריך|일자|거래일|თარიღ/, "date"],
  [/رصيد|残高|余额|餘額|結存|结存|остаток|баланс|сальдо|салдо|залишок|bakiye|υπολοιπ|^ה?יתר[הת]|잔액|ნაშთ|ბალანს/, "balance"],
  [/支払|出金|引出|支出|提出|提款|借方|付款金额|списан|расход|дебет|^borc|^cıkan|^χρεωσ|^ב?חובה|출금|찾으신|დებეტ|გასავალ|ჩამოწერ/, "debit"],
  [/預か?り|預入|入金|存入|收入|贷方|收款金额|зачислен|поступлен|приход|кредит|^alacak|^giren|^πιστωσ|^ב?זכות|입금|맡기신|კრედიტ|შემოსავალ|ჩარიცხ/, "credit"],
  [/金額|金额|发生额|сумм?а|tutar|^ποσο(?: |$)|^סכום|금액|თანხ/, "amount"],
  [/通貨|币种|货币|幣別|валют|валута|doviz|para birimi|νομισμ|^מטבע|통화|ვალუტ/, "currency"],
  [/^статус|^состояние|^стан$|^durum$|^κατασταση|^סטטוס|状态|状態|상태|სტატუს/, "status"],
  [/店名|相手先|依頼人|对方|收款人|контрагент|получател|δικαιουχ|מוטב|거래처|받는분|보낸분|의뢰인|수취인|მიმღებ|ბენეფიციარ|კონტრაგენტ/, "payee"],
  [/摘要|内容|明細|備考|備註|說明|说明|用途|备注|附言|описани|назначени|^опис|призначенн|содержани|комментари|^сврха|^намена|დანიშნულებ|შინაარს|aciklama|acıklama|περιγραφ|αιτιολογ|תיאור|תאור|פרטים|적요|내용|აღწერ|დეტალ|კომენტარ/, "description"],
  [/番号|流水号|凭证号|номер документа|dekont|אסמכת|(?:საბუთ|დოკუმენტ)ის (?:№|ნომერ)/, "reference"],
  // "Money in/out", "Credit/Debit Amount": one signed column named after both directions.
  [/\b(in|credit|debit|haben|soll)\s*[/&]\s*(out|debit|credit|soll|haben)\b.*\b(amount|betrag|montant|bedrag|importe|importo)\b|\b(amount|betrag|montant)\b.*\b(in|credit|debit)\s*[/&]\s*(out|debit|credit)\b/, "amount"],
  // The day a row was cancelled (Nordnet's "Makuleringsdatum"): no day of the account's money.
  [/makuleringsdatum|cancell?ation date|stornodatum/, "ignore"],
  [/\b(value|valuta|wertstellung|valeur|rente)\b.*\b(date|datum|dato|fecha|data)\b|\b(date|datum|fecha|data)\b.*\b(valeur|valor|valuta)\b/, "valueDate"],
  [/\b(date|datum|fecha|dato|data|dag|paiva)\b|datum$|date$/, "date"],
  [/\b(balance|saldo|solde|kontostand|zustatek|balans)\b/, "balance"],
  // A bank's own wording of the row beside a tidied one (Citizens' "Original Description").
  [/\b(original|orig)\s+(description|memo|text|narrative|details?)\b/, "description"],
  // What was sent or received in a payment's own currency (Skrill's "Amount Sent"), and a
  // cancellation's date (Nordnet's "Makuleringsdatum"): not the account's money or dates.
  [/\b(amount|currency) (sent|received)\b|\bsent amount\b|\breceived amount\b/, "ignore"],
  // The rate a foreign payment was converted at ("Currency Exchange Rate", "Wechselkurs", "Taux de
  // change"): neither money nor a currency, though its name says "currency".
  [/\b(exchange|conversion|fx|forex) rates?\b|\brate of exchange\b|\b(wechselkurs|umrechnungskurs|devisenkurs|wisselkoers|vaxelkurs)\b|\btaux de (change|conversion)\b|\btipo de cambio\b|\btasso di cambio\b|\bkurs wymiany\b/, "ignore"],
  // The payment's own currency and amount ("Originální měna", "Originalbetrag", "Devise d'origine"),
  // and what a payment was instructed in (Navy Federal's "Instructed Currency" and "Instructed
  // Amount", ISO 20022's InstdAmt: a foreign card purchase's euros beside the dollars booked).
  [/\b(original\w*|oryginaln\w*|foreign|fremd\w*|devise d'origine|orig|origine|origen|instructed)\b/, "ignore"],
  // The counterparty's (or the account's own) coordinates, not words about the row: "BIC
  // tegenpartij", "Partner Kontonummer", "Adres tegenpartij", a card export's "Merchant Postal Code/Zip".
  [/\b(iban|bic|swift|account (number|no)|rekeningnummer|tegenrekening|kontonummer|numero de compte|bankleitzahl|blz|bankcode|sort code|adres|address|adresse|direccion|indirizzo|postal|postcode|post code|zip|zip code|plz|codigo postal|code postal)\b/, "ignore"],
  // A price before tax (SumUp's "Preis (Netto)", "Prix HT", "Price excl. VAT"): less than the money that moved.
  [PRICE_BEFORE_TAX, "ignore"],
  // Something about a deposit, payout or debit that is not its money: Square's "Deposit Details",
  // "Deposit ID" (the payout a sale went out in), a "Debit Type", a "Payout Method".
  [/\b(debits?|credits?|deposits?|withdrawals?|payouts?)\b.*\b(details?|id|ids|identifier|number|no|nr|status|state|type|method|reason|reference|ref|notes?|memo|description|link|url)$/, "ignore"],
  [/\b(debit|withdrawal|withdrawals|soll|debet|debets|debetas|deebet|cargo|addebit\w*|obciazeni\w*|uttag|paid out|money out)\b/, "debit"],
  [/\b(credit|deposit|deposits|haben|abono|accredit\w*|uznani\w*|kredit|kredits|kreditas|kreedit|paid in|money in)\b/, "credit"],
  [/\b(amount|amt|betrag|montant|bedrag|importe|importo|kwota|castka|valor|belopp|belob|belop|summa)\b/, "amount"],
  [/\b(currency|wahrung|waehrung|devise|moneda|divisa|waluta|mena|moeda|devizanem|penznem|valutacode)\b/, "currency"],
  // What kind of merchant, not which one ("Merchant Category Description"): a category.
  [/\b(categor\w*|kategor\w*)\b/, "category"],
  // A party's own reference of the row (Adyen's "Merchant Reference", the merchant's order number;
  // a SEPA "Creditor reference"): an id, not the party's name.
  [/\b(merchant|payee|beneficiary|counterparty|creditor|debtor)\s+(reference|ref)\b/, "reference"],
  [/\b(payee|merchant|beneficiary|counterparty|empfanger|auftraggeber|beneficiaire|tegenpartij|kontrahent|odbiorca|protistran\w*|obchodnik\w*|maksataj\w*|sanemej\w*|tegenrekeninghouder)\b/, "payee"],
  [/\b(description|descr|details?|memo|narrative|narration|remarks?|text|libelle|omschrijving|concepto|descripcion|descrizione|causale|opis|popis|zprava|beschreibung|verwendungszweck|buchungstext|apraksts|aprasymas|selgitus|detaily|tipologia|typ uhrady|transaktionstyp|vardepapper|purpose of payment|purpose)\b/, "description"],
  // German compounds end in their keyword: "Avisierungstext", "Umsatztext".
  [/\w(text|zweck)$/, "description"],
  // What a payment is for, in the words of the Balkan, Czech, Slovak and Polish banks, and a
  // transaction's "content" (Bank of Georgia): "Svrha plaćanja naloga", "Účel platby 2".
  [/\b(svrha|namena|namjena|ucel|zweck)\b|\b(operation|transaction|payment|transfer) (content|purpose)\b/, "description"],
  // The state of something else than the row's booking: Shopify's "Payout Status" (a charge
  // already in the balance, not yet paid out to the bank), a receipt's, a dispute's, an approval's.
  [/\b(payout|settlement|dispute|chargeback|reconcil\w*|receipt|review|approval|export|sync|fulfil{1,2}ment|order|card)\s+(status|state)\b/, "ignore"],
  [/\b(status|statut|estado|stato)\b/, "status"],
  [/\b(reference|ref|referenz|referentie|referencia|riferimento|transaction id)\b/, "reference"],
];

/**
 * Camel case split into words, lowercase, accents stripped (ø → o, æ → ae, ß → ss, ł → l),
 * currency suffixes like `(EUR)`, `(원)` or `in EUR` removed, spaces collapsed, trailing `:`/`.` dropped.
 */
export function normalizeHeaderName(cell: string): string {
  return headerName(cell, false);
}

/** As normalizeHeaderName, but keeping the accents (composed, NFC): for ACCENTED_NAMES. */
function accentedHeaderName(cell: string): string {
  return headerName(cell, true);
}

function headerName(cell: string, keepAccents: boolean): string {
  const folded = withoutCurrencyMark(cell)
    // Words run together in camel case are words: "RunningBalance", "CheckNumber".
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    // A number run onto a name numbers it: "Ref1", "Description2" are "Ref 1", "Description 2".
    .replace(/(\p{L})(\d+)$/u, "$1 $2")
    // Words joined by underscores are words: Mercado Pago's "RELEASE_DATE", "PARTIAL_BALANCE".
    .replace(/_+/g, " ")
    .replace(/ß/g, "ss")
    .replace(/[øØ]/g, "o")
    .replace(/[æÆ]/g, "ae")
    .replace(/[łŁ]/g, "l")
    .replace(/[đĐ]/g, "d");
  const lowered = (keepAccents ? folded.normalize("NFC") : folded.normalize("NFD").replace(/\p{M}/gu, ""))
    .replace(/[’`´]/g, "'")
    .toLowerCase();
  // Each step finds its ending without a leading \s* or \s+ (text.ts: linear on a cell of spaces).
  let name = trimCharacters(lowered, isNameEdge, isNameEnd);
  name = withoutEnd(name, /[([]\s*[a-z€$£]{1,3}\s*[)\]]\s*$/, "optional");
  name = withoutEnd(name, /(?<=\s)(in|en|w)\s+[a-z]{3}$/, "required");
  return name
    .replace(/\s+/g, " ")
    .replace(/[:.]$/, "")
    .trim();
}

/** The name without a currency mark in brackets after it (see CURRENCY_MARK). */
function withoutCurrencyMark(cell: string): string {
  const trimmed = cell.trim();
  const mark = endMark(trimmed, CURRENCY_MARK);
  return mark && currencyCodeOf(mark.match[1]!) ? trimmed.slice(0, mark.start) : cell;
}

/** Quotes, stars, hashes and spaces around a name ("# Date", "*Amount*", '"Payee"'): not part of it. */
function isNameEdge(code: number): boolean {
  return isSpace(code) || code === 0x22 || code === 0x27 || code === 0x2a || code === 0x23;
}

function isNameEnd(code: number): boolean {
  return isSpace(code) || code === 0x22 || code === 0x27 || code === 0x2a;
}

/** `text` without `mark` at its end and the whitespace before it. */
function withoutEnd(text: string, mark: RegExp, spaceBefore: "optional" | "required"): string {
  const end = endMark(text, mark, spaceBefore);
  return end ? text.slice(0, end.start) : text;
}

/** The name without a gendered ending ("Zahlungsempfänger*in", "Zahlungspflichtige*r", "Empfänger:in"). */
function withoutGenderEnding(cell: string): string {
  return cell.replace(/(?<=\p{L})[*:_/](?:innen|in|r|e)$/iu, "");
}

/**
 * The name without a bare currency after it ("Saldo CHF", "Amount USD", Finnish "Määrä EUROA",
 * "Débit euros", "Gutschrift in CHF"): the column's currency, not part of what the column is.
 * Upper-case codes only ("Show all" names no lek). The layout's fingerprint keeps the name whole.
 */
function withoutCurrencyWord(cell: string): string {
  const trimmed = withoutLeadingSymbol(cell.trim());
  const code = endMark(trimmed, /(?<=\s)([A-Z]{3})$/, "required");
  if (code && isKnownCurrency(code.match[1]!)) {
    const name = trimmed.slice(0, code.start);
    return withoutEnd(name, /(?<=\s)(?:in|en|w)$/, "required");
  }
  return withoutEnd(trimmed, /(?<=\s)eur(?:os?|oa)$/i, "required");
}

/**
 * A currency's symbol before the name ("₪ יתרה", Israel Discount Bank's "₪ balance": in a
 * right-to-left name the symbol printed after it comes first): not part of the name.
 */
const LEADING_SYMBOL = /^([^\p{L}\p{N}\s"'(])\s*(?=\p{L})/u;

function withoutLeadingSymbol(name: string): string {
  const m = LEADING_SYMBOL.exec(name);
  return m && currencyCodeOf(m[1]!) ? name.slice(m[0].length) : name;
}

/** ISO code from a header like `Amount (EUR)`, `Saldo in EUR`, `Betrag [EUR]`. */
export function headerCurrency(cell: string): string | undefined {
  const whole = /^\s*([A-Za-z]{3})\$?\s*$/.exec(cell) ?? /\s([A-Z]{3})\s*$/.exec(cell);
  if (whole && isKnownCurrency(whole[1])) return whole[1].toUpperCase();
  if (/\beur(?:os?|oa)\b/i.test(cell)) return "EUR";
  // Only a real code: "Montant total (TTC)" is a total with tax (toutes taxes comprises).
  const m = /[([]\s*([A-Za-z]{3})\s*[)\]]\s*$/.exec(cell.trim()) ?? /\s(?:in|en|w)\s+([A-Z]{3})$/.exec(cell.trim());
  if (m && isKnownCurrency(m[1])) return m[1].toUpperCase();
  const mark = CURRENCY_MARK.exec(cell.trim());
  if (mark) return currencyCodeOf(mark[1]!);
  // Hebrew names end in the shekel's abbreviation: "היתרה בש"ח" (the balance in shekels).
  return /(?:^|[\sב])ש["״]ח\s*$|₪\s*\)?\s*$|^₪/.test(cell.trim()) ? "ILS" : undefined;
}

/** "… de (la) transacción", "… of (the) transaction", "… del movimiento" after a name, as normalizeHeaderName leaves it. */
const OF_THE_TRANSACTION =
  /\s(?:de la|de las|de los|del|de|of the|of|da|do|della|dell'|dello|der|des)\s?(?:transaccion|transacciones|transaction|transactions|operacion|operation|movimiento|transacao|operacao|transazione|operazione|transaktion|buchung)$/;

/** Of a name in two languages split by " / ", the role of the side we list; none when the sides disagree. */
function bilingualRole(name: string): Exclude<ColumnRole, "ignore"> | undefined {
  const at = name.indexOf(" / ");
  if (at < 0 || name.indexOf(" / ", at + 1) >= 0) return undefined;
  const sides = [name.slice(0, at).trim(), name.slice(at + 3).trim()].map((side) => ROLE_BY_NAME.get(side));
  const [left, right] = sides;
  if (left && right) return left === right ? left : undefined;
  return left ?? right;
}

/**
 * Full-width ASCII (U+FF01–FF5E) and the ideographic space as their ASCII selves: Japan Post
 * Bank's "詳細１"/"詳細２" (numbered description columns) and "現在（貸付）高" (its running balance).
 * Only for the role: normalizeHeaderName keeps them, so a saved layout's fingerprint stays as it was.
 */
function halfWidth(cell: string): string {
  return cell.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

/** The role a header name suggests, or undefined; `exact` says whether it was a listed name. */
export function roleFromHeader(cell: string): { role: ColumnRole; exact: boolean } | undefined {
  const bare = withoutGenderEnding(withoutCurrencyWord(halfWidth(cell)));
  const accented = ACCENTED_NAMES.get(accentedHeaderName(bare));
  if (accented) return { role: accented, exact: true };
  const name = normalizeHeaderName(bare);
  if (name === "") return undefined;
  const exact = ROLE_BY_NAME.get(name);
  if (exact) return { role: exact, exact: true };
  // A numbered column of a listed kind ("Description1", "Memo 2") is that kind.
  const numbered = /^(.*\D)\s*\d{1,2}$/.exec(name);
  const listed = numbered ? ROLE_BY_NAME.get(numbered[1]!.trim()) : undefined;
  if (listed) return { role: listed, exact: true };
  // A listed name qualified by what it belongs to ("Débito de Transacción", "Date of the
  // operation", "Importe del movimiento"): every column of the table is the transaction's.
  const qualified = OF_THE_TRANSACTION.exec(name);
  const unqualified = qualified ? ROLE_BY_NAME.get(name.slice(0, qualified.index)) : undefined;
  if (unqualified) return { role: unqualified, exact: true };
  // A name in two languages ("Đối tác / Remitter", "Số dư / Balance"): the side we list says what
  // it is, unless the sides name different roles ("Credit / Debit amount" is one signed column).
  const bilingual = bilingualRole(name);
  if (bilingual) return { role: bilingual, exact: true };
  // A column named by a currency ("CAD$", "USD", "EUR") holds amounts in it.
  if (/^[a-z]{3}\$?$/.test(name) && isKnownCurrency(name.replace("$", ""))) return { role: "amount", exact: false };
  if (name.length > 60) return undefined;
  // The keywords are written with whole Hangul syllables, which the name has in letters (NFD).
  const composed = name.normalize("NFC");
  for (const [pattern, role] of KEYWORDS) if (pattern.test(composed)) return { role, exact: false };
  return undefined;
}

/**
 * Names that say a column is in the account's own currency ("Suma sąskaitos valiuta", "Сумма в
 * валюте счета", "Betrag in Kontowährung", "Billing amount"), beside one in the currency a payment
 * was made in: of several amount (or currency) columns, this is the ledger's.
 */
export function isInAccountCurrency(cell: string): boolean {
  const name = normalizeHeaderName(cell);
  return (
    /\b(account currency|accounting currency|billing|settlement|kontowahrung|kontowaehrung|devise du compte|moneda de la cuenta|valuta del conto|walucie rachunku|mene uctu|saskaitos valiuta|kontovaluta|konto valuta)\b/.test(name) ||
    /валют[еиі] (?:счета|рахунку|карты|картки)/.test(name) ||
    // Tinkoff's "Сумма платежа" / "Валюта платежа": what the account paid, beside the operation's own.
    /^(?:сумма|валюта) платежа$/.test(name) ||
    // Isracard's "סכום חיוב" / "מטבע חיוב" (the amount charged and its currency) beside "סכום עסקה"
    // (the purchase's amount: the whole of an instalment plan, or a foreign purchase's own).
    /^(?:סכום|מטבע) (?:ה|ל)?חיוב$/.test(name)
  );
}

/** Headers that only card exports have: evidence for the card sign rule. */
/** How strongly a date column's name says it is the booking date the ledger uses (higher wins). */
/** dateColumnPriority of a name that says the booking (posting, settlement, clearing, processing) date. */
export const POSTING_DATE_PRIORITY = 3;

export function dateColumnPriority(cell: string): number {
  const name = normalizeHeaderName(cell);
  if (/\b(post|posted|posting|book|booked|booking|buchung\w*|buchungstag|boek\w*|ksieg\w*|contab\w*|bokf\w*|bogf\w*|kirjaus\w*|zauctov\w*|completed|settle|settled|settlement|clear|cleared|clearing|processed|lancamento|comptab\w*|reskontra\w*|reglement|rozliczen\w*|proceso|liquidacion)/.test(name)) return POSTING_DATE_PRIORITY;
  // Cyrillic booking dates: Tinkoff's "Дата платежа", "Дата проводки", "Дата списания".
  if (/(?:^|\s)(?:платеж|проводк|списани)/.test(name)) return POSTING_DATE_PRIORITY;
  // Hebrew card exports: "תאריך חיוב" (the charge date) beside "תאריך רכישה" (the purchase's).
  if (/^תאריך (?:ה)?חיוב/.test(name)) return POSTING_DATE_PRIORITY;
  // Arabic: "تاريخ القيد" (the entry's date), "تاريخ الترحيل" (posting).
  if (/^تاريخ (?:ال)?(?:قيد|ترحيل)/.test(name)) return POSTING_DATE_PRIORITY;
  // Vietnamese "Ngày hạch toán" (the day entered in the books); Georgian "გატარების თარიღი" (posting).
  if (/\bhach toan\b|^გატარებ/.test(name)) return POSTING_DATE_PRIORITY;
  if (/^(date|datum|fecha|data|dato|date \(utc\))$/.test(name)) return 2;
  if (ROLE_BY_NAME.get(name) === "date") return 1;
  return 0;
}

export const CARD_HEADER = /\b(card ?member|card ?holder|card no|card number|card ending|card last ?4|card name|karteninhaber|kartennummer|numero de carte|titular de la tarjeta|numero tarjeta|titolare carta|numer karty|cislo karty|kortnummer|kortinnehaver)\b/;
