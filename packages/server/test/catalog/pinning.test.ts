/**
 * DNS rebinding: readers connect to the addresses the allow-list check vetted, never to a new
 * answer. Proven with `rebind.invalid`, a name that never resolves (RFC 6761): whatever
 * reaches the local servers below got there through the pin, not through DNS.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer as createTlsServer } from 'node:tls';
import { promisify } from 'node:util';
import { GitMirror, gitPinning } from '../../src/catalog/git.ts';
import { readSnapshot } from '../../src/catalog/snapshot.ts';
import type { VettedTarget } from '../../src/catalog/url-policy.ts';
import { pinnedLookup, readUrlLocation } from '../../src/catalog/url-reader.ts';
import { entityYaml as e, fixtureRepos } from '../harness/git-repos.ts';

const run = promisify(execFile);
const rebound = e('Component', 'rebound', { type: 'service', lifecycle: 'production', owner: 'me' });

const pin = (target: string, addresses = ['127.0.0.1']): VettedTarget => {
  const url = new URL(target);
  const scheme = url.protocol.slice(0, -1);
  const defaults: Record<string, number> = { http: 80, https: 443, ssh: 22, git: 9418 };
  return {
    target,
    scheme,
    host: url.hostname.toLowerCase(),
    port: url.port ? Number(url.port) : (defaults[scheme] as number),
    addresses,
  };
};

async function listen(server: NetServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const close = (server: NetServer) => new Promise<void>((r) => server.close(() => r()));

describe('git pinning arguments', () => {
  const ssh = 'ssh -o BatchMode=yes';
  const two = ['192.0.2.7', '2001:db8::7'];

  it('https: curl resolves the host:port to the vetted addresses, IPv6 in brackets', () => {
    assert.deepEqual(gitPinning(pin('https://git.example.com/org/repo.git', two), ssh), {
      args: ['-c', 'http.curloptResolve=git.example.com:443:192.0.2.7,[2001:db8::7]'],
      env: {},
    });
    assert.deepEqual(gitPinning(pin('https://git.example.com:8443/org/repo.git', ['192.0.2.7']), ssh).args, [
      '-c',
      'http.curloptResolve=git.example.com:8443:192.0.2.7',
    ]);
  });

  it('ssh: HostName is the address, the host key is still looked up under the name', () => {
    const scp: VettedTarget = {
      target: 'git@git.example.com:org/repo.git',
      scheme: 'ssh',
      host: 'git.example.com',
      port: 22,
      addresses: two,
    };
    assert.deepEqual(gitPinning(scp, ssh), {
      args: [],
      env: { GIT_SSH_COMMAND: "ssh -o BatchMode=yes -o 'HostName=192.0.2.7' -o 'HostKeyAlias=git.example.com'" },
    });
    // Off port 22, known_hosts records the key as [host]:port.
    assert.deepEqual(gitPinning(pin('ssh://git@git.example.com:2222/org/repo.git', ['2001:db8::7']), ssh).env, {
      GIT_SSH_COMMAND: "ssh -o BatchMode=yes -o 'HostName=2001:db8::7' -o 'HostKeyAlias=[git.example.com]:2222'",
    });
  });

  it('git://: the URL is rewritten to the first address for this command', () => {
    assert.deepEqual(gitPinning(pin('git://git.example.com/org/repo.git', two), ssh), {
      args: ['-c', 'url.git://192.0.2.7:9418/.insteadOf=git://git.example.com/'],
      env: {},
    });
    assert.deepEqual(gitPinning(pin('git://Git.Example.com:9999/org/repo.git', ['2001:db8::7']), ssh).args, [
      '-c',
      'url.git://[2001:db8::7]:9999/.insteadOf=git://Git.Example.com:9999/',
    ]);
  });

  it('nothing to pin: file://, an address host, no vetted addresses', () => {
    const none = { args: [], env: {} };
    assert.deepEqual(gitPinning(undefined, ssh), none);
    assert.deepEqual(
      gitPinning({ target: 'file:///srv/r.git', scheme: 'file', host: '', port: 0, addresses: [] }, ssh),
      none,
    );
    assert.deepEqual(gitPinning(pin('https://192.0.2.7/r.git', ['192.0.2.7']), ssh), none);
    assert.deepEqual(gitPinning(pin('https://git.example.com/r.git', []), ssh), none);
  });

  it('a mirror refuses a pin made for another URL', () => {
    assert.throws(
      () => new GitMirror(tmpdir(), 'git://b.example/r.git', '', false, pin('git://a.example/r.git')),
      /the pin is for git:\/\/a\.example\/r\.git/,
    );
  });
});

describe('git connects to the pinned address', () => {
  let root: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'slipway-pinning-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('https: curl dials the pinned address and still names the host for TLS', async () => {
    const names: string[] = [];
    // No certificate: the handshake stops at the client's hello, after its name was read.
    const server = createTlsServer({
      SNICallback: (name, done) => {
        names.push(name);
        done(new Error('no certificate here'));
      },
    });
    server.on('tlsClientError', () => {});
    const port = await listen(server);
    try {
      const url = `https://rebind.invalid:${port}/org/repo.git`;
      const mirror = new GitMirror(join(root, 'https-cache'), url, '', false, pin(url));
      await assert.rejects(mirror.remoteRevision(''), /git ls-remote failed/);
      assert.deepEqual(names, ['rebind.invalid']);
    } finally {
      await close(server);
    }
  });

  it('ssh: the real ssh client dials the pinned address', async () => {
    const peers: string[] = [];
    const server = createNetServer((socket) => {
      peers.push(socket.remoteAddress ?? '');
      socket.destroy();
    });
    const port = await listen(server);
    try {
      const url = `ssh://git@rebind.invalid:${port}/org/repo.git`;
      const mirror = new GitMirror(join(root, 'ssh-cache'), url, '', false, pin(url));
      await assert.rejects(mirror.remoteRevision(''), /git ls-remote failed/);
      // A first fetch, into an empty cache, is named as one whatever options it starts with.
      await assert.rejects(mirror.fetch(''), /git fetch failed/);
      assert.deepEqual(peers, ['127.0.0.1', '127.0.0.1']);
    } finally {
      await close(server);
    }
  });

  describe('git:// against git daemon', () => {
    // Started directly, not through `git daemon`: its own pid is the one stopped after.
    const daemonPath = join(execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim(), 'git-daemon');
    const available = existsSync(daemonPath);
    let repos: Awaited<ReturnType<typeof fixtureRepos>>;
    let daemon: ChildProcess | undefined;
    let port = 0;
    let head = '';

    before(async () => {
      if (!available) return;
      repos = await fixtureRepos();
      const repo = await repos.create('shop', { 'catalog-info.yaml': rebound });
      head = (await run('git', ['rev-parse', 'main'], { cwd: repo.dir })).stdout.trim();
      port = await freePort();
      daemon = spawn(
        daemonPath,
        [
          '--export-all',
          `--base-path=${repos.root}`,
          '--listen=127.0.0.1',
          `--port=${port}`,
          '--reuseaddr',
          '--verbose',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      await new Promise<void>((resolve, reject) => {
        let said = '';
        daemon?.stderr?.on('data', (chunk: Buffer) => {
          said += chunk.toString();
          if (said.includes('Ready to rumble')) resolve();
        });
        daemon?.on('exit', (code) => reject(new Error(`git daemon exited ${code}: ${said}`)));
      });
    });
    after(async () => {
      if (daemon?.pid !== undefined && daemon.exitCode === null) {
        const exited = new Promise((r) => daemon?.once('exit', r));
        daemon.kill();
        await exited;
      }
      await repos?.dispose();
    });

    it('ls-remote and fetch read rebind.invalid from 127.0.0.1', { skip: !available && 'no git daemon' }, async () => {
      const target = `git://rebind.invalid:${port}/shop.git`;
      const source = { type: 'git' as const, target, ref: '', paths: [] };
      const options = { cacheDir: join(root, 'git-cache'), allowFile: false, knownRevision: '', force: true };
      // Without the pin git looks the name up, and there is nothing there.
      await assert.rejects(readSnapshot(source, options), /unable to look up rebind\.invalid/);

      const mirror = new GitMirror(options.cacheDir, target, '', false, pin(target));
      assert.equal(await mirror.remoteRevision(''), head);
      const snapshot = await readSnapshot(source, { ...options, pin: pin(target) });
      assert.equal(snapshot.unchanged, false);
      if (snapshot.unchanged) return;
      snapshot.files?.close();
      assert.equal(snapshot.revision, head);
      assert.deepEqual(
        snapshot.documents.map((d) => (d.error === undefined ? d.value : d.error)),
        [JSON.parse(rebound)],
      );
      // A later refresh asks the remote through the pin too.
      const again = await readSnapshot(source, { ...options, force: false, knownRevision: head, pin: pin(target) });
      assert.deepEqual(again, { unchanged: true, revision: head });
    });
  });
});

describe('url locations connect to the pinned address', () => {
  let server: Server;
  let port: number;
  const hosts: string[] = [];
  const yaml = rebound;

  before(async () => {
    server = createHttpServer((req, res) => {
      if (req.url === '/stalls.yaml') {
        res.writeHead(200);
        res.write('kind: Compo');
        return;
      }
      hosts.push(req.headers.host ?? '');
      res.setHeader('content-type', 'application/yaml');
      res.end(yaml);
    });
    port = await listen(server);
  });
  after(() => {
    server.closeAllConnections();
    return close(server);
  });

  it('reads http://rebind.invalid from 127.0.0.1 when the pin says so', async () => {
    const target = `http://rebind.invalid:${port}/catalog-info.yaml`;
    await assert.rejects(
      readUrlLocation(target),
      /Cannot fetch http:\/\/rebind\.invalid:\d+\/catalog-info\.yaml: .*ENOTFOUND/,
    );
    const { content } = await readUrlLocation(target, { pin: pin(target) });
    assert.equal(content, yaml);
    assert.deepEqual(hosts, [`rebind.invalid:${port}`]);
    // Through readSnapshot, as a refresh reads it.
    const snapshot = await readSnapshot(
      { type: 'url', target, ref: '', paths: [] },
      { cacheDir: tmpdir(), allowFile: false, knownRevision: '', force: true, pin: pin(target) },
    );
    assert.equal(snapshot.unchanged === false && snapshot.documents.length, 1);
  });

  it('https: the pinned address is dialled, the certificate is asked for the host name', async () => {
    const names: string[] = [];
    const tls = createTlsServer({
      SNICallback: (name, done) => {
        names.push(name);
        done(new Error('no certificate here'));
      },
    });
    tls.on('tlsClientError', () => {});
    const tlsPort = await listen(tls);
    try {
      const target = `https://rebind.invalid:${tlsPort}/catalog-info.yaml`;
      await assert.rejects(readUrlLocation(target, { pin: pin(target) }), /Cannot fetch https:\/\/rebind\.invalid/);
      assert.deepEqual(names, ['rebind.invalid']);
    } finally {
      await close(tls);
    }
  });

  it('a body that stops coming is given up on after the timeout', async () => {
    const target = `http://rebind.invalid:${port}/stalls.yaml`;
    await assert.rejects(
      readUrlLocation(target, { pin: pin(target), timeoutMs: 200 }),
      new RegExp(`^SlipwayError: Cannot fetch ${target.replace(/[.]/g, '\\.')}: no answer within 200 ms$`),
    );
  });

  it('the pinned lookup answers only the vetted host, in both forms Node asks for', async () => {
    const lookup = pinnedLookup(pin('http://rebind.invalid/x', ['127.0.0.1', '::1']));
    const ask = (host: string, options: object) =>
      new Promise((resolve) =>
        lookup(host, options, (error, address, family) => resolve(error ? error.message : { address, family })),
      );
    assert.deepEqual(await ask('rebind.invalid', { all: true }), {
      address: [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ],
      family: undefined,
    });
    assert.deepEqual(await ask('rebind.invalid', { family: 6 }), { address: '::1', family: 6 });
    assert.match(
      String(await ask('elsewhere.example', {})),
      /elsewhere\.example is not the vetted host rebind\.invalid/,
    );
  });
});

async function freePort(): Promise<number> {
  const probe = createNetServer();
  const port = await listen(probe);
  await close(probe);
  return port;
}
