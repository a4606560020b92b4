/**
 * Money, the one way Cashline represents amounts. Never a float.
 *
 * `Decimal` is an exact decimal (a bigint count of 10^-scale units). Parsers produce
 * Decimals before they know an account's currency; everything stored, summed or shown is a
 * `Money`: a Decimal plus an ISO 4217 currency, at that currency's minor-unit exponent.
 */

const CANONICAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export class Decimal {
  /**
   * toString's text, kept once asked for (an imported row's amount is written out three times).
   * A private field, not a property: equality of values (toEqual) and structured clone see only
   * units and scale.
   */
  #text: string | undefined = undefined;

  private constructor(
    /** The value times 10^scale. */
    readonly units: bigint,
    readonly scale: number,
  ) {}

  static readonly ZERO = new Decimal(0n, 0);

  static fromUnits(units: bigint, scale: number): Decimal {
    if (!Number.isInteger(scale) || scale < 0 || scale > 18) throw new RangeError(`invalid decimal scale ${scale}`);
    return new Decimal(units, scale);
  }

  /** Parses the canonical form `-1234.5600` (what PostgreSQL numeric and our JSON use). */
  static parse(text: string): Decimal {
    const m = CANONICAL.exec(text.trim());
    if (!m) throw new DecimalFormatError(text);
    const fraction = m[3] ?? "";
    if (fraction.length > 18) throw new DecimalFormatError(text);
    const units = BigInt(m[2] + fraction);
    return new Decimal(m[1] ? -units : units, fraction.length);
  }

  static tryParse(text: string): Decimal | null {
    try {
      return Decimal.parse(text);
    } catch {
      return null;
    }
  }

  static sum(values: Iterable<Decimal>): Decimal {
    let total = Decimal.ZERO;
    for (const v of values) total = total.add(v);
    return total;
  }

  /** The same value at a larger scale (exact). */
  private widen(scale: number): bigint {
    // Most sums and comparisons are of amounts of one scale: no power of ten to compute.
    return scale === this.scale ? this.units : this.units * 10n ** BigInt(scale - this.scale);
  }

  add(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.widen(scale) + other.widen(scale), scale);
  }

  sub(other: Decimal): Decimal {
    return this.add(other.neg());
  }

  neg(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  abs(): Decimal {
    return this.units < 0n ? this.neg() : this;
  }

  /** -1, 0 or 1. */
  cmp(other: Decimal): -1 | 0 | 1 {
    const scale = Math.max(this.scale, other.scale);
    const a = this.widen(scale);
    const b = other.widen(scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: Decimal): boolean {
    return this.cmp(other) === 0;
  }

  sign(): -1 | 0 | 1 {
    return this.units < 0n ? -1 : this.units > 0n ? 1 : 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  /** Number of significant fraction digits (trailing zeros ignored). */
  significantScale(): number {
    let units = this.units < 0n ? -this.units : this.units;
    let scale = this.scale;
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale--;
    }
    return scale;
  }

  /** The same value at exactly `scale` fraction digits; throws rather than round. */
  rescale(scale: number): Decimal {
    if (scale >= this.scale) return new Decimal(this.widen(scale), scale);
    if (this.significantScale() > scale) {
      throw new RangeError(`${this.toString()} has more than ${scale} decimal places`);
    }
    return new Decimal(this.units / 10n ** BigInt(this.scale - scale), scale);
  }

  /** Canonical text: `-1234.56` (all of this value's scale digits, no grouping). */
  toString(): string {
    if (this.#text !== undefined) return this.#text;
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, "0");
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = this.scale > 0 ? `.${digits.slice(digits.length - this.scale)}` : "";
    return (this.#text = `${negative ? "-" : ""}${whole}${fraction}`);
  }

  /**
   * `rescale(scale).toString()` — the canonical text at exactly `scale` fraction digits — without
   * the intermediate value when the scale only grows (zeros appended to this value's text).
   */
  textAtScale(scale: number): string {
    if (scale < this.scale || scale - this.scale > ZEROS.length - 1) return this.rescale(scale).toString();
    if (scale === this.scale) return this.toString();
    return this.scale === 0 ? `${this.toString()}.${ZEROS[scale]}` : this.toString() + ZEROS[scale - this.scale];
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Runs of zeros by length, for textAtScale. */
const ZEROS = ["", "0", "00", "000", "0000", "00000", "000000"];

export class DecimalFormatError extends Error {
  constructor(readonly input: string) {
    super(`not a decimal number: "${input}"`);
    this.name = "DecimalFormatError";
  }
}

// ISO 4217 minor-unit exponents that differ from 2.
const EXPONENT: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

const CURRENCY_CODE = /^[A-Z]{3}$/;

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODE.test(code);
}

/** Codes we accept from free text, headerless columns and a page's words, where any three capitals
 *  could be a word: every reader's one list (a code missing here is a currency no file can state). */
export const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(
  ("EUR USD GBP CHF PLN CZK HUF SEK NOK DKK ISK CAD AUD NZD JPY CNY HKD SGD ZAR BRL MXN INR RON BGN HRK TRY ILS AED " +
    "SAR QAR KWD BHD OMR EGP MAD NGN KES ARS CLP COP PEN UYU THB MYR IDR PHP VND KRW TWD RUB UAH RSD BAM MKD ALL GEL " +
    // South and Central Asia, Africa, the Middle East, the Americas (no code that is also an English word).
    "PKR BDT LKR NPR KZT AMD AZN UZS GHS TZS UGX ETB XOF XAF DZD TND JOD LBP IQD BYN MDL MNT KHR PYG DOP GTQ CRC JMD TTD").split(" "),
);

export function isKnownCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code.toUpperCase());
}

export function currencyExponent(currency: string): number {
  if (!isCurrencyCode(currency)) throw new RangeError(`not an ISO 4217 currency code: "${currency}"`);
  return EXPONENT[currency] ?? 2;
}

export class CurrencyMismatchError extends Error {
  constructor(a: string, b: string) {
    super(`cannot combine ${a} and ${b} amounts`);
    this.name = "CurrencyMismatchError";
  }
}

export class Money {
  private constructor(
    readonly amount: Decimal,
    readonly currency: string,
  ) {}

  /** Exact: an amount with more decimals than the currency has is rejected, not rounded. */
  static of(amount: Decimal | string, currency: string): Money {
    const decimal = typeof amount === "string" ? Decimal.parse(amount) : amount;
    return new Money(decimal.rescale(currencyExponent(currency)), currency);
  }

  static zero(currency: string): Money {
    return Money.of(Decimal.ZERO, currency);
  }

  static sum(values: Iterable<Money>, currency: string): Money {
    let total = Money.zero(currency);
    for (const v of values) total = total.add(v);
    return total;
  }

  private same(other: Money): void {
    if (other.currency !== this.currency) throw new CurrencyMismatchError(this.currency, other.currency);
  }

  add(other: Money): Money {
    this.same(other);
    return new Money(this.amount.add(other.amount), this.currency);
  }

  sub(other: Money): Money {
    this.same(other);
    return new Money(this.amount.sub(other.amount), this.currency);
  }

  neg(): Money {
    return new Money(this.amount.neg(), this.currency);
  }

  abs(): Money {
    return new Money(this.amount.abs(), this.currency);
  }

  cmp(other: Money): -1 | 0 | 1 {
    this.same(other);
    return this.amount.cmp(other.amount);
  }

  eq(other: Money): boolean {
    return this.currency === other.currency && this.amount.eq(other.amount);
  }

  isNegative(): boolean {
    return this.amount.isNegative();
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  /** `-12.34` — the decimal string used in JSON and the database. */
  toDecimalString(): string {
    return this.amount.toString();
  }

  toJSON(): { amount: string; currency: string } {
    return { amount: this.toDecimalString(), currency: this.currency };
  }

  /** Localized display, exact (Intl formats the decimal string, not a float). */
  format(locale = "en-US", options: { signDisplay?: "auto" | "always" | "exceptZero" } = {}): string {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency: this.currency,
      signDisplay: options.signDisplay ?? "auto",
    }).format(this.toDecimalString() as `${number}`);
  }
}

/** Formats a decimal string in a currency without building a Money (UI convenience). */
export function formatAmount(amount: string, currency: string, locale = "en-US"): string {
  return Money.of(amount, currency).format(locale);
}
