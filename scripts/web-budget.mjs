#!/usr/bin/env node
// The portal's size budget: everything the first page (Home, after signing in) needs — the
// entry chunk, the Home page's lazy chunk, every chunk they import, and their CSS — gzipped,
// must stay under 300 KB. Read from Vite's manifest, so a page that grows into the entry
// chunk is caught. Prints each file and the total; exits 1 over budget.
// Usage: node scripts/web-budget.mjs [dist]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const budgetBytes = 300 * 1024;
const firstPage = 'src/pages/home/HomePage.tsx';

/** The files of the entry and the first page, with their transitive static imports. */
export function firstRouteFiles(dist) {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  visit(firstPage);
  return [...files].map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? new URL('../packages/web/dist', import.meta.url).pathname;
  const files = firstRouteFiles(dist);
  const total = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  for (const f of files) console.log(`  ${f.file}  ${(f.gzipBytes / 1024).toFixed(1)} KB gzipped`);
  console.log(
    `first route: ${(total / 1024).toFixed(1)} KB gzipped of a ${budgetBytes / 1024} KB budget ` +
      `(${((100 * total) / budgetBytes).toFixed(0)}%)`,
  );
  if (total > budgetBytes) {
    console.error('over budget: split the page that grew (React.lazy) or drop a dependency');
    process.exit(1);
  }
}
