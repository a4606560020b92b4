/**
 * Regular expressions that tenants type into rules, matched in time linear in the input —
 * never by the backtracking engine. A rule runs in the shared import worker against every
 * row of every statement, so one `(a+)+$` must not be able to stall imports for everybody.
 *
 * Why not just reject "dangerous" patterns and use RegExp? Detecting nested quantifiers is
 * easy, but polynomial blow-ups (`.*a.*b.*c.*d` on a long non-matching line) pass any simple
 * static check, and JavaScript has no way to time out a running RegExp. So patterns are
 * compiled to a Thompson NFA and simulated breadth-first (Pike's VM without captures): every
 * input character is looked at once per live NFA state, so the cost is at most
 * O(input length × pattern states) whatever the pattern — and nested quantifiers are harmless.
 *
 * The dialect is JavaScript's (the pattern must compile with `new RegExp(p, "iu")`), always
 * case-insensitive, without the features that need backtracking: back-references and
 * lookaround are refused with a specific message. Character classes, escapes (`\d`, `\w`,
 * `\p{L}` …), groups, alternation, greedy and lazy quantifiers (`*`, `+`, `?`, `{n,m}`), `^`,
 * `$`, `\b` and `\B` work as in JavaScript. A rule only asks "does it match?", so captures and
 * laziness make no difference.
 *
 * Bounds: patterns up to MAX_PATTERN_LENGTH characters and MAX_STATES compiled states
 * (`x{1000}` is refused), inputs matched on their first MAX_INPUT_LENGTH characters. Pure.
 */

export const MAX_PATTERN_LENGTH = 200;
export const MAX_STATES = 2000;
export const MAX_REPEAT = 100;
export const MAX_INPUT_LENGTH = 1000;

export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PatternError";
  }
}

export interface SafePattern {
  readonly source: string;
  /** Whether the pattern matches anywhere in `text` (case-insensitive). */
  test(text: string): boolean;
}

type Matcher = (codePoint: number) => boolean;

type Node =
  | { t: "char"; m: Matcher }
  | { t: "cat"; items: Node[] }
  | { t: "alt"; items: Node[] }
  | { t: "rep"; node: Node; min: number; max: number }
  | { t: "assert"; kind: "^" | "$" | "b" | "B" }
  | { t: "empty" };

const LINE_TERMINATORS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);
const WORD = /^\w$/iu;

/**
 * A one-character matcher from a piece of pattern (a class, an escape or a literal), using
 * JavaScript's own semantics on single characters — constant time, no backtracking possible.
 * ASCII answers are precomputed.
 */
function nativeMatcher(piece: string): Matcher {
  const re = new RegExp(`^(?:${piece})$`, "iu");
  const ascii = new Uint8Array(128);
  for (let cp = 0; cp < 128; cp++) ascii[cp] = re.test(String.fromCharCode(cp)) ? 1 : 0;
  return (cp) => (cp < 128 ? ascii[cp] === 1 : re.test(String.fromCodePoint(cp)));
}

const ANY: Matcher = (cp) => !LINE_TERMINATORS.has(cp);

class Parser {
  private i = 0;
  private readonly cps: string[];

  constructor(private readonly source: string) {
    this.cps = Array.from(source);
  }

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.cps.length) throw new PatternError(`unexpected "${this.cps[this.i]}" at position ${this.i + 1}`);
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.cps[this.i + offset];
  }

  private alternation(): Node {
    const items = [this.sequence()];
    while (this.peek() === "|") {
      this.i++;
      items.push(this.sequence());
    }
    return items.length === 1 ? items[0]! : { t: "alt", items };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.cps.length && this.peek() !== "|" && this.peek() !== ")") {
      items.push(this.quantified());
    }
    return items.length === 0 ? { t: "empty" } : items.length === 1 ? items[0]! : { t: "cat", items };
  }

  private quantified(): Node {
    const atom = this.atom();
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const rest = this.cps.slice(this.i).join("");
      const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
      if (!m) throw new PatternError(`a "{" at position ${this.i + 1} must be written \\{`);
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) {
        throw new PatternError(`repeat counts above ${MAX_REPEAT} are not allowed in rule patterns ("${m[0]}")`);
      }
      this.i += Array.from(m[0]).length - 1;
    } else return atom;
    this.i++;
    if (this.peek() === "?") this.i++; // lazy: the same yes/no answer
    if (atom.t === "assert") throw new PatternError(`nothing to repeat before "${c}" at position ${this.i}`);
    return { t: "rep", node: atom, min, max };
  }

  private atom(): Node {
    const c = this.peek();
    if (c === undefined) throw new PatternError("the pattern ends too early");
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === "\\") return this.escape();
    this.i++;
    if (c === ".") return { t: "char", m: ANY };
    if (c === "^") return { t: "assert", kind: "^" };
    if (c === "$") return { t: "assert", kind: "$" };
    if ("*+?{".includes(c)) throw new PatternError(`nothing to repeat before "${c}" at position ${this.i}`);
    return { t: "char", m: nativeMatcher(escapeLiteral(c)) };
  }

  private group(): Node {
    this.i++;
    if (this.peek() === "?") {
      const next = this.peek(1);
      if (next === ":") this.i += 2;
      else if (next === "=" || next === "!" || (next === "<" && (this.peek(2) === "=" || this.peek(2) === "!"))) {
        throw new PatternError("lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported in rule patterns");
      } else if (next === "<") {
        const close = this.cps.indexOf(">", this.i);
        if (close < 0) throw new PatternError("a named group is missing its closing >");
        this.i = close + 1;
      } else throw new PatternError(`unsupported group "(?${next ?? ""}" at position ${this.i}`);
    }
    const inner = this.alternation();
    if (this.peek() !== ")") throw new PatternError("a ( is never closed");
    this.i++;
    return inner;
  }

  private charClass(): Node {
    const start = this.i;
    this.i++;
    if (this.peek() === "^") this.i++;
    // JavaScript (u mode) has no nested classes: the first unescaped "]" closes it.
    while (this.i < this.cps.length && this.peek() !== "]") {
      if (this.peek() === "\\") {
        const next = this.peek(1);
        if (next !== undefined && /[1-9k]/.test(next)) throw new PatternError("back-references (\\1, \\k<name>) are not supported in rule patterns");
        this.i++;
      }
      this.i++;
    }
    if (this.peek() !== "]") throw new PatternError("a [ is never closed");
    this.i++;
    return { t: "char", m: nativeMatcher(this.cps.slice(start, this.i).join("")) };
  }

  private escape(): Node {
    const next = this.peek(1);
    if (next === undefined) throw new PatternError("the pattern ends with a lone \\");
    if (next === "b" || next === "B") {
      this.i += 2;
      return { t: "assert", kind: next };
    }
    if (/[1-9]/.test(next) || next === "k") throw new PatternError("back-references (\\1, \\k<name>) are not supported in rule patterns");
    // The whole escape: \u{1F600}, \uFFFF, \xFF, \p{L}, \cX or one character.
    const rest = this.cps.slice(this.i).join("");
    const m = /^\\(?:u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|[pP]\{[^}]*\}|c[A-Za-z]|[\s\S])/u.exec(rest);
    const piece = m![0];
    this.i += Array.from(piece).length;
    return { t: "char", m: nativeMatcher(piece) };
  }
}

function escapeLiteral(c: string): string {
  // Only syntax characters may be escaped in u-mode (an escaped "-" outside a class is an error).
  return /[\^$\\.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

// ---------------------------------------------------------------------------------------
// Thompson construction, built back to front (each piece is compiled knowing what follows).

const CHAR = 0;
const SPLIT = 1;
const ASSERT = 2;
const MATCH = 3;

class Program {
  readonly kind: number[] = [];
  readonly out1: number[] = [];
  readonly out2: number[] = [];
  readonly matcher: (Matcher | null)[] = [];
  readonly assertion: (string | null)[] = [];

  add(kind: number, out1 = -1, out2 = -1, matcher: Matcher | null = null, assertion: string | null = null): number {
    if (this.kind.length >= MAX_STATES) {
      throw new PatternError(`the pattern is too large (more than ${MAX_STATES} states once repeats are expanded); simplify it`);
    }
    this.kind.push(kind);
    this.out1.push(out1);
    this.out2.push(out2);
    this.matcher.push(matcher);
    this.assertion.push(assertion);
    return this.kind.length - 1;
  }
}

function compile(program: Program, node: Node, next: number): number {
  switch (node.t) {
    case "empty":
      return next;
    case "char":
      return program.add(CHAR, next, -1, node.m);
    case "assert":
      return program.add(ASSERT, next, -1, null, node.kind);
    case "cat": {
      let state = next;
      for (let k = node.items.length - 1; k >= 0; k--) state = compile(program, node.items[k]!, state);
      return state;
    }
    case "alt": {
      const starts = node.items.map((item) => compile(program, item, next));
      let state = starts[starts.length - 1]!;
      for (let k = starts.length - 2; k >= 0; k--) state = program.add(SPLIT, starts[k], state);
      return state;
    }
    case "rep": {
      let state: number;
      if (node.max === Infinity) {
        // x*: a split that either enters x (which loops back to it) or goes on.
        const loop = program.add(SPLIT, -1, next);
        program.out1[loop] = compile(program, node.node, loop);
        state = loop;
      } else {
        // x{0,k} as (x(x(x)?)?)?: each optional copy either matches and continues, or goes on.
        state = next;
        for (let k = node.min; k < node.max; k++) state = program.add(SPLIT, compile(program, node.node, state), next);
      }
      for (let k = 0; k < node.min; k++) state = compile(program, node.node, state);
      return state;
    }
  }
}

function build(root: Node): { program: Program; start: number } {
  const program = new Program();
  const match = program.add(MATCH);
  return { program, start: compile(program, root, match) };
}

// ---------------------------------------------------------------------------------------

function isWordAt(cps: number[], index: number): boolean {
  const cp = cps[index];
  return cp !== undefined && WORD.test(String.fromCodePoint(cp));
}

function run(program: Program, start: number, text: string): boolean {
  const cps: number[] = [];
  for (const ch of text) {
    if (cps.length >= MAX_INPUT_LENGTH) break;
    cps.push(ch.codePointAt(0)!);
  }
  const { kind, out1, out2, matcher, assertion } = program;
  const seen = new Int32Array(kind.length).fill(-1);
  const stack: number[] = [];
  let current: number[] = [];
  let next: number[] = [];

  /** Adds `state` and everything reachable without consuming input at `pos`; true on a match. */
  const addThread = (list: number[], state: number, pos: number): boolean => {
    stack.push(state);
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (s < 0 || seen[s] === pos) continue;
      seen[s] = pos;
      switch (kind[s]) {
        case MATCH:
          stack.length = 0;
          return true;
        case CHAR:
          list.push(s);
          break;
        case SPLIT:
          stack.push(out2[s]!, out1[s]!);
          break;
        case ASSERT: {
          const a = assertion[s];
          const ok =
            a === "^" ? pos === 0 : a === "$" ? pos === cps.length : (isWordAt(cps, pos - 1) !== isWordAt(cps, pos)) === (a === "b");
          if (ok) stack.push(out1[s]!);
          break;
        }
      }
    }
    return false;
  };

  for (let pos = 0; pos <= cps.length; pos++) {
    // Unanchored search: a new attempt may start at every position.
    if (addThread(current, start, pos)) return true;
    if (pos === cps.length || current.length === 0) {
      if (pos === cps.length) break;
      continue;
    }
    const cp = cps[pos]!;
    next.length = 0;
    for (const s of current) {
      if (matcher[s]!(cp) && addThread(next, out1[s]!, pos + 1)) return true;
    }
    [current, next] = [next, current];
  }
  return false;
}

/** Compiles a rule pattern; throws PatternError saying what is wrong or unsupported. */
export function compileSafePattern(source: string): SafePattern {
  if (source.length === 0) throw new PatternError("the pattern is empty");
  if (Array.from(source).length > MAX_PATTERN_LENGTH) {
    throw new PatternError(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  }
  try {
    new RegExp(source, "iu");
  } catch (error) {
    throw new PatternError(`not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, "")}`);
  }
  const { program, start } = build(new Parser(source).parse());
  return { source, test: (text) => run(program, start, text) };
}

/** Null when the pattern is usable in a rule, else why not. */
export function checkSafePattern(source: string): string | null {
  try {
    compileSafePattern(source);
    return null;
  } catch (error) {
    if (error instanceof PatternError) return error.message;
    throw error;
  }
}
