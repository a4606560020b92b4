import { describe, expect, it } from "vitest";
import { inPrintedOrder } from "./page-order.ts";
import { pageOf, type Cell } from "./test-pages.ts";

/** A page of some rows, with `top` printed on its first line and `foot` on its last. */
const page = (number: number, top: string, foot = "", rows = 3) =>
  pageOf(
    [
      [[40, "Willamette Valley Bank"], [450, top]],
      ...Array.from({ length: rows }, (_, i): Cell[] => [[40, `11/${i + 1}`], [90, `ROW ${number}.${i + 1}`], [500, "12.00"]]),
      [[40, foot || "Member FDIC"]],
    ],
    number,
  );
const order = (pages: ReturnType<typeof page>[]) => inPrintedOrder(pages).pages.map((p) => p.number);

describe("inPrintedOrder", () => {
  it("puts pages in the order their printed numbers give, at the top or the foot, in several languages", () => {
    expect(order([page(1, "Page 3 of 3"), page(2, "Page 1 of 3"), page(3, "Page 2 of 3")])).toEqual([2, 3, 1]);
    expect(order([page(1, "", "Seite 2 von 2"), page(2, "", "Seite 1 von 2")])).toEqual([2, 1]);
    expect(order([page(1, "Pagina 2 di 2"), page(2, "Pagina 1 di 2")])).toEqual([2, 1]);
    expect(order([page(1, "- 2/2 -"), page(2, "- 1/2 -")])).toEqual([2, 1]);
    // Far down a long page, among its last lines.
    expect(order([page(1, "", "Page 2 of 2", 40), page(2, "", "Page 1 of 2", 40)])).toEqual([2, 1]);
  });

  it("explains a new order, and leaves pages as stored (without a word) when any page prints no number, numbers repeat or do not count the file's pages", () => {
    expect(inPrintedOrder([page(1, "Page 2 of 2"), page(2, "Page 1 of 2")]).explanation?.step).toBe("page order");
    expect(inPrintedOrder([page(1, "Page 1 of 2"), page(2, "Page 2 of 2")]).explanation).toBeUndefined();
    for (const pages of [
      [page(1, "Page 2 of 2"), page(2, "")],
      [page(1, "Page 1 of 2"), page(2, "Page 1 of 2")],
      [page(1, "Page 2 of 3"), page(2, "Page 1 of 3")],
      // Two different numbers on one page: which is its own is not known.
      [page(1, "Page 2 of 2", "Page 1 of 2"), page(2, "Page 1 of 2")],
      // A date at the foot, shaped like a page's number, is none where the pages do not count up by it.
      [page(1, "", "2/2"), page(2, "", "1/3")],
    ]) {
      const read = inPrintedOrder(pages);
      expect([read.pages, read.explanation]).toEqual([pages, undefined]);
    }
  });
});
