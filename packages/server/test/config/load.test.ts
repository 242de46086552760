import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SlipwayError } from '@slipway/core';
import { loadConfig } from '../../src/config/load.ts';

const dir = mkdtempSync(join(tmpdir(), 'slipway-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function refusal(fn: () => unknown): SlipwayError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SlipwayError);
    assert.equal(error.code, 'invalid_config');
    return error;
  }
  assert.fail('the configuration was accepted');
}

describe('configuration', () => {
  it('starts from defaults: the embedded database and a loopback listener', () => {
    const config = loadConfig({ env: {} });
    assert.deepEqual(config.database, { engine: 'pglite', dataDir: '.slipway/data' });
    assert.equal(config.server.host, '127.0.0.1');
    assert.equal(config.server.port, 7420);
    assert.equal(config.log.level, 'info');
  });

  it('reads a YAML file and lets the environment override it', () => {
    const path = file('ok.yaml', 'server:\n  port: 8000\nlog:\n  level: debug\n');
    const config = loadConfig({ file: path, env: { SLIPWAY_PORT: '9000', KUBECONFIG: '/k/config' } });
    assert.equal(config.server.port, 9000);
    assert.equal(config.log.level, 'debug');
    assert.equal(config.kubernetes.kubeconfig, '/k/config');
  });

  it('selects PostgreSQL from SLIPWAY_DATABASE_URL', () => {
    const config = loadConfig({ env: { SLIPWAY_DATABASE_URL: 'postgres://u:p@db:5432/slipway' } });
    assert.deepEqual(config.database, { engine: 'postgres', url: 'postgres://u:p@db:5432/slipway' });
  });

  it('sizes the PostgreSQL pool from SLIPWAY_DATABASE_POOL_SIZE, and refuses it where it means nothing', () => {
    const url = 'postgres://u:p@db:5432/slipway';
    const config = loadConfig({ env: { SLIPWAY_DATABASE_URL: url, SLIPWAY_DATABASE_POOL_SIZE: '25' } });
    assert.deepEqual(config.database, { engine: 'postgres', url, poolSize: 25 });
    for (const env of [
      { SLIPWAY_DATABASE_URL: url, SLIPWAY_DATABASE_POOL_SIZE: 'many' },
      { SLIPWAY_DATABASE_URL: url, SLIPWAY_DATABASE_POOL_SIZE: '500' },
      { SLIPWAY_DATA_DIR: '/data/pg', SLIPWAY_DATABASE_POOL_SIZE: '5' },
    ]) {
      const error = refusal(() => loadConfig({ env }));
      assert.ok(
        (error.fields ?? []).some((f) => f.path.startsWith('/database')),
        `${JSON.stringify(env)}: ${JSON.stringify(error.fields)}`,
      );
    }
  });

  it('keeps the embedded database in the state directory when one is given and no database is', () => {
    assert.deepEqual(loadConfig({ env: { SLIPWAY_STATE_DIR: '/srv/slipway' } }).database, {
      engine: 'pglite',
      dataDir: '/srv/slipway/data',
    });
    const both = loadConfig({ env: { SLIPWAY_STATE_DIR: '/srv/slipway', SLIPWAY_DATA_DIR: '/data/pg' } });
    assert.deepEqual(both.database, { engine: 'pglite', dataDir: '/data/pg' });
    assert.equal(both.stateDir, '/srv/slipway');
  });

  it("takes the ingress controllers' namespaces from the environment, checked as namespace names", () => {
    assert.deepEqual(loadConfig({ env: {} }).kubernetes.ingressNamespaces, ['ingress-nginx', 'kube-system']);
    const config = loadConfig({ env: { SLIPWAY_INGRESS_NAMESPACES: 'traefik, gateways' } });
    assert.deepEqual(config.kubernetes.ingressNamespaces, ['traefik', 'gateways']);
    const error = refusal(() => loadConfig({ env: { SLIPWAY_INGRESS_NAMESPACES: 'Not_A_Namespace' } }));
    assert.equal(error.fields?.[0]?.path, '/kubernetes/ingressNamespaces/0');
  });

  it('accepts a namespace prefix written with its trailing dash, as the same prefix', () => {
    assert.equal(loadConfig({ env: { SLIPWAY_NAMESPACE_PREFIX: 'rw-' } }).environments.namespacePrefix, 'rw');
    assert.equal(loadConfig({ env: { SLIPWAY_NAMESPACE_PREFIX: 'rw' } }).environments.namespacePrefix, 'rw');
    const path = file('prefix.yaml', 'environments:\n  namespacePrefix: team-a--\n');
    assert.equal(loadConfig({ file: path, env: {} }).environments.namespacePrefix, 'team-a');
    // Only dashes is no prefix at all: still refused, at its path.
    const error = refusal(() => loadConfig({ env: { SLIPWAY_NAMESPACE_PREFIX: '-' } }));
    assert.equal(error.fields?.[0]?.path, '/environments/namespacePrefix');
  });

  it('names every wrong field with its path', () => {
    const path = file('bad.yaml', 'server:\n  port: 70000\n  colour: blue\nlog:\n  level: loud\n');
    const error = refusal(() => loadConfig({ file: path, env: {} }));
    const paths = (error.fields ?? []).map((f) => f.path);
    for (const p of ['/server/port', '/server/colour', '/log/level']) assert.ok(paths.includes(p), `${p} in ${paths}`);
    assert.match(error.message, /bad\.yaml/);
  });

  it('refuses a non-numeric port from the environment', () => {
    const error = refusal(() => loadConfig({ env: { SLIPWAY_PORT: 'eighty' } }));
    assert.deepEqual(
      (error.fields ?? []).map((f) => f.path),
      ['/server/port'],
    );
  });

  it('refuses a database URL that is not PostgreSQL', () => {
    const error = refusal(() => loadConfig({ env: { SLIPWAY_DATABASE_URL: 'mysql://x' } }));
    assert.ok((error.fields ?? []).some((f) => f.path.startsWith('/database')));
  });

  it('explains a file that is not YAML, not a mapping, or missing', () => {
    assert.match(
      refusal(() => loadConfig({ file: file('broken.yaml', 'server: [1, 2'), env: {} })).message,
      /not valid YAML/,
    );
    assert.match(refusal(() => loadConfig({ file: file('list.yaml', '- a\n- b\n'), env: {} })).message, /mapping/);
    assert.match(refusal(() => loadConfig({ file: join(dir, 'absent.yaml'), env: {} })).message, /Cannot read/);
  });
});
