import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SlipwayError } from '@slipway/core';
import { configDir, normalizeServerUrl, readConfig, resolveSettings, writeConfig } from '../src/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'slipway-cli-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the config directory follows SLIPWAY_CONFIG_DIR, then XDG_CONFIG_HOME, then ~/.config', () => {
  assert.equal(configDir({ SLIPWAY_CONFIG_DIR: '/a', XDG_CONFIG_HOME: '/b' }), '/a');
  assert.equal(configDir({ XDG_CONFIG_HOME: '/b' }), '/b/slipway');
  assert.match(configDir({}), /\/\.config\/slipway$/);
});

test('flags win over the environment, which wins over the file', () => {
  const env = { SLIPWAY_CONFIG_DIR: dir };
  writeConfig(join(dir, 'config.json'), { server: 'http://file:1', token: 'file-token' });
  assert.deepEqual(resolveSettings({}, env), {
    server: 'http://file:1',
    token: 'file-token',
    tokenSource: 'file',
    configFile: join(dir, 'config.json'),
  });
  const withEnv = resolveSettings({}, { ...env, SLIPWAY_SERVER: 'http://env:2/', SLIPWAY_TOKEN: 'env-token' });
  assert.deepEqual([withEnv.server, withEnv.token, withEnv.tokenSource], ['http://env:2', 'env-token', 'env']);
  const withFlags = resolveSettings(
    { server: 'https://flag:3', token: 'flag-token' },
    { ...env, SLIPWAY_SERVER: 'http://env:2', SLIPWAY_TOKEN: 'env-token' },
  );
  assert.deepEqual(
    [withFlags.server, withFlags.token, withFlags.tokenSource],
    ['https://flag:3', 'flag-token', 'flag'],
  );
});

test('the saved login is readable by its owner only, even over a wider existing file', () => {
  const file = join(dir, 'wide', 'config.json');
  writeConfig(file, {});
  writeFileSync(file, '{}', { mode: 0o644 });
  writeConfig(file, { server: 'http://x:1', token: 'secret' });
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(readConfig(file), { server: 'http://x:1', token: 'secret' });
});

test('a config file with wrong fields names them', () => {
  const file = join(dir, 'wrong.json');
  writeFileSync(file, JSON.stringify({ server: 42 }));
  assert.throws(
    () => readConfig(file),
    (e: unknown) => e instanceof SlipwayError && e.code === 'invalid_config' && e.fields?.[0]?.path === '/server',
  );
  assert.deepEqual(readConfig(join(dir, 'missing.json')), {});
});

test('server URLs must be http(s); trailing slashes are dropped, a path prefix kept', () => {
  assert.equal(normalizeServerUrl('https://example.com/slipway/'), 'https://example.com/slipway');
  for (const bad of ['example.com:7420', 'ftp://example.com', '']) {
    assert.throws(
      () => normalizeServerUrl(bad),
      (e: unknown) => e instanceof SlipwayError && e.code === 'invalid_input',
    );
  }
});
