#!/usr/bin/env node
// Fails when a route casts its request inputs (`request.body as { ... }`, `(request.params as X).id`).
//
// Routes take the app with the TypeBox type provider (packages/server/src/http/typed-app.ts):
// `request.body`, `params`, `query` and `headers` are typed from the route's schema, so a cast
// would only hide a schema that says less than the handler assumes. Fix the schema instead; an
// authorization rule, which gets an untyped request, reads fields with fromParams/fromBody/fromQuery.
//
// Usage: node scripts/check-route-casts.mjs   (exit 1 and a list of offending lines)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const routes = join(root, 'packages/server/src/http/routes');
// `x.body as T`, `(x.body ?? {}) as T`, `x.headers['a'] as T`, `(x.params as T)`; `as const` is no cast.
const cast = /\.(?:body|params|query|headers)\b(?:\[[^\]]*\])?(?:\s*\?\?\s*\{\s*\})?\)?\s+as\s+(?!const\b)/;

const problems = [];
for (const entry of readdirSync(routes)) {
  if (!entry.endsWith('.ts')) continue;
  const path = join(routes, entry);
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const code = text.trim();
      if (code.startsWith('//') || code.startsWith('*')) return;
      if (cast.test(code)) problems.push(`${relative(root, path)}:${i + 1}: ${code}`);
    });
}
if (problems.length) {
  console.error(problems.join('\n'));
  console.error('A route casts a request input: let its schema type it (docs/testing.md).');
  process.exit(1);
}
console.log('route casts: no route casts its request inputs');
