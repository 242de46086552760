/** The operator's Git hosts: which remote gets which credentials, and mistakes named at their field. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SlipwayError } from '@slipway/core';
import { gitCredentialEnv, Integrations } from '../../src/integrations/integrations.ts';

describe('integrations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-integrations-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives an https remote the credentials of its host and port, with the provider’s user name', () => {
    const file = join(dir, 'gh-token');
    writeFileSync(file, 'ghs_first\n');
    const integrations = new Integrations(
      [
        { host: 'github.com', kind: 'github', tokenFile: file },
        { host: 'git.acme.internal:3000', kind: 'gitea', username: 'bot', tokenEnv: 'GITEA_TOKEN' },
        { host: 'gitlab.com', kind: 'gitlab', tokenEnv: 'GITLAB_TOKEN' },
      ],
      { GITEA_TOKEN: 'gitea-secret', GITLAB_TOKEN: 'glpat-x' },
    );
    assert.deepEqual(integrations.gitCredentials('https://github.com/acme/deploy.git'), {
      username: 'x-access-token',
      token: 'ghs_first',
    });
    writeFileSync(file, 'ghs_rotated\n');
    assert.equal(
      integrations.gitCredentials('https://GitHub.com/acme/x.git')?.token,
      'ghs_rotated',
      'read at each use',
    );
    assert.deepEqual(integrations.gitCredentials('https://git.acme.internal:3000/a/b.git'), {
      username: 'bot',
      token: 'gitea-secret',
    });
    assert.equal(integrations.gitCredentials('https://gitlab.com/a/b.git')?.username, 'oauth2');
    assert.equal(integrations.gitCredentials('https://git.acme.internal/a/b.git'), undefined, 'another port');
    assert.equal(integrations.gitCredentials('ssh://git@github.com/acme/x.git'), undefined, 'ssh uses keys');
    assert.equal(integrations.gitCredentials('git@github.com:acme/x.git'), undefined);
    const env = gitCredentialEnv({ username: 'x-access-token', token: 'ghs_first' });
    assert.equal(env.GIT_CONFIG_KEY_0, 'http.extraHeader');
    assert.equal(
      env.GIT_CONFIG_VALUE_0,
      `Authorization: Basic ${Buffer.from('x-access-token:ghs_first').toString('base64')}`,
    );
  });

  it('names each mistake at its field, and a missing token by where it was looked for', () => {
    assert.throws(
      () =>
        new Integrations([
          { host: 'a.example', kind: 'git', username: 'u', tokenFile: '/x', tokenEnv: 'X' },
          { host: 'b.example', kind: 'gitea', tokenEnv: 'Y' },
        ]),
      (e: SlipwayError) =>
        e.code === 'invalid_config' &&
        JSON.stringify(e.fields?.map((f) => f.path)) === '["/integrations/0/tokenEnv","/integrations/1/username"]',
    );
    const missing = new Integrations([{ host: 'c.example', kind: 'github', tokenFile: join(dir, 'nope') }]);
    assert.throws(
      () => missing.gitCredentials('https://c.example/r.git'),
      (e: SlipwayError) => e.code === 'not_configured' && e.message.includes(join(dir, 'nope')),
    );
  });
});
