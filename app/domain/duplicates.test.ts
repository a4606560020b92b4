import { describe, expect, it } from "vitest";
import { descriptionSimilarity, descriptionTokens, NEAR_DUPLICATE_THRESHOLD, scoreNearDuplicate } from "./duplicates.ts";
import { Decimal } from "./money.ts";

const row = (date: string, amount: string, description: string) => ({ date, amount: Decimal.parse(amount), description });

describe("descriptionTokens / descriptionSimilarity", () => {
  it("ignores case, accents, punctuation and bare numbers (card and reference numbers)", () => {
    expect([...descriptionTokens("CAFÉ Müller #4411 · Card 1234")]).toEqual(["cafe", "muller", "card"]);
    expect(descriptionSimilarity("AMAZON MKTPLACE 8812", "Amazon Mktplace 9921")).toBe(1);
    expect(descriptionSimilarity("Rent March", "Payroll March")).toBeCloseTo(1 / 3);
    expect(descriptionSimilarity("", "")).toBe(1);
    expect(descriptionSimilarity("1234", "9999")).toBe(0);
  });
});

describe("scoreNearDuplicate", () => {
  it("scores the same payment described the same way on the same day at 100", () => {
    expect(scoreNearDuplicate(row("2026-03-02", "-42.00", "ACME SUPPLIES"), row("2026-03-02", "-42.00", "Acme Supplies"))).toEqual({
      score: 100,
      reason: "same amount -42.00 on the same day, the same description",
    });
  });

  it("flags the same amount on the same day with different wording (CSV vs PDF of one payment)", () => {
    const v = scoreNearDuplicate(row("2026-03-02", "-42.00", "CARD PAYMENT ACME SUPPLIES LONDON"), row("2026-03-02", "-42.00", "Acme Supplies"));
    expect(v.score).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    expect(v.reason).toBe("same amount -42.00 on the same day, descriptions 40% alike");
  });

  it("does not flag unrelated same-amount payments days apart", () => {
    const v = scoreNearDuplicate(row("2026-03-05", "-9.99", "Netflix"), row("2026-03-02", "-9.99", "Spotify"));
    expect(v.score).toBe(45);
    expect(v.score).toBeLessThan(NEAR_DUPLICATE_THRESHOLD);
    expect(v.reason).toBe("same amount -9.99 3 days apart, different descriptions");
  });

  it("gives 0 for different amounts or dates more than 3 days apart", () => {
    expect(scoreNearDuplicate(row("2026-03-02", "-42.00", "Acme"), row("2026-03-02", "-42.01", "Acme")).score).toBe(0);
    expect(scoreNearDuplicate(row("2026-03-06", "-42.00", "Acme"), row("2026-03-02", "-42.00", "Acme")).score).toBe(0);
  });

  it("treats 1 day apart as likelier than 2", () => {
    const one = scoreNearDuplicate(row("2026-03-03", "-5.00", "Coffee"), row("2026-03-02", "-5.00", "Coffee")).score;
    const two = scoreNearDuplicate(row("2026-03-04", "-5.00", "Coffee"), row("2026-03-02", "-5.00", "Coffee")).score;
    expect(one).toBe(90);
    expect(two).toBe(85);
  });
});
