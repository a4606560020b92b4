import { describe, expect, it } from "vitest";
import { cutLine, findTableHeader } from "./table.ts";
import { pageOf, type Cell } from "./test-pages.ts";

const header = (cells: Cell[], below?: Cell[]) => {
  const page = pageOf(below ? [cells, below] : [cells], 1, 11);
  return findTableHeader(page.lines[0], page.lines[1]);
};
const r = (x: number, text: string): Cell => [x, text, "right"];
const roles = (cells: Cell[], below?: Cell[]) => header(cells, below)?.columns.map((c) => c.role);

describe("table header", () => {
  it.each<[string, Cell[], string[]]>([
    ["US", [[40, "Date"], [90, "Description"], [300, "Withdrawals"], [400, "Deposits"], [500, "Balance"]], ["date", "description", "debit", "credit", "balance"]],
    ["UK", [[40, "Date"], [90, "Payment type and details"], [330, "Paid out"], [410, "Paid in"], [500, "Balance"]], ["date", "description", "debit", "credit", "balance"]],
    ["DE", [[40, "Buchungstag"], [120, "Wert"], [170, "Verwendungszweck"], [480, "Betrag EUR"]], ["date", "valueDate", "description", "amount"]],
    ["DE Soll/Haben", [[40, "Datum"], [100, "Buchungstext"], [380, "Soll"], [450, "Haben"], [520, "Saldo"]], ["date", "description", "debit", "credit", "balance"]],
    ["FR", [[40, "Date"], [90, "Libellé"], [300, "Valeur"], [400, "Débit"], [480, "Crédit"]], ["date", "description", "valueDate", "debit", "credit"]],
    ["NL", [[40, "Datum"], [100, "Omschrijving"], [380, "Af"], [450, "Bij"], [520, "Saldo"]], ["date", "description", "debit", "credit", "balance"]],
    ["ES", [[40, "Fecha"], [100, "Concepto"], [380, "Cargo"], [450, "Abono"], [520, "Saldo"]], ["date", "description", "debit", "credit", "balance"]],
    // The posting date is the ledger's, the transaction date the value date — in either order.
    ["card", [[40, "Trans date"], [110, "Post date"], [180, "Description"], [500, "Amount"]], ["valueDate", "date", "description", "amount"]],
    ["card, posting date first", [[40, "Post Date"], [110, "Trans Date"], [180, "Description"], [500, "Amount"]], ["date", "valueDate", "description", "amount"]],
    ["card, POSTED DATE", [[40, "TRANS. DATE"], [110, "POSTED DATE"], [180, "DESCRIPTION"], [500, "AMOUNT ($)"]], ["valueDate", "date", "description", "amount"]],
    ["card, Date entered", [[40, "Transaction date"], [130, "Date entered"], [220, "Description"], [500, "Amount"]], ["valueDate", "date", "description", "amount"]],
    ["BR", [[40, "Dt. movimento"], [120, "Histórico"], [300, "Documento"], [420, "Valor R$"], [520, "Saldo R$"]], ["date", "description", "amount", "balance"]],
    // Croatian, Serbian and Bosnian (owes and claims, paid out and in, charged and credited), Slovenian (in debit, in credit); the booking date is the ledger's.
    ["HR", [[40, "Datum knjiženja"], [130, "Datum valute"], [210, "Opis transakcije"], [400, "Duguje"], [470, "Potražuje"], [540, "Stanje"]], ["date", "valueDate", "description", "debit", "credit", "balance"]],
    ["HR Isplata/Uplata", [[40, "Datum"], [100, "Opis"], [400, "Isplata"], [470, "Uplata"], [540, "Stanje"]], ["date", "description", "debit", "credit", "balance"]],
    ["RS", [[40, "Datum transakcije"], [140, "Datum knjiženja"], [230, "Svrha plaćanja"], [400, "Zaduženje"], [470, "Odobrenje"]], ["valueDate", "date", "description", "debit", "credit"]],
    ["HR Na teret/U korist", [[40, "Datum"], [100, "Opis"], [400, "Na teret"], [470, "U korist"]], ["date", "description", "debit", "credit"]],
    ["SI", [[40, "Datum knjiženja"], [130, "Opis"], [400, "V breme"], [470, "V dobro"], [540, "Stanje"]], ["date", "description", "debit", "credit", "balance"]],
    ["HR Iznos", [[40, "Datum"], [100, "Opis"], [450, "Iznos"]], ["date", "description", "amount"]],
    ["SI Znesek", [[40, "Datum"], [100, "Opis"], [450, "Znesek"]], ["date", "description", "amount"]],
    // Indonesian (BCA: the branch's CBG no column read apart; Nominal; Debet and Kredit),
    // Estonian (payee/payer and explanation, one description), Latvian, Lithuanian, Slovak.
    ["ID BCA", [[40, "TANGGAL"], [88, "KETERANGAN"], [300, "CBG"], r(450, "MUTASI"), r(560, "SALDO")], ["date", "description", "amount", "balance"]],
    ["ID Tanggal Transaksi, Nominal", [[40, "Tanggal Transaksi"], [140, "Uraian Transaksi"], [360, "Tipe"], r(470, "Nominal"), r(560, "Saldo")], ["date", "description", "amount", "balance"]],
    ["ID Debet/Kredit", [[40, "Tanggal Transaksi"], [140, "Uraian Transaksi"], r(400, "Debet"), r(480, "Kredit"), r(560, "Saldo")], ["date", "description", "debit", "credit", "balance"]],
    ["EE", [[38, "Kuupäev"], [92, "Saaja/Maksja"], [262, "Selgitus"], r(557, "Summa")], ["date", "description", "amount"]],
    ["LV", [[38, "Datums"], [100, "Apraksts"], r(400, "Debets"), r(480, "Kredīts"), r(560, "Atlikums")], ["date", "description", "debit", "credit", "balance"]],
    ["LV Summa", [[38, "Datums"], [100, "Apraksts"], r(480, "Summa"), r(560, "Atlikums")], ["date", "description", "amount", "balance"]],
    ["LT", [[38, "Data"], [100, "Paskirtis"], r(480, "Suma"), r(560, "Likutis")], ["date", "description", "amount", "balance"]],
    ["SK", [[36, "Dátum"], [96, "Popis"], r(480, "Suma"), r(559, "Zostatok")], ["date", "description", "amount", "balance"]],
    // Korean, the won named in brackets after each money column's name; the row's number, the branch and a memo are columns not read apart (NH NongHyup).
    [
      "KR 거래일시",
      [[20, "순번"], [40, "거래일시"], r(190, "출금금액(원)"), r(250, "입금금액(원)"), r(320, "거래후잔액(원)"), [330, "거래내용"], [380, "거래기록사항"], [470, "거래점"], [530, "거래메모"]],
      ["date", "debit", "credit", "balance", "description"],
    ],
    ["KR (원) apart", [[40, "거래일시"], r(190, "출금금액"), [192, "(원)"], r(260, "입금금액"), [262, "(원)"], r(330, "잔액"), [332, "(원)"], [380, "거래내용"]], ["date", "debit", "credit", "balance", "description"]],
    // A dash standing alone between a column name's words is no word of the name (EBS, Bank of Ireland: "Payments - out (€)").
    ["IE Payments - out", [[40, "Date"], [100, "Transaction Details"], r(380, "Payments - out (€)"), r(480, "Payments – in (€)"), r(570, "Balance (€)")], ["date", "description", "debit", "credit", "balance"]],
    ["Money — out", [[40, "Date"], [100, "Details"], r(380, "Money — out"), r(460, "Money — in"), r(555, "Balance")], ["date", "description", "debit", "credit", "balance"]],
    ["KR 순번, 거래점, 거래메모", [[20, "순번"], [40, "거래일시"], r(190, "출금금액"), r(250, "입금금액"), r(320, "거래후잔액"), [330, "거래내용"], [470, "거래점"], [530, "거래메모"]], ["date", "debit", "credit", "balance", "description"]],
  ])("%s", (_name, cells, expected) => {
    expect(roles(cells)).toEqual(expected);
  });

  it("reads NH NongHyup's header: 거래기록사항 names the description (a second one, its text the row's description), 순번, 거래점 and 거래메모 columns not read apart", () => {
    const layout = header([[20, "순번"], [40, "거래일시"], r(190, "출금금액(원)"), r(250, "입금금액(원)"), r(320, "거래후잔액(원)"), [330, "거래내용"], [380, "거래기록사항"], [470, "거래점"], [530, "거래메모"]]);
    expect(layout?.otherColumns?.map((o) => o.label.normalize("NFC"))).toEqual(["순번", "거래점", "거래메모"]);
  });

  it("reads a header cell's words as one name: a cell that starts with the description's is the description (Synchrony)", () => {
    const layout = header([[40, "Tran Date"], [90, "Post Date"], [140, "Reference Number"], [240, "Description of Transaction or Credit"], r(560, "Amount")]);
    expect(layout?.columns.map((c) => [c.role, c.label])).toEqual([
      ["valueDate", "Tran Date"],
      ["date", "Post Date"],
      ["description", "Description of Transaction or Credit"],
      ["amount", "Amount"],
    ]);
  });

  it("keeps the amount in the account's currency when a card statement prints the original amount too", () => {
    // "Betrag" (the original currency) beside "Betrag in EUR": the one naming a currency is the account's.
    expect(roles([[40, "Belegdatum"], [100, "Buchungsdatum"], [170, "Beschreibung"], [380, "Betrag"], [430, "Kurs"], [480, "Betrag in EUR"]])).toEqual([
      "valueDate",
      "date",
      "description",
      "foreignAmount",
      "amount",
    ]);
    // Neither names one: the last (converted after the original and the rate).
    expect(roles([[40, "Date"], [100, "Description"], [380, "Amount"], [430, "Rate"], [480, "Amount"]])).toEqual(["date", "description", "foreignAmount", "amount"]);
    expect(roles([[40, "Date"], [100, "Description"], [380, "Original amount"], [480, "Amount"]])).toEqual(["date", "description", "foreignAmount", "amount"]);
    const page = pageOf([
      [[40, "Belegdatum"], [100, "Buchungsdatum"], [170, "Beschreibung"], [380, "Betrag"], [430, "Kurs"], [480, "Betrag in EUR"]],
      [[40, "18.01.26"], [100, "19.01.26"], [170, "AMAZON.COM"], [380, "USD 45,00"], [430, "1,0842"], [480, "41,51-"]],
    ]);
    const layout = findTableHeader(page.lines[0])!;
    const cells = cutLine(page.lines[1], layout);
    expect(cells.money.map((m) => [m.role, m.text])).toEqual([["amount", "41,51-"]]);
    expect(cells.textWords.map((w) => w.text).join(" ")).toBe("18.01.26 19.01.26 AMAZON.COM USD 45,00 1,0842");
  });

  it("reads a header set on three lines, the names' words above and below the others (Halifax, Barclaycard, Elan)", () => {
    const three = (rows: Cell[][]) => {
      const page = pageOf(rows, 1, 4.5);
      return findTableHeader(page.lines[0], page.lines[1], true, page.lines[2]);
    };
    const described = (rows: Cell[][]) => three(rows)?.columns.map((c) => `${c.label} → ${c.role}`);
    // "Transaction" and "Date" over "date" and "entered", with "Description" and "Amount" between.
    expect(described([[[40, "Transaction"], [120, "Date"]], [[200, "Description"], [480, "Amount (£)"]], [[40, "date"], [120, "entered"]]])).toEqual([
      "Transaction date → valueDate",
      "Date entered → date",
      "Description → description",
      "Amount → amount",
    ]);
    expect(described([[[40, "TRANS."], [120, "POSTED"]], [[200, "DESCRIPTION"], [480, "AMOUNT ($)"]], [[40, "DATE"], [120, "DATE"]]])).toEqual([
      "TRANS. DATE → valueDate",
      "POSTED DATE → date",
      "DESCRIPTION → description",
      "AMOUNT ($) → amount",
    ]);
    expect(three([[[40, "Transaction"], [120, "Posting"]], [[200, "Transaction details"], [480, "Amount £"]], [[40, "date"], [120, "date"]]])?.headerLines).toHaveLength(3);
    // "Post" and "Trans" over a header line of its own.
    const page = pageOf([[[40, "Post"], [90, "Trans"]], [[40, "Date"], [90, "Date"], [140, "Ref #"], [200, "Transaction Description"], [480, "Amount"]]], 1, 8.5);
    expect(findTableHeader(page.lines[0], page.lines[1])?.columns.map((c) => `${c.label} → ${c.role}`)).toEqual([
      "Post Date → date",
      "Trans Date → valueDate",
      "Transaction Description → description",
      "Amount → amount",
    ]);
  });

  it("sees a second date named under the date column as two dates stacked in each row", () => {
    expect(header([[40, "Lp."], [62, "Data operacji"], [170, "Opis operacji"], [440, "Kwota"], [500, "Saldo po operacji"]], [[62, "Data waluty"]])).toMatchObject({
      stackedDates: true,
      headerLines: [{}, {}],
    });
    expect(header([[40, "Date"], [100, "Description"], [440, "Amount"]], [[100, "Card ending 1234"]])?.stackedDates).toBeUndefined();
  });

  it("accepts columns it does not read separately (type, cheque number, reference)", () => {
    expect(roles([[40, "Date"], [90, "Type"], [130, "Description"], [280, "Cheque No."], [340, "Debit"], [420, "Credit"], [500, "Balance"]])).toEqual([
      "date",
      "description",
      "debit",
      "credit",
      "balance",
    ]);
  });

  it("reads the Croatian date columns wrapped onto two lines, 'Datum' over 'knjiženja' and 'valute', as the booking and value dates (PBZ)", () => {
    const layout = header([[40, "Datum"], [100, "Datum"], [160, "Opis transakcije"], r(470, "Duguje"), r(560, "Potražuje")], [[40, "knjiženja"], [100, "valute"]]);
    expect(layout?.columns.map((c) => [c.role, c.label])).toEqual([
      ["date", "Datum knjiženja"],
      ["valueDate", "Datum valute"],
      ["description", "Opis transakcije"],
      ["debit", "Duguje"],
      ["credit", "Potražuje"],
    ]);
  });

  it("reads a header that wraps onto two lines", () => {
    expect(roles([[40, "Date"], [90, "Details"], [330, "Money"], [410, "Money"], [500, "Balance"]], [[330, "out"], [410, "in"]])).toEqual([
      "date",
      "description",
      "debit",
      "credit",
      "balance",
    ]);
  });

  it("is not a sentence that mentions a date and an amount", () => {
    expect(header([[40, "Please check the date and the amount of every payment on this statement"]])).toBeNull();
    expect(header([[40, "Date"], [90, "Amount in EUR"]])).not.toBeNull();
    // "in" inside "Amount in EUR" is not a Money-in column.
    expect(roles([[40, "Date"], [90, "Text"], [300, "Amount in EUR"]])).toEqual(["date", "description", "amount"]);
  });

  it("needs a date and a money column", () => {
    expect(header([[40, "Description"], [300, "Amount"], [400, "Balance"]])).toBeNull();
    expect(header([[40, "Date"], [300, "Description"], [400, "Reference"]])).toBeNull();
  });

  it("reads a column per currency named by the currency alone, the first the account's (PESOS | DÓLARES: Argentine card statements)", () => {
    expect(roles([[40, "FECHA"], [106, "COMPROBANTE"], [180, "DETALLE DE TRANSACCIÓN"], r(492, "PESOS"), r(555, "DÓLARES")])).toEqual(["date", "description", "amount", "foreignAmount"]);
  });

  it("joins cells printed over two lines around a header line only where each half stands over the other and the header line prints nothing there", () => {
    // "Outstanding" over "Balance" around "Date  Descriptions  Withdrawal  Deposit" (KASIKORNBANK).
    const around = (above: Cell[], below: Cell[]) => {
      const page = pageOf([above, [[30, "Date"], [108, "Descriptions"], r(258, "Withdrawal"), r(316, "Deposit")], below], 1, 4.5);
      return findTableHeader(page.lines[1], page.lines[2], true, undefined, page.lines[0]);
    };
    expect(around([r(382, "Outstanding")], [r(382, "Balance")])?.columns.map((c) => c.label)).toEqual(["Date", "Descriptions", "Withdrawal", "Deposit", "Outstanding Balance"]);
    // A title over the dates, and a note under the amounts: no halves of one cell.
    const apart = around([[30, "Account activity"]], [r(382, "Balance")]);
    expect([apart?.columns.map((c) => c.label), apart?.headerLines.length]).toEqual([["Date", "Descriptions", "Withdrawal", "Deposit"], 1]);
  });
});

describe("cells by position", () => {
  const cells: Cell[] = [[40, "Date"], [90, "Description"], [300, "Paid out"], [400, "Paid in"], [500, "Balance"]];
  const layout = () => header(cells)!;
  const cut = (row: Cell[]) => {
    const page = pageOf([cells, row]);
    return cutLine(page.lines[1], layout());
  };

  it("puts right-aligned numbers in the column whose header they line up with", () => {
    const out = cut([[40, "02/03"], [90, "Rent"], [348, "1,250.00", "right"], [542, "8,010.00", "right"]]);
    expect(out.money.map((m) => [m.role, m.text])).toEqual([["debit", "1,250.00"], ["balance", "8,010.00"]]);
    const inn = cut([[40, "02/03"], [90, "Sales"], [442, "12.00", "right"], [542, "8,022.00", "right"]]);
    expect(inn.money.map((m) => m.role)).toEqual(["credit", "balance"]);
  });

  it("keeps money-like text inside the description as text", () => {
    const row = cut([[40, "02/03"], [90, "Refund 25.00 order"], [348, "25.00", "right"]]);
    expect(row.textWords.map((w) => w.text).join(" ")).toBe("02/03 Refund 25.00 order");
    expect(row.money.map((m) => m.role)).toEqual(["debit"]);
  });

  it("joins a CR mark printed in its own cell to the amount before it", () => {
    const row = cut([[40, "02/03"], [90, "Payment"], [442, "500.00", "right"], [446, "CR"]]);
    expect(row.money).toMatchObject([{ role: "credit", text: "500.00 CR" }]);
  });

  it("separates an amount printed one space after the description", () => {
    const row = cut([[40, "02/03"], [348, "Service charge 12.00", "right"]]);
    expect(row.money.map((m) => [m.role, m.text])).toEqual([["debit", "12.00"]]);
    expect(row.textWords.map((w) => w.text)).toEqual(["02/03", "Service", "charge"]);
  });
});
