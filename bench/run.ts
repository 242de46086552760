/**
 * Runs one benchmark: `npm run bench -- NAME [args]`. Each benchmark lives in bench/NAME.ts
 * (or bench/NAME/index.ts when it has several parts; shared parts in bench/lib/), measures
 * Slipway against a baseline in the same run, prints a human summary, and ends with one JSON
 * line of its figures (so CI and people can diff runs).
 */
import { listBenchmarks } from './lib/list.ts';

const name = process.argv[2];
const benchmarks = listBenchmarks();
const chosen = benchmarks.find((b) => b.name === name);
if (!chosen) {
  console.error(`usage: npm run bench -- NAME [args]\nbenchmarks: ${benchmarks.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const bench = (await import(`./${chosen.module}`)) as { run(args: string[]): Promise<Record<string, unknown>> };
const figures = await bench.run(process.argv.slice(3));
console.log(JSON.stringify({ bench: chosen.name, ...figures }));
process.exit(0);
