/**
 * Runs one benchmark: `npm run bench -- NAME [args]`. Each benchmark lives in bench/NAME.ts
 * (or bench/NAME/index.ts when it has several parts), measures Slipway against a baseline in
 * the same run, prints a human summary, and ends with one JSON line of its figures (so CI and
 * people can diff runs).
 */
import { existsSync, readdirSync } from 'node:fs';

const name = process.argv[2];
const here = new URL('.', import.meta.url);
const folders = readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(new URL(`${e.name}/index.ts`, here)))
  .map((e) => e.name);
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'stats.ts'].includes(f) && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .concat(folders);

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME\nbenchmarks: ${available.join(', ')}`);
  process.exit(2);
}
const path = folders.includes(name) ? `./${name}/index.ts` : `./${name}.ts`;
const bench = (await import(path)) as { run(args: string[]): Promise<Record<string, unknown>> };
const figures = await bench.run(process.argv.slice(3));
console.log(JSON.stringify({ bench: name, ...figures }));
process.exit(0);
