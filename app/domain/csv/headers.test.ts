/**
 * Column roles from header names alone (headers.ts): what a name says before any value is seen.
 */
import { describe, expect, it } from "vitest";
import { isPriceBeforeTax, roleFromHeader } from "./headers.ts";

const role = (name: string) => roleFromHeader(name)?.role;

describe("names about a deposit, payout or debit that are not its money", () => {
  it("leaves Square's Deposit Details and Deposit ID, a Debit Type or a Payout Method out of the money columns", () => {
    expect(["Deposit Details", "Deposit ID", "Deposit Notes", "Debit Type", "Credit Reference", "Payout Method", "Withdrawal Status"].map(role)).toEqual([
      "ignore", "ignore", "ignore", "ignore", "ignore", "ignore", "ignore",
    ]);
    // The money itself keeps its role; a deposit's date is a date.
    expect(["Deposit", "Deposit Amount", "Deposits (+)", "Credit Amount", "Debit", "Deposit Date"].map(role)).toEqual(["credit", "credit", "credit", "credit", "debit", "date"]);
  });
});

describe("a processor's amounts", () => {
  it("names Square's Net Total, SumUp's Auszahlung (payout) and Gesamtbetrag (total) as amounts", () => {
    expect(["Net Total", "Auszahlung", "Payout", "Gesamtbetrag"].map(role)).toEqual(["amount", "amount", "amount", "amount"]);
  });

  it("knows a price before tax, which is never the money that moved", () => {
    expect(["Preis (Netto)", "Prix HT", "Price excl. VAT", "Net price", "Nettopreis"].map(isPriceBeforeTax)).toEqual([true, true, true, true, true]);
    expect(["Price", "Total price", "Net amount", "Net Total", "Prix TTC"].map(isPriceBeforeTax)).toEqual([false, false, false, false, false]);
    expect(role("Preis (Netto)")).toBe("ignore");
  });
});

describe("Vietnamese names (BIDV, Vietcombank)", () => {
  it("reads the date, value date, debit, credit, balance, description, reference and currency names", () => {
    expect(
      ["Ngày giao dịch", "Ngày hiệu lực", "Số tiền ghi nợ", "Số tiền ghi có", "Số dư", "Mô tả giao dịch", "Nội dung", "Số tham chiếu", "Loại tiền", "Số tiền"].map(role),
    ).toEqual(["date", "valueDate", "debit", "credit", "balance", "description", "description", "reference", "currency", "amount"]);
  });
});

describe("a marketplace's sale", () => {
  it("reads eBay's Item title as the description and its Buyer name as the other party", () => {
    expect(["Item title", "Buyer name", "Customer Name"].map(role)).toEqual(["description", "payee", "payee"]);
  });
});

describe("what a payment is for", () => {
  it("reads the purpose columns of Balkan, Central European and Georgian exports as the rows' words", () => {
    const names = [
      "Svrha plaćanja", "Svrha", "Svrha doznake", "Namena", "Namjena plaćanja", "Účel platby", "Zweck", "Operation Content", "Payment purpose",
      "Сврха плаћања", "Основание за плащане", "დანიშნულება", "ოპერაციის შინაარსი", "Svrha plaćanja naloga",
    ];
    expect(names.map(role)).toEqual(names.map(() => "description"));
    // The payment's code beside it (Serbia's "Šifra plaćanja" 221/289) is no words about the row.
    expect(role("Šifra plaćanja")).toBeUndefined();
  });
});
