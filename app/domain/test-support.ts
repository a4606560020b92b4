import { StatementParseError } from "./statement.ts";

/** The StatementParseError a parser throws (tests assert its message and location). */
export function errorOf(run: () => unknown): StatementParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementParseError) return error;
    throw error;
  }
  throw new Error("expected a StatementParseError");
}
