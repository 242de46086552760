/**
 * Runs one benchmark: `npm run bench -- NAME [args]`. Each benchmark lives in bench/NAME.ts,
 * measures Slipway against a baseline in the same run, prints a human summary, and ends
 * with one JSON line of its figures (so CI and people can diff runs).
 */
import { readdirSync } from 'node:fs';

const name = process.argv[2];
const available = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'stats.ts'].includes(f) && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME\nbenchmarks: ${available.join(', ')}`);
  process.exit(2);
}
const bench = (await import(`./${name}.ts`)) as { run(args: string[]): Promise<Record<string, unknown>> };
const figures = await bench.run(process.argv.slice(3));
console.log(JSON.stringify({ bench: name, ...figures }));
process.exit(0);
