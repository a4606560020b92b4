import { describe, expect, it } from "vitest";
import { checkSafePattern, compileSafePattern, MAX_INPUT_LENGTH, MAX_PATTERN_LENGTH, PatternError } from "./safe-regex.ts";

// Patterns people write in rules, and tricky ones, each checked against JavaScript's own engine.
const PATTERNS = [
  "^uber\\b", "amzn|amazon", "\\bnet\\s*pay\\b", "^(?:sq|tst)\\s*\\*", "colou?r", "a{2,3}b", "x{0,2}y", "x{2}", "x{2,}", "[^a-z]+$", "\\d{4}$",
  "caf[eé]", "\\p{Lu}{3}", "(?<name>foo)bar", "^$", "\\B", "ü", "(?:)*a", "^.{0,5}$", "^[\\w.-]+@", "(foo|)+bar", "((a|b)*c)*d",
  "gusto.*(net|pay)", "^(ach|wire) (debit|credit)", "\\.com\\b", "[0-9]{3}-[0-9]{3}-[0-9]{4}", "rent\\s+(jan|feb|mar)", "^[^*]+\\*", "a.c",
  "\\u00e9", "\\x41", "[\\d.]+", "\\s$", "(a+)+$", "(x+x+)+y", "a*?b", "(ab)+?c", "[a-c-]", "\\\\", "\\/", "[\\]]", "\\n",
];
const INPUTS = [
  "UBER TRIP", "aaaaaaaaaaaaaaaa!", "AMZN Mktp", "ACME NET PAY", "SQ *BLUE", "color", "aab", "aaaab", "xxxy", "abc123", "CAFÉ", "ABC", "foobar",
  "abd", "", "abcd", "aaa", "ÜBER", "x@y", "bar", "foofoobar", "abcabcd", "GUSTO DES:NET PAY", "ACH DEBIT GUSTO", "NETFLIX.COM 866-579-7172",
  "RENT  MAR", "é", "A", "1.5", "trailing ", "xxxxxxxxxxxxxxxxxxxxxxxxy", "abbc", "-", "\\", "/", "]", "line\nbreak", "ΣΊΣΥΦΟΣ",
];

describe("compileSafePattern", () => {
  it("answers exactly like JavaScript's case-insensitive RegExp on every pattern and input", () => {
    const mismatches: string[] = [];
    for (const pattern of PATTERNS) {
      const safe = compileSafePattern(pattern);
      const native = new RegExp(pattern, "iu");
      for (const input of INPUTS) {
        // The native engine is itself exponential on (a+)+$ and (x+x+)+y: compare on short inputs only.
        if (/\(\w\+(\w\+)?\)\+/.test(pattern) && input.length > 18) continue;
        if (safe.test(input) !== native.test(input)) mismatches.push(`${pattern} on ${JSON.stringify(input)}: ${safe.test(input)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("runs patterns that make backtracking engines hang in linear time", () => {
    const cases: [string, string][] = [
      ["(a+)+$", `${"a".repeat(50_000)}!`],
      ["(x+x+)+y", "x".repeat(50_000)],
      ["(a|a)*b", "a".repeat(50_000)],
      [".*a.*b.*c.*d", "abc".repeat(20_000)],
      ["(\\w+\\s?)*$", `${"word ".repeat(10_000)}!`],
    ];
    for (const [pattern, input] of cases) {
      const safe = compileSafePattern(pattern);
      const started = performance.now();
      safe.test(input);
      expect(performance.now() - started, pattern).toBeLessThan(500);
    }
  });

  it("looks at the first MAX_INPUT_LENGTH characters only", () => {
    const far = `${"x".repeat(MAX_INPUT_LENGTH)}needle`;
    expect(compileSafePattern("needle").test(far)).toBe(false);
    expect(compileSafePattern("needle").test(far.slice(10))).toBe(true);
  });

  it("refuses what needs backtracking or is too big, saying why", () => {
    const refused: [string, string][] = [
      ["", "the pattern is empty"],
      ["a(?=b)", "lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported in rule patterns"],
      ["(?<!a)b", "lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported in rule patterns"],
      ["(a)\\1", "back-references (\\1, \\k<name>) are not supported in rule patterns"],
      ["(?<n>a)\\k<n>", "back-references (\\1, \\k<name>) are not supported in rule patterns"],
      ["x{1000}", 'repeat counts above 100 are not allowed in rule patterns ("{1000}")'],
      ["(((a{0,100}){0,100}){0,100})", "the pattern is too large (more than 2000 states once repeats are expanded); simplify it"],
      ["a".repeat(MAX_PATTERN_LENGTH + 1), `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`],
      ["(unclosed", "not a valid regular expression: /(unclosed/iu: Unterminated group"],
      ["*a", "not a valid regular expression: /*a/iu: Nothing to repeat"],
    ];
    for (const [pattern, message] of refused) {
      expect(checkSafePattern(pattern), pattern).toBe(message);
      expect(() => compileSafePattern(pattern)).toThrow(PatternError);
    }
    expect(checkSafePattern("^(uber|lyft)\\b")).toBeNull();
  });
});
