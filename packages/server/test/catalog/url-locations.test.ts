/**
 * `url` locations over a real HTTP server on 127.0.0.1, through the real CatalogService: the
 * allow-list lets 127.0.0.1 in, and the reader connects only to the address it vetted.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { CatalogService } from '../../src/catalog/service.ts';
import { maxCatalogFileBytes } from '../../src/catalog/url-reader.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml as e } from '../harness/git-repos.ts';

const yaml = [
  e('Component', 'from-url', { type: 'service', lifecycle: 'production', owner: 'web-team' }),
  e('API', 'from-url-api', { type: 'openapi', lifecycle: 'production', owner: 'web-team', definition: 'x' }),
].join('\n---\n');
const oversized = `# ${'x'.repeat(maxCatalogFileBytes)}\n`;
const openapi = 'openapi: 3.0.0\ninfo: { title: Placeholder, version: "1" }\npaths: {}\n';

describeEachDatabase('catalog url locations over HTTP', (getDb) => {
  let server: Server;
  let base: string;
  let cacheDir: string;
  let catalog: CatalogService;
  const requests: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      switch (req.url) {
        case '/catalog-info.yaml':
          res.setHeader('content-type', 'application/yaml');
          return res.end(yaml);
        case '/apis/catalog-info.yaml':
          return res.end(
            e('API', 'placeholder-api', {
              type: 'openapi',
              lifecycle: 'production',
              owner: 'web-team',
              definition: { $text: './openapi.yaml' },
            }),
          );
        case '/apis/openapi.yaml':
          return res.end(openapi);
        case '/moved.yaml':
          res.writeHead(302, { location: '/catalog-info.yaml' });
          return res.end();
        case '/declared-big.yaml':
          // Content-Length says it all: refused on the headers, no body is ever sent.
          res.writeHead(200, { 'content-length': String(maxCatalogFileBytes + 1) });
          res.flushHeaders();
          return;
        case '/streamed-big.yaml':
          // Chunked, no length: refused once the bytes read pass the cap.
          res.write(oversized.slice(0, 600_000));
          return res.end(oversized.slice(600_000));
        default:
          res.writeHead(404);
          return res.end('not here');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cacheDir = await mkdtemp(join(tmpdir(), 'slipway-url-cache-'));
    catalog = new CatalogService({
      db: getDb().db,
      cacheDir,
      allow: { allowedHosts: ['127.0.0.1'], allowFileUrls: false },
      refreshIntervalSeconds: 0,
      log: { info() {}, warn() {} },
    });
  });
  after(async () => {
    await catalog.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(cacheDir, { recursive: true, force: true });
  });

  const register = (path: string) => catalog.registerLocation({ type: 'url', target: `${base}${path}` }, 'tester');

  it('ingests the YAML a url location serves', async () => {
    const registered = await register('/catalog-info.yaml');
    assert.equal(registered.outcome.result, 'refreshed', registered.outcome.message);
    assert.equal(registered.location.status, 'ok');
    assert.equal(registered.entities, 2);
    assert.deepEqual(registered.errors, []);
    const rows = await getDb()
      .db.selectFrom('catalog_entities')
      .select(['ref', 'location_id'])
      .where('location_id', '=', registered.location.id)
      .orderBy('ref')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.ref),
      ['api:default/from-url-api', 'component:default/from-url'],
    );
    // Read again, the same bytes: nothing to write.
    assert.equal((await catalog.refreshLocation(registered.location.id)).result, 'unchanged');
  });

  it('reads a $text placeholder from the same server, relative to the file', async () => {
    const registered = await register('/apis/catalog-info.yaml');
    assert.equal(registered.outcome.result, 'refreshed', registered.outcome.message);
    assert.deepEqual(registered.errors, []);
    assert.ok(requests.includes('/apis/openapi.yaml'));
    const row = await getDb()
      .db.selectFrom('catalog_entities')
      .select('entity')
      .where('ref', '=', 'api:default/placeholder-api')
      .executeTakeFirstOrThrow();
    const entity = row.entity as { spec: { definition: string }; metadata: { annotations: Record<string, string> } };
    assert.equal(entity.spec.definition, openapi);
    assert.equal(entity.metadata.annotations['backstage.io/managed-by-location'], `url:${base}/apis/catalog-info.yaml`);
    assert.equal(
      entity.metadata.annotations['backstage.io/managed-by-origin-location'],
      `url:${base}/apis/catalog-info.yaml`,
    );
  });

  for (const [path, message] of [
    ['/moved.yaml', /moved\.yaml redirects \(HTTP 302\); register the final URL instead$/],
    ['/declared-big.yaml', new RegExp(`declared-big\\.yaml is larger than ${maxCatalogFileBytes} bytes$`)],
    ['/streamed-big.yaml', new RegExp(`streamed-big\\.yaml is larger than ${maxCatalogFileBytes} bytes$`)],
    ['/missing.yaml', /missing\.yaml answered HTTP 404$/],
  ] as const) {
    it(`${path}: the location is kept, failed, with the reason`, async () => {
      const before = requests.length;
      const registered = await register(path);
      assert.equal(registered.outcome.result, 'failed');
      assert.match(registered.outcome.message ?? '', message);
      assert.equal(registered.location.status, 'error');
      assert.match(registered.location.message ?? '', message);
      assert.deepEqual(
        registered.errors.map((x) => x.kind),
        ['fetch'],
      );
      assert.match(registered.errors[0]?.message ?? '', message);
      assert.equal(registered.entities, 0);
      // One request: a redirect is not followed.
      assert.deepEqual(requests.slice(before), [path]);
    });
  }
});
