import assert from 'node:assert/strict';
import { lookup } from 'node:dns/promises';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { checkLocationTarget, type LocationAllowList } from '../../src/catalog/url-policy.ts';

const allow = (allowedHosts: string[], allowFileUrls = false, fileRoots = ['/srv']): LocationAllowList => ({
  allowedHosts,
  allowFileUrls,
  fileRoots,
});
const localhostAddresses = async () => (await lookup('localhost', { all: true, verbatim: true })).map((a) => a.address);

describe('checkLocationTarget answers what it vetted', () => {
  it('an address host: that address, the port written or the scheme default', async () => {
    assert.deepEqual(
      await checkLocationTarget('url', 'http://127.0.0.1:8080/catalog-info.yaml', allow(['127.0.0.1'])),
      {
        target: 'http://127.0.0.1:8080/catalog-info.yaml',
        scheme: 'http',
        host: '127.0.0.1',
        port: 8080,
        addresses: ['127.0.0.1'],
      },
    );
    // A public address needs no entry and no DNS.
    const target = 'https://[2001:4860:4860::8888]/org/repo.git';
    assert.deepEqual(await checkLocationTarget('git', target, allow([])), {
      target,
      scheme: 'https',
      host: '2001:4860:4860::8888',
      port: 443,
      addresses: ['2001:4860:4860::8888'],
    });
  });

  it('ssh and git ports: scp-like is ssh on 22, URLs keep theirs', async () => {
    const vetted = async (target: string) => {
      const { scheme, port, addresses } = await checkLocationTarget('git', target, allow(['127.0.0.1']));
      return { scheme, port, addresses };
    };
    assert.deepEqual(await vetted('git@127.0.0.1:org/repo.git'), { scheme: 'ssh', port: 22, addresses: ['127.0.0.1'] });
    assert.deepEqual(await vetted('ssh://git@127.0.0.1:2222/org/repo.git'), {
      scheme: 'ssh',
      port: 2222,
      addresses: ['127.0.0.1'],
    });
    assert.deepEqual(await vetted('git://127.0.0.1/org/repo.git'), {
      scheme: 'git',
      port: 9418,
      addresses: ['127.0.0.1'],
    });
  });

  it('a name allowed by its addresses: the one answer that was checked', async () => {
    const expected = await localhostAddresses();
    const vetted = await checkLocationTarget('git', 'git://LocalHost/repo.git', allow(['127.0.0.0/8', '::1/128']));
    assert.equal(vetted.host, 'localhost');
    assert.deepEqual(vetted.addresses, expected);
  });

  it('a name listed by name is still resolved, so the reader connects where it was checked', async () => {
    const vetted = await checkLocationTarget('url', 'https://localhost/catalog-info.yaml', allow(['localhost']));
    assert.deepEqual(vetted.addresses, await localhostAddresses());
    assert.equal(vetted.port, 443);
    // Listed names are trusted whatever they resolve to; one that does not resolve is not
    // refused (as before) and has nothing to pin: the reader fails on its own lookup.
    const unresolved = await checkLocationTarget('git', 'https://rebind.invalid/repo.git', allow(['*.invalid']));
    assert.deepEqual(unresolved.addresses, []);
    assert.equal(unresolved.host, 'rebind.invalid');
  });

  it('plain http for git only to a host:port the integrations name as an http Git server', async () => {
    const target = 'http://127.0.0.1:3000/acme/shop.git';
    await assert.rejects(checkLocationTarget('git', target, allow(['127.0.0.1'])), /http is not allowed for git/);
    const other = { ...allow(['127.0.0.1']), plainHttpGitHosts: ['127.0.0.1:3001'] };
    await assert.rejects(checkLocationTarget('git', target, other), /http is not allowed for git/);
    const listed = { ...allow(['127.0.0.1']), plainHttpGitHosts: ['127.0.0.1:3000'] };
    assert.equal((await checkLocationTarget('git', target, listed)).scheme, 'http');
    // Still an address inside the network: the allow-list decides, as for https.
    await assert.rejects(checkLocationTarget('git', target, { ...allow([]), plainHttpGitHosts: ['127.0.0.1:3000'] }));
  });

  it('file:// has nothing to pin', async () => {
    assert.deepEqual(await checkLocationTarget('git', 'file:///srv/repo.git', allow([], true)), {
      target: 'file:///srv/repo.git',
      scheme: 'file',
      host: '',
      port: 0,
      addresses: [],
    });
  });

  it('opens only the folders of catalog.fileRoots to file:// git targets, links followed', async () => {
    const root = await mkdtemp(join(tmpdir(), 'slipway-roots-'));
    const outside = await mkdtemp(join(tmpdir(), 'slipway-outside-'));
    try {
      await mkdir(join(root, 'repos', 'shop.git'), { recursive: true });
      await symlink(outside, join(root, 'repos', 'escape'));
      const roots = [join(root, 'repos')];
      const at = (path: string) => pathToFileURL(path).href;
      await checkLocationTarget('git', at(join(root, 'repos', 'shop.git')), allow([], true, roots));
      for (const target of [
        at(join(outside, 'other.git')),
        at(join(root, 'repos', 'escape', 'x.git')),
        `${at(join(root, 'repos'))}/../secret.git`,
        at(join(root, 'repos-sibling', 'x.git')),
        'file:///etc/passwd',
      ]) {
        await assert.rejects(
          checkLocationTarget('git', target, allow([], true, roots)),
          /is not inside catalog\.fileRoots/,
          target,
        );
      }
      await assert.rejects(
        checkLocationTarget('git', at(join(root, 'repos', 'shop.git')), allow([], true, [])),
        /no folder is open to file:\/\/ locations \(catalog\.fileRoots\)/,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("never reads the server's disk for a url location, even with file locations allowed", async () => {
    for (const target of ['file:///etc/passwd', 'FILE:///etc/passwd', 'file://localhost/etc/passwd']) {
      await assert.rejects(
        checkLocationTarget('url', target, allow([], true)),
        /file is not allowed for url locations/,
      );
    }
  });

  it('keeps its refusals and their messages', async () => {
    await assert.rejects(
      checkLocationTarget('url', 'http://127.0.0.1/x.yaml', allow(['10.0.0.0/8'])),
      /The location http:\/\/127\.0\.0\.1\/x\.yaml is refused: 127\.0\.0\.1 is not in catalog\.allowedHosts/,
    );
    await assert.rejects(
      checkLocationTarget('url', 'http://localhost/x.yaml', allow([])),
      /localhost resolves to (127\.0\.0\.1|::1), an internal address; allow it in catalog\.allowedHosts/,
    );
    await assert.rejects(
      checkLocationTarget('git', 'https://rebind.invalid/repo.git', allow([])),
      /rebind\.invalid does not resolve/,
    );
    await assert.rejects(
      checkLocationTarget('git', 'https://rebind.invalid/repo.git', allow(['192.0.2.0/24'])),
      /rebind\.invalid is not in catalog\.allowedHosts/,
    );
  });
});
