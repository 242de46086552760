/**
 * Runs one benchmark: `npm run bench -- NAME [args]`. Each benchmark lives in bench/NAME.ts
 * (or bench/NAME/index.ts when it has several parts; shared parts in bench/lib/), measures
 * Slipway against a baseline in the same run, prints a human summary, and ends with one JSON
 * line of its figures (so CI and people can diff runs).
 *
 * The benchmark runs from a bundle of its sources (scripts/bundle-cache.mjs): it starts on
 * under half the CPU tsx takes, which the smoke runs beside the test suite feel.
 */
import { importBundled } from '../scripts/bundle-cache.mjs';

const { listBenchmarks } = await importBundled(new URL('./lib/list.ts', import.meta.url), 'bench-list');
const name = process.argv[2];
const benchmarks = listBenchmarks();
const chosen = benchmarks.find((b) => b.name === name);
if (!chosen) {
  console.error(`usage: npm run bench -- NAME [args]\nbenchmarks: ${benchmarks.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const bench = await importBundled(new URL(chosen.module, import.meta.url), `bench-${chosen.name}`);
const figures = await bench.run(process.argv.slice(3));
console.log(JSON.stringify({ bench: chosen.name, ...figures }));
process.exit(0);
