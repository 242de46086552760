#!/usr/bin/env node
// Fails when the README or a page of docs/ names a file of this repository that does not exist.
//
// The docs point readers at code (docs/architecture.md walks a deploy through a dozen files);
// a file renamed or moved would leave them pointing at nothing, and nobody notices until a
// newcomer does. Every `packages/…`, `scripts/…`, `bench/…` or `testbed/…` path written in
// backticks must exist (a trailing `/` means a folder). The CHANGELOG is left out: it tells
// what was true then. `docs/…` is left out too: the docs also name files of users' repositories.
//
// Usage: node scripts/check-doc-paths.mjs   (exit 1 and a list of the missing paths)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
// A repository path in backticks; globs and placeholders (`*`, `<…>`, `…`, `NAME`) are not paths.
const pathInBackticks = /`((?:packages|scripts|bench|testbed)\/[^`\s*<>…]+)`/g;
const placeholder = /(^|\/)[A-Z][A-Z_]+(\.|\/|$)/;

const missing = [];
for (const page of pages) {
  const lines = readFileSync(join(root, page), 'utf8').split('\n');
  lines.forEach((line, index) => {
    for (const [, path] of line.matchAll(pathInBackticks)) {
      const file = path.replace(/:\d+$/, ''); // a `file.ts:12` line reference names the file
      if (placeholder.test(file)) continue;
      if (!existsSync(join(root, file))) missing.push(`${page}:${index + 1}: ${path}`);
    }
  });
}
if (missing.length > 0) {
  console.error(`check-doc-paths: ${missing.length} paths named in the docs do not exist:`);
  for (const line of missing) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`check-doc-paths: every repository path named in ${pages.length} pages exists`);
