/**
 * The benchmarks there are: bench/NAME.ts, or bench/NAME/index.ts when one has several parts.
 * Shared parts live in bench/lib/ (no index.ts, so never taken for a benchmark); tests are
 * not benchmarks either, nor run.mjs, which runs them. `npm run bench` and the smoke test both
 * read this list, so a new benchmark is runnable and smoke-tested the moment its file exists.
 */
import { existsSync, readdirSync } from 'node:fs';

const benchDir = new URL('..', import.meta.url);

export interface Benchmark {
  name: string;
  /** The module to import, relative to bench/. */
  module: string;
}

export function listBenchmarks(): Benchmark[] {
  const found: Benchmark[] = [];
  for (const entry of readdirSync(benchDir, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(new URL(`${entry.name}/index.ts`, benchDir)))
      found.push({ name: entry.name, module: `${entry.name}/index.ts` });
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      found.push({ name: entry.name.replace(/\.ts$/, ''), module: entry.name });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
