import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type CatalogEntity, entityHash } from '@slipway/core';
import { entityDigest } from '../../src/catalog/candidates.ts';
import { GitMirror } from '../../src/catalog/git.ts';

const run = promisify(execFile);
const big = `${'0123456789abcdef'.repeat(64 * 1024 * 3)}end`; // 3 MiB: many chunks through the helper

// Names git sorts in ways a plain string sort would not (a.b < a/ < a0), nesting, spaces,
// non-ASCII, a symlink (its blob is its target) and a submodule entry (no contents here).
const files: Record<string, string> = {
  'a.b': 'dot',
  'a/x.yaml': 'x',
  'a/b/c/deep.md': '# deep',
  a0: 'zero',
  'z y/ü.yaml': 'unicode',
  'big.txt': big,
  'docs/index.md': '# index',
};

/** A bare repository with one commit made by `git fast-import`, symlink and gitlink included. */
async function makeRepo(dir: string): Promise<string> {
  await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const stream = [
    'commit refs/heads/main\n',
    'committer Fixture <fixture@example.com> 1700000000 +0000\n',
    data('initial'),
    ...Object.entries(files).map(([path, content]) => `M 100644 inline ${path}\n${data(content)}`),
    `M 120000 inline link\n${data('a/x.yaml')}`,
    `M 160000 ${'1'.repeat(40)} sub\n`,
  ].join('');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exited ${code}`))));
    child.stdin.end(stream);
  });
  return pathToFileURL(dir).href;
}

describe('reading a git location', () => {
  let root: string;
  let mirror: GitMirror;
  let revision: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'slipway-reading-'));
    const url = await makeRepo(join(root, 'repo.git'));
    mirror = new GitMirror(join(root, 'cache'), url, '', true);
    revision = await mirror.fetch('');
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('lists a commit in the order of git ls-tree -r, walking its trees', async () => {
    const expected = (await run('git', ['ls-tree', '-r', '-z', '--name-only', revision], { cwd: mirror.dir })).stdout
      .split('\0')
      .filter(Boolean);
    const commit = await mirror.openCommit(revision);
    try {
      assert.deepEqual(await commit.listFiles(), expected);
      assert.ok(expected.includes('sub') && expected.includes('link') && expected.includes('a/b/c/deep.md'));
    } finally {
      commit.close();
    }
  });

  it('reads files by path: contents whole, symlinks as their target, no submodules or unknown paths', async () => {
    const commit = await mirror.openCommit(revision);
    try {
      const read = await commit.readFiles(['big.txt', 'z y/ü.yaml', 'link', 'sub', 'nope.yaml', 'a/b/c/deep.md']);
      assert.deepEqual([...read.keys()], ['big.txt', 'z y/ü.yaml', 'link', 'a/b/c/deep.md']);
      assert.equal(read.get('big.txt'), big);
      assert.equal(read.get('z y/ü.yaml'), 'unicode');
      assert.equal(read.get('link'), 'a/x.yaml');
      // Closed (as after ingestion), it starts another reader for later reads (docs).
      commit.close();
      assert.deepEqual(
        await commit.readFiles(['docs/index.md', 'a.b']),
        new Map([
          ['docs/index.md', '# index'],
          ['a.b', 'dot'],
        ]),
      );
    } finally {
      commit.close();
    }
  });

  it('fails with git’s message for a commit the cache does not hold', async () => {
    await assert.rejects(mirror.openCommit('f'.repeat(40)), /not a tree/);
  });
});

describe('entity digests', () => {
  it('are the digest of @slipway/core, whatever the key order, without uid and etag', () => {
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'web', title: 'Wéb ✓', tags: ['a', 'b'], uid: 'x', etag: 'y' },
      spec: { type: 'service', owner: 'team', lifecycle: 'production', nested: { b: 1, a: [null, true, 1.5] } },
    } as unknown as CatalogEntity;
    const reordered = {
      spec: entity.spec,
      metadata: { tags: ['a', 'b'], title: 'Wéb ✓', name: 'web' },
      kind: 'Component',
      apiVersion: 'backstage.io/v1alpha1',
    } as unknown as CatalogEntity;
    assert.equal(entityDigest(entity), entityHash(entity));
    assert.equal(entityDigest(reordered), entityHash(entity));
  });
});
