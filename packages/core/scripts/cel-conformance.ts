/**
 * Runs the cel-spec "simple" conformance tests (as shipped in @bufbuild/cel-spec) against the CEL
 * libraries we considered, and prints passed/failed/errored per section and library.
 *
 *   node --import tsx packages/core/scripts/cel-conformance.ts            # table of all candidates
 *   node --import tsx packages/core/scripts/cel-conformance.ts --json     # one JSON line per library
 *
 * Only candidates that are installed are run: the committed package.json keeps @bufbuild/cel (the
 * chosen one); install the others with `npm install -D -w packages/core` to repeat the comparison.
 * Tests that need protobuf messages (object values, message types, containers) are skipped: Slipway
 * expressions run over JSON-like data only. Numbers compare by value (int 1 equals double 1.0) so a
 * library is not failed for representing ints as JS numbers; everything else must match exactly.
 */
import { type ConformanceTally, conformanceSections, runConformance } from './cel-conformance-lib.ts';

const candidates = ['@bufbuild/cel', '@marcbachmann/cel-js', 'cel-js'] as const;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const results: Array<{ library: string; tally: Record<string, ConformanceTally> }> = [];
  for (const library of candidates) {
    const tally = await runConformance(library).catch(() => undefined);
    if (!tally) {
      process.stderr.write(`${library}: not installed, skipped\n`);
      continue;
    }
    results.push({ library, tally });
    if (json) process.stdout.write(`${JSON.stringify({ library, tally })}\n`);
  }
  if (!json) printTable(results);
}

function printTable(results: Array<{ library: string; tally: Record<string, ConformanceTally> }>): void {
  const header = ['section', ...results.map((r) => `${r.library} pass/fail/err`)];
  const rows = [...conformanceSections, 'total'].map((section) => [
    section,
    ...results.map((r) => {
      const t = r.tally[section];
      return t ? `${t.passed}/${t.failed}/${t.errored} (${pct(t)})` : '-';
    }),
  ]);
  process.stdout.write(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|\n`);
  for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
}

function pct(t: ConformanceTally): string {
  const total = t.passed + t.failed + t.errored;
  return total === 0 ? '-' : `${((100 * t.passed) / total).toFixed(1)}%`;
}

await main();
