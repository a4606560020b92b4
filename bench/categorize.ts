/**
 * bench/categorize — how well the categorization learner (app/domain/categorize.ts) does on
 * the labelled fixture set (fixtures/categorize/labelled.csv), by deterministic k-fold
 * cross-validation:
 *
 *   npm run bench:categorize [-- --json] [--folds 5] [--seed 1] [--threshold 0.9] [--sweep]
 *
 * Two splits are reported. "random": rows shuffled and dealt into folds — a payee seen in
 * training usually reappears in testing, as it does in a tenant's ledger month after month.
 * "unseen payees": folds by normalized payee, so every test payee is new to the model — the
 * cold-start case (a first statement, a new supplier), where only words and amounts help.
 * --sweep also prints accuracy, calibration error and auto-apply figures for a grid of
 * smoothing (alpha) and temperature values (how DEFAULT_ALPHA and DEFAULT_TEMPERATURE were chosen).
 */
import path from "node:path";
import { crossValidate, DEFAULT_ALPHA, DEFAULT_AUTO_APPLY_THRESHOLD, DEFAULT_TEMPERATURE, type CrossValidationResult } from "../app/domain/categorize.ts";
import { normalizePayee, payeeKey } from "../app/domain/payee.ts";
import { readLabelledFile, type LabelledRow } from "../app/cli/categorize-eval.ts";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value)) throw new Error(`${name} needs a number`);
  return value;
}

const file = path.join(import.meta.dirname, "../fixtures/categorize/labelled.csv");
const rows: LabelledRow[] = await readLabelledFile(file);
const folds = option("--folds", 5);
const seed = option("--seed", 1);
const threshold = option("--threshold", DEFAULT_AUTO_APPLY_THRESHOLD);
const byPayee = (r: LabelledRow) => payeeKey(normalizePayee(r.description));

const started = performance.now();
const random = crossValidate(rows, { folds, seed, threshold });
const unseen = crossValidate(rows, { folds, seed, threshold, groupOf: byPayee });
const seconds = (performance.now() - started) / 1000;

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function print(title: string, r: CrossValidationResult): void {
  console.log(`\n${title}`);
  console.log(`  top-1 accuracy per fold: ${r.folds.map((f) => `${pct(f.accuracy)} (${f.size})`).join("  ")}`);
  console.log(`  top-1 accuracy overall:  ${pct(r.accuracy)}`);
  console.log(
    `  auto-applied at confidence ≥ ${r.threshold}: ${pct(r.autoApplied.share)} of rows (${r.autoApplied.count}), ${pct(r.autoApplied.accuracy)} of them right; the rest go to review`,
  );
  console.log(`  calibration error (ECE): ${r.expectedCalibrationError.toFixed(3)}`);
  console.log(`  ${"confidence".padEnd(12)} ${"rows".padStart(5)} ${"mean conf".padStart(10)} ${"accuracy".padStart(9)}`);
  for (const b of r.calibration) {
    console.log(`  ${`${b.from.toFixed(1)}–${b.to.toFixed(1)}`.padEnd(12)} ${String(b.count).padStart(5)} ${pct(b.meanConfidence).padStart(10)} ${pct(b.accuracy).padStart(9)}`);
  }
  console.log(`  ${"category".padEnd(24)} ${"rows".padStart(5)} ${"precision".padStart(10)} ${"recall".padStart(8)}`);
  for (const c of r.perCategory) {
    console.log(`  ${c.category.padEnd(24)} ${String(c.support).padStart(5)} ${pct(c.precision).padStart(10)} ${pct(c.recall).padStart(8)}`);
  }
}

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ file: path.relative(process.cwd(), file), rows: rows.length, folds, seed, alpha: DEFAULT_ALPHA, temperature: DEFAULT_TEMPERATURE, random, unseenPayees: unseen }, null, 2));
} else {
  const categories = new Set(rows.map((r) => r.category)).size;
  const payees = new Set(rows.map(byPayee)).size;
  console.log(`bench/categorize: ${rows.length} labelled rows, ${categories} categories, ${payees} distinct payees; ${folds}-fold cross-validation, seed ${seed}, alpha ${DEFAULT_ALPHA}, temperature ${DEFAULT_TEMPERATURE} (${seconds.toFixed(2)} s)`);
  print("random folds (payees recur, as in a tenant's ledger):", random);
  print("unseen payees (folds by payee: every test payee is new to the model):", unseen);
}

if (process.argv.includes("--sweep")) {
  console.log("\nalpha × temperature sweep (random folds / unseen payees):");
  for (const [alpha, temperature] of [[1, 1], [0.5, 1], [0.5, 1.5], [0.2, 1.5], [0.2, 2], [0.1, 1], [0.1, 1.5], [0.1, 2], [0.1, 2.5], [0.05, 2], [0.05, 2.5]] as const) {
    const a = crossValidate(rows, { folds, seed, threshold, model: { alpha, temperature } });
    const b = crossValidate(rows, { folds, seed, threshold, groupOf: byPayee, model: { alpha, temperature } });
    console.log(
      `  alpha=${String(alpha).padEnd(4)} T=${String(temperature).padEnd(4)} top-1 ${pct(a.accuracy)} / ${pct(b.accuracy)}   ECE ${a.expectedCalibrationError.toFixed(3)} / ${b.expectedCalibrationError.toFixed(3)}   ` +
        `auto ${pct(a.autoApplied.share)} at ${pct(a.autoApplied.accuracy)} / ${pct(b.autoApplied.share)} at ${pct(b.autoApplied.accuracy)}`,
    );
  }
}
