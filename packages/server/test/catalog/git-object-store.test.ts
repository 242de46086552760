import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { GitObjectStore } from '../../src/catalog/git-object-store.ts';

const run = promisify(execFile);
const git = async (cwd: string, ...args: string[]) =>
  (await run('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd, maxBuffer: 1 << 28 }))
    .stdout;

/** Every object of a repository as git reads it: `cat-file --batch-all-objects --batch`. */
async function objectsByGit(dir: string): Promise<Map<string, { type: string; data: Buffer }>> {
  const { stdout } = await run('git', ['cat-file', '--batch-all-objects', '--batch'], {
    cwd: dir,
    encoding: 'buffer',
    maxBuffer: 1 << 28,
  });
  const objects = new Map<string, { type: string; data: Buffer }>();
  let at = 0;
  while (at < stdout.length) {
    const eol = stdout.indexOf(10, at);
    const [id, type, size] = stdout.toString('latin1', at, eol).split(' ') as [string, string, string];
    objects.set(id, { type, data: stdout.subarray(eol + 1, eol + 1 + Number(size)) });
    at = eol + 1 + Number(size) + 1;
  }
  return objects;
}

/** Reads every object git knows through the store; each must be the same. */
async function assertSameAsGit(dir: string, idBytes = 20): Promise<number> {
  const expected = await objectsByGit(dir);
  const store = new GitObjectStore(join(dir, '.git'), idBytes);
  try {
    for (const [id, object] of expected) {
      const read = store.read(id);
      assert.ok(read, `${id} (${object.type}) was not read`);
      assert.equal(read.type, object.type, id);
      assert.ok(read.data.equals(object.data), `${id} (${object.type}) differs`);
    }
  } finally {
    store.close();
  }
  return expected.size;
}

/** A history whose files change a little each commit (deltas), a large text and random bytes. */
async function makeHistory(dir: string, commits: number, objectFormat = 'sha1') {
  await run('git', ['init', '--quiet', `--object-format=${objectFormat}`, dir]);
  const lines = Array.from({ length: 2000 }, (_, i) => `line ${i}: ${'catalog '.repeat(i % 7)}`);
  for (let c = 0; c < commits; c++) {
    lines[(c * 37) % lines.length] = `changed in commit ${c}`;
    await writeFile(join(dir, 'catalog-info.yaml'), lines.join('\n'));
    await writeFile(join(dir, `notes-${c % 3}.md`), `# note ${c}\n${lines.slice(0, 50 + c).join('\n')}`);
    if (c === 0) await writeFile(join(dir, 'random.bin'), randomBytes(1 << 20)); // deflate grows it
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '--quiet', '-m', `commit ${c}`);
  }
}

const packsOf = async (dir: string) =>
  (await readdir(join(dir, '.git', 'objects', 'pack'))).filter((n) => n.endsWith('.pack'));

describe('reading git objects in this process', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'slipway-objects-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('reads every object of a packed history, offset deltas chained', async () => {
    const dir = join(root, 'ofs');
    await makeHistory(dir, 30);
    await git(dir, 'gc', '--quiet', '--aggressive', '--prune=now');
    const verify = await git(
      dir,
      'verify-pack',
      '-v',
      join('.git', 'objects', 'pack', (await packsOf(dir))[0] as string),
    );
    // The test reads deltas, chains of them included: "chain length = 2: N objects".
    assert.match(verify, /chain length = [2-9]\d*: \d+ object/);
    assert.ok((await assertSameAsGit(dir)) > 90);
  });

  it('reads deltas against bases named by id, as packs written without offsets have', async () => {
    const dir = join(root, 'ref');
    await makeHistory(dir, 12);
    await git(dir, '-c', 'repack.useDeltaBaseOffset=false', 'repack', '-a', '-d', '-f', '--quiet');
    assert.match(await git(dir, 'count-objects', '-v'), /^count: 0$/m);
    await assertSameAsGit(dir);
  });

  it('reads loose objects and several packs together', async () => {
    const dir = join(root, 'mixed');
    await makeHistory(dir, 6);
    await git(dir, 'repack', '-a', '-d', '--quiet');
    await writeFile(join(dir, 'later.yaml'), 'kind: Component\n');
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '--quiet', '-m', 'later');
    await git(dir, 'repack', '-d', '--quiet');
    await writeFile(join(dir, 'loose.yaml'), 'kind: API\n');
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '--quiet', '-m', 'loose');
    assert.equal((await packsOf(dir)).length, 2);
    assert.doesNotMatch(await git(dir, 'count-objects', '-v'), /^count: 0$/m);
    await assertSameAsGit(dir);
  });

  it('reads a SHA-256 repository', async () => {
    const dir = join(root, 'sha256');
    await makeHistory(dir, 5, 'sha256');
    await git(dir, 'gc', '--quiet', '--prune=now');
    await assertSameAsGit(dir, 32);
  });

  it('answers null, never throws, for what it cannot read: git answers those', async () => {
    const dir = join(root, 'damaged');
    await makeHistory(dir, 4);
    await git(dir, 'gc', '--quiet', '--prune=now');
    const objects = await objectsByGit(dir);
    const gitDir = join(dir, '.git');
    const someId = [...objects.keys()][0] as string;

    const store = new GitObjectStore(gitDir, 20);
    assert.equal(store.read('0'.repeat(40)), null, 'an id it does not hold');
    assert.equal(store.read('xyz'), null, 'not an id');
    assert.equal(store.read(someId.slice(0, 39)), null, 'a short id');
    store.close();

    // A pack cut short (a disk filled up): each object is read whole and right, or not at all.
    const cut = join(root, 'cut');
    await cp(gitDir, cut, { recursive: true });
    const pack = join(cut, 'objects', 'pack', (await packsOf(dir))[0] as string);
    await truncate(pack, 3000);
    const cutStore = new GitObjectStore(cut, 20);
    let unread = 0;
    for (const [id, object] of objects) {
      const read = cutStore.read(id);
      if (read === null) unread++;
      else assert.ok(read.type === object.type && read.data.equals(object.data), id);
    }
    cutStore.close();
    assert.ok(unread > 0);

    // Objects borrowed from another repository are left to git.
    const borrowing = join(root, 'borrowing');
    await cp(gitDir, borrowing, { recursive: true });
    await writeFile(join(borrowing, 'objects', 'info', 'alternates'), `${join(gitDir, 'objects')}\n`);
    const borrowingStore = new GitObjectStore(borrowing, 20);
    assert.equal(borrowingStore.read(someId), null);
    borrowingStore.close();
  });
});
