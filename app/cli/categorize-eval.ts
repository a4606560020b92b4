/**
 * `cashline categorize-eval --train A.csv --test B.csv [--json]`: the categorization learner
 * (app/domain/categorize.ts) on anyone's labelled data, without a database. Trains a fresh
 * model on A only, predicts every row of B, prints
 * `{ accuracy, predictions: [{ description, predicted, confidence }] }`.
 *
 * Both files: CSV with a header row naming the columns `description`, `amount` and `category`
 * (any order, any case, other columns ignored; category names are free text). Amounts are
 * exact decimals — `-12.50`, `1,234.56`, `1.234,56`, `(12.50)` — with the decimal separator
 * decided per file. Rows are numbered as a spreadsheet shows them: the header is row 1.
 * Anything wrong with a file is a LabelledFileError naming the file (and the row).
 */
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import { inferDecimalSeparator, parseAmount } from "../domain/amount.ts";
import { trainModel, type TrainingExample } from "../domain/categorize.ts";
import { decodeStatementBytes } from "../domain/encoding.ts";

export class LabelledFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LabelledFileError";
  }
}

export interface LabelledRow extends TrainingExample {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
}

export interface EvalPrediction {
  description: string;
  predicted: string;
  confidence: number;
}

export interface EvalResult {
  accuracy: number;
  predictions: EvalPrediction[];
}

const COLUMNS = ["description", "amount", "category"] as const;

/** Reads a labelled CSV's text; `file` is only for messages. */
export function parseLabelledCsv(text: string, file: string): LabelledRow[] {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  // An undetectable delimiter (one column, an empty file) is not fatal: "," is assumed and the header check says what is missing.
  const fatal = parsed.errors.find((e) => e.type === "Quotes");
  if (fatal) throw new LabelledFileError(`${file} row ${(fatal.row ?? 0) + 1}: ${fatal.message.toLowerCase()}`);
  const records = parsed.data;
  const headerIndex = records.findIndex((r) => r.some((cell) => cell.trim() !== ""));
  if (headerIndex < 0) throw new LabelledFileError(`${file} is empty: it needs a header row with description, amount and category`);
  const header = records[headerIndex]!.map((cell) => cell.replace(/^\uFEFF/, "").trim().toLowerCase());
  const index: Record<(typeof COLUMNS)[number], number> = { description: -1, amount: -1, category: -1 };
  for (const column of COLUMNS) {
    const found = header.filter((h) => h === column);
    if (found.length === 0) {
      throw new LabelledFileError(
        `${file}: missing column "${column}" — row ${headerIndex + 1} must name the columns description, amount and category (it has: ${records[headerIndex]!.map((c) => c.trim()).join(", ")})`,
      );
    }
    if (found.length > 1) throw new LabelledFileError(`${file}: the column "${column}" appears twice in the header`);
    index[column] = header.indexOf(column);
  }

  const body = records
    .map((cells, i) => ({ cells, row: i + 1 }))
    .slice(headerIndex + 1)
    .filter(({ cells }) => cells.some((c) => c.trim() !== ""));
  if (body.length === 0) throw new LabelledFileError(`${file} has no rows below the header`);
  const separator = inferDecimalSeparator(body.map(({ cells }) => cells[index.amount] ?? "")) ?? ".";

  return body.map(({ cells, row }) => {
    const width = Math.max(index.description, index.amount, index.category) + 1;
    if (cells.length < width) throw new LabelledFileError(`${file} row ${row}: ${cells.length} fields, but the header has ${header.length}`);
    const amountText = cells[index.amount]!.trim();
    if (amountText === "") throw new LabelledFileError(`${file} row ${row}: the amount is empty`);
    const amount = parseAmount(amountText, { decimalSeparator: separator });
    if (amount === null) throw new LabelledFileError(`${file} row ${row}: cannot read the amount "${amountText}"`);
    const category = cells[index.category]!.trim();
    if (category === "") throw new LabelledFileError(`${file} row ${row}: the category is empty`);
    if (category.length > 200) throw new LabelledFileError(`${file} row ${row}: the category is longer than 200 characters`);
    return { row, description: cells[index.description]!.trim(), amount, category };
  });
}

export async function readLabelledFile(file: string): Promise<LabelledRow[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new LabelledFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseLabelledCsv(decodeStatementBytes(bytes).text, file);
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** Trains on `train` only and predicts `test`. */
export function evaluate(train: readonly TrainingExample[], test: readonly TrainingExample[]): EvalResult {
  const model = trainModel(train);
  let correct = 0;
  const predictions = test.map((row) => {
    const prediction = model.predict(row)!;
    if (prediction.category === row.category) correct++;
    return { description: row.description, predicted: prediction.category, confidence: round4(prediction.confidence) };
  });
  return { accuracy: test.length ? round4(correct / test.length) : 0, predictions };
}

export async function categorizeEval(trainFile: string, testFile: string): Promise<EvalResult> {
  const train = await readLabelledFile(trainFile);
  const test = await readLabelledFile(testFile);
  return evaluate(train, test);
}
