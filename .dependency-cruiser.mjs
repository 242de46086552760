/**
 * The import rules of packages/, checked by `npm run deps` (and the lint step of scripts/test.sh).
 * Each rule states a layer's boundary; a violation names the importing file and what it reached.
 * Type-only imports count everywhere: a circle through types still means two files must be read
 * together and changed together, and a type import is how a runtime import usually starts.
 */

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Files that import each other, directly or around a longer circle, cannot be understood, ' +
        'tested or moved one at a time. Move what both need into a file of its own that both import.',
      from: { path: '^packages/' },
      to: { circular: true },
    },
    {
      name: 'core-stands-alone',
      severity: 'error',
      comment:
        "Core holds Slipway's pure rules, shared by the server, the CLI and the portal: it imports " +
        'none of them, or every user of core would load the server.',
      from: { path: '^packages/core/src/' },
      to: { path: '^packages/(server|cli|web|api-client)/' },
    },
    {
      name: 'core-does-no-io',
      severity: 'error',
      comment:
        'Core does no I/O (files, processes, network): the caller does it and passes the data in. ' +
        "No Node module at all, then: the portal bundles core for the browser, where even Node's " +
        'pure ones (node:crypto, node:path) do not exist; core hashes in plain TypeScript.',
      from: { path: '^packages/core/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'clients-reach-the-server-over-http',
      severity: 'error',
      comment:
        'The CLI and the portal talk to the server through its HTTP API (types come from core or from ' +
        "the OpenAPI document, via @slipway/api-client), never by importing the server's sources. Their tests may: " +
        'they start a real server.',
      from: { path: '^packages/(cli|web)/src/' },
      to: { path: '^packages/server/' },
    },
    {
      name: 'api-client-stands-on-core',
      severity: 'error',
      comment:
        'The generated API client is shared by the CLI and the portal: it holds the OpenAPI types and the ' +
        'one way to call them, and imports only core (for SlipwayError). Anything the CLI or the portal ' +
        'alone needs (output, CSRF, token discovery) stays with them.',
      from: { path: '^packages/api-client/src/' },
      to: { path: '^packages/(server|cli|web)/' },
    },
    {
      name: 'portal-shared-below-pages',
      severity: 'error',
      comment:
        "The portal's shared pieces (components/, queries/) are used by every page, so they import no " +
        'page: move what both need down into the shared folder.',
      from: { path: '^packages/web/src/(components|queries)/' },
      to: { path: '^packages/web/src/pages/' },
    },
    {
      name: 'resolvable',
      severity: 'error',
      comment:
        'An import this check cannot resolve is an edge missing from the graph, which could hide a ' +
        'circle: fix the import, or teach the options below how it resolves.',
      from: { path: '^packages/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'auth-below-http',
      severity: 'error',
      comment:
        'Authentication and authorization refuse by throwing SlipwayError; the HTTP layer turns errors ' +
        'into answers. So auth/ never imports http/, and http/ may import auth/.',
      from: { path: '^packages/server/src/auth/' },
      to: { path: '^packages/server/src/http/' },
    },
    {
      name: 'db-below-catalog',
      severity: 'error',
      comment:
        "The stores are the bottom layer of the server: the catalog's ingestion calls them, never the " +
        'other way round. Shapes both need (what a location holds) live in core.',
      from: { path: '^packages/server/src/db/' },
      to: { path: '^packages/server/src/catalog/' },
    },
    {
      name: 'http-is-the-top',
      severity: 'error',
      comment:
        'http/ turns requests into calls and results into answers; nothing below it imports it, or a ' +
        'feed, a controller or a store would carry the web framework along. What http/ and live/ both ' +
        'show (a release, an environment as the API shows it) is a read model in views/. Only the ' +
        'entry points that build the app import http/: main.ts and the package face index.ts.',
      from: {
        path: '^packages/server/src/',
        pathNot: ['^packages/server/src/http/', '^packages/server/src/(main|index)\\.ts$'],
      },
      to: { path: '^packages/server/src/http/' },
    },
    {
      name: 'queries-stay-in-db',
      severity: 'error',
      comment:
        'Queries live in db/: the stores (db/stores/, a file per thing held) and the catalog query ' +
        'engine (db/catalog-query/: it compiles the Backstage-style filters, fields, order and facets ' +
        "into SQL over catalog_entities, so it is the catalog's read store, not a layer of its own). " +
        'Elsewhere kysely is imported for its types only (Kysely<Schema> is passed down to the stores): ' +
        'a runtime import means `sql` is being written outside db/. Calls such as db.selectFrom() need ' +
        'no import; the Biome plugin scripts/biome/queries-stay-in-db.grit catches those.',
      from: { path: '^packages/server/src/', pathNot: '^packages/server/src/db/' },
      to: { path: 'node_modules/kysely/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    // Our sources only: built bundles are left out, and packages in node_modules are not read
    // (they stay in the graph as ends, so a rule can name one, as queries-stay-in-db does).
    exclude: { path: ['^packages/[^/]+/dist/'] },
    doNotFollow: { path: ['node_modules'] },
    // Keep `import type` in the graph (TypeScript would erase it before any other parser sees it).
    tsPreCompilationDeps: true,
    // The server and core import with `.ts`, the portal without an extension (Vite resolves
    // it); workspace packages resolve through their package.json `exports`.
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
