/**
 * A Git server over HTTPS that wants a user name and password: git's own `http-backend`
 * behind a Node HTTPS server with a self-signed certificate (made with `openssl`). What a
 * publish:git to `https://user:password@127.0.0.1:PORT/NAME.git` really talks to.
 *
 * Slipway's git must not check the certificate: import `./git-tls-off.ts` before anything that
 * loads the server's git module (it copies the environment when it loads).
 */
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface HttpsGit {
  /** The remote URL of repository NAME (a bare repository in `root`), with the credentials. */
  url(name: string): string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpsGit(root: string, user: string, password: string): Promise<HttpsGit> {
  const key = join(root, 'tls.key');
  const cert = join(root, 'tls.crt');
  await run(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert].concat([
      '-subj',
      '/CN=127.0.0.1',
      '-days',
      '2',
    ]),
  );
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const server: Server = createServer({ key: await readFile(key), cert: await readFile(cert) }, (req, res) => {
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const backend = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH ?? '',
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: user,
        REMOTE_ADDR: '127.0.0.1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'http.receivepack',
        GIT_CONFIG_VALUE_0: 'true',
      },
    });
    req.pipe(backend.stdin);
    relayCgi(backend.stdout, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (name) => `https://${user}:${password}@127.0.0.1:${port}/${name}.git`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A CGI answer (headers, a blank line, the body) relayed as an HTTP response. */
function relayCgi(out: NodeJS.ReadableStream, res: import('node:http').ServerResponse) {
  let head = Buffer.alloc(0);
  let started = false;
  out.on('data', (chunk: Buffer) => {
    if (started) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end === -1) return;
    started = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const [name, ...rest] = line.split(':');
      const value = rest.join(':').trim();
      if (name?.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else if (name) res.setHeader(name, value);
    }
    res.writeHead(status);
    res.write(head.subarray(end + 4));
  });
  out.on('end', () => res.end());
}
