/**
 * Statements in a currency of three decimals: the Jordanian, Kuwaiti, Bahraini, Iraqi, Libyan and
 * Tunisian dinars and the Omani rial, whose banks print every amount with its three ("49.177",
 * "1,714.813", "0.500"). The reader finds money by its two decimals; "49.177" is also a whole number
 * grouped in thousands (forints, krónur), so three decimals are read only where the evidence is
 * strong. The money columns of the table hold numbers of three decimals, all with one decimal
 * separator, and not one amount of two; and the statement names a currency of three decimals
 * (money.ts knows each currency's), or, naming none, prints some that can only be three decimals
 * ("1,714.813": grouped with the other character; "0.500"). A statement that names a currency of
 * two decimals, or none, is read as before.
 * Pure: pages in, the decision out (the reader then reads its money with three decimals).
 */
import type { DecimalSeparator } from "../amount.ts";
import { currencyExponent } from "../money.ts";
import type { Explanation } from "../statement.ts";
import { looksLikeMoney, readThreeDecimalNumber, type ThreeDecimalNumber } from "./amounts.ts";
import type { PdfPage } from "./extract.ts";
import { ledgerMoneyColumnFor, type TableLayout } from "./table.ts";
import type { TableHeaderAt } from "./whole-units.ts";

export interface ThreeDecimalReading {
  /**
   * The pages again, each line a new object: what was worked out of a line while its money was
   * read with two decimals (its money texts, whether it is a header) is not taken for it.
   */
  pages: PdfPage[];
  explanation: Explanation;
}

/**
 * Whether the statement prints its amounts with three decimals; undefined when not (it is read
 * as printed, with two). `decideCurrency` is the reader's own currency decision, given the
 * currencies printed with the numbers found.
 */
export function readThreeDecimalAmounts(
  pages: readonly PdfPage[],
  headers: ReadonlyMap<number, readonly TableHeaderAt[]>,
  decideCurrency: (printed: readonly { currency?: string }[]) => { code: string } | undefined,
): ThreeDecimalReading | undefined {
  const found: { text: string; number: ThreeDecimalNumber }[] = [];
  let layout: TableLayout | undefined;
  for (const page of pages) {
    const here = headers.get(page.number) ?? [];
    for (let i = 0; i < page.lines.length; i++) {
      const header = here.find((h) => h.index === i);
      if (header) {
        layout = header.layout;
        i += header.layout.headerLines.length - 1;
        continue;
      }
      // The table's lines: under its header on this page, or on a page after it without one.
      if (!layout || (here.length > 0 && i < here[0]!.index)) continue;
      for (const segment of page.lines[i]!.segments) {
        // (An amount in the currency it was spent in has that currency's decimals: no evidence.)
        if (ledgerMoneyColumnFor(segment, layout) === undefined) continue;
        // One amount of two decimals in a money column: a statement of ordinary money.
        if (looksLikeMoney(segment.text)) return undefined;
        const number = readThreeDecimalNumber(segment.text);
        if (number) found.push({ text: segment.text, number });
      }
    }
  }
  if (found.length === 0) return undefined;
  const separators = new Set<DecimalSeparator>(found.map((f) => f.number.separator));
  if (separators.size > 1) return undefined;
  const currency = decideCurrency(found.map((f) => f.number));
  const unambiguous = found.filter((f) => f.number.unambiguous);
  let why: string;
  if (currency) {
    if (currencyExponent(currency.code) !== 3) return undefined;
    why = `the statement's currency, ${currency.code}, has three decimals`;
  } else if (unambiguous.length > 0) {
    why = `${unambiguous.length} of them can only be three decimals (e.g. "${unambiguous[0]!.text.trim()}")`;
  } else return undefined;
  return {
    pages: pages.map((page) => ({ ...page, lines: page.lines.map((line) => ({ ...line })) })),
    explanation: {
      step: "three decimals",
      decision: "amounts are printed with three decimals",
      evidence: `${found.length} number${found.length === 1 ? "" : "s"} of three decimals in the table's money columns and no amount of two (e.g. "${found[0]!.text.trim()}"); ${why}`,
    },
  };
}
