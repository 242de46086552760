/**
 * The run's workspace on disk: no write leaves it, through `..`, a link or a dangling link,
 * and none lands in `.git`. Templates cannot make links there (skeleton links are left out),
 * so the links below are planted by hand, as a later action or a bug might leave them.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SlipwayError } from '@slipway/core';
import { Workspace } from '../../src/templates/workspace.ts';

describe('template workspace', () => {
  let workspace: Workspace;
  let outside: string;
  const text = (s: string) => new TextEncoder().encode(s);

  before(async () => {
    workspace = await Workspace.create();
    outside = await mkdtemp(join(tmpdir(), 'slipway-outside-'));
    await mkdir(join(workspace.root, 'sub'));
    await symlink(outside, join(workspace.root, 'out'));
    await symlink('sub', join(workspace.root, 'in'));
    await symlink(join(outside, 'created-by-write'), join(workspace.root, 'dangling'));
  });
  after(async () => {
    await workspace.remove();
    await rm(outside, { recursive: true, force: true });
  });

  const refusal = (pattern: RegExp) => (error: unknown) =>
    error instanceof SlipwayError && error.code === 'invalid_input' && pattern.test(error.message);

  it('refuses writes through a link that leaves, a dangling link, or ..', async () => {
    await assert.rejects(
      workspace.write([{ path: 'out/x', content: text('x') }]),
      refusal(/^Template path "out\/x" is refused: a link leads outside$/),
    );
    await assert.rejects(
      workspace.write([{ path: 'dangling', content: text('x') }]),
      refusal(/a link on the way leads nowhere/),
    );
    await assert.rejects(workspace.write([{ path: 'sub/../../x', content: text('x') }]), refusal(/"\.\."/));
    await assert.rejects(stat(join(outside, 'x')), { code: 'ENOENT' });
    await assert.rejects(stat(join(outside, 'created-by-write')), { code: 'ENOENT' });
  });

  it('writes through a link that stays inside', async () => {
    await workspace.write([{ path: 'in/y.txt', content: text('y') }]);
    assert.equal(await readFile(join(workspace.root, 'sub', 'y.txt'), 'utf8'), 'y');
  });

  it('refuses .git in any case, anywhere in the path', async () => {
    for (const path of ['.git', '.git/config', 'a/.Git/HEAD', 'in/.GIT'])
      await assert.rejects(
        workspace.write([{ path, content: text('[core]') }]),
        refusal(/is refused: Git metadata \(\.git\) is written by publish:git only$/),
        path,
      );
    await workspace.write([{ path: '.gitignore', content: text('node_modules\n') }]);
    assert.equal(await readFile(join(workspace.root, '.gitignore'), 'utf8'), 'node_modules\n');
  });
});
