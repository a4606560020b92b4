/**
 * bench/accuracy — the share of the statement corpus (fixtures/statements) parsed exactly
 * (row count, net sum, first/last date, balances, currency, a description on every row) with
 * zero configuration.
 *
 *   npm run bench:accuracy [-- --json]
 */
import { checkCorpusFile, loadCorpus } from "../tests/corpus/corpus.ts";

const corpus = loadCorpus();
const byFolder = new Map<string, { total: number; exact: number }>();
const misses: { name: string; problems: string[] }[] = [];
for (const file of corpus) {
  const problems = await checkCorpusFile(file);
  const tally = byFolder.get(file.folder) ?? { total: 0, exact: 0 };
  tally.total++;
  if (problems.length === 0) tally.exact++;
  else misses.push({ name: file.name, problems });
  byFolder.set(file.folder, tally);
}
const exact = [...byFolder.values()].reduce((n, t) => n + t.exact, 0);
const share = corpus.length ? exact / corpus.length : 0;

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ files: corpus.length, exact, share, byFolder: Object.fromEntries(byFolder), misses }));
} else {
  console.log(`bench/accuracy: ${corpus.length} files, ${new Set(corpus.map((f) => f.expected.bank)).size} banks, ${new Set(corpus.map((f) => f.expected.country)).size} countries`);
  for (const [folder, t] of byFolder) console.log(`  ${folder.padEnd(6)} ${String(t.exact).padStart(4)} / ${t.total}`);
  console.log(`  exact with zero configuration: ${exact} / ${corpus.length} (${(share * 100).toFixed(1)}%)`);
  for (const m of misses) console.log(`  ✗ ${m.name}: ${m.problems.join("; ")}`);
}
