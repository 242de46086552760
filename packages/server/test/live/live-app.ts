import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import type { KubeConfig } from '@kubernetes/client-node';
import type { FastifyInstance } from 'fastify';
import { readEvents, type ServerSentEvent } from '../../../cli/src/sse.ts';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { loadConfig } from '../../src/config/load.ts';
import { KeyRing } from '../../src/crypto/keyring.ts';
import type { Database } from '../../src/db/database.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';

/**
 * The real Slipway server listening on a loopback port (server-sent events need a real
 * connection: `inject` returns a response only once it ends), with its engine, on the
 * suite's database and the test cluster, and an admin's token. Call inside a `describe`;
 * `env` gives the configuration's SLIPWAY_* variables (read when the server starts).
 */
export function useLiveApp(
  getDb: () => Database,
  kc: () => KubeConfig,
  options: { env?: () => Record<string, string>; driveReleases?: boolean } = {},
) {
  let platform: Platform;
  let app: FastifyInstance;
  let url = '';
  let token = '';

  before(async () => {
    const config = loadConfig({ env: options.env?.() ?? {} });
    const db = getDb().db;
    platform = await assemblePlatform({
      config,
      db,
      pubsub: getDb().pubsub,
      kube: kc(),
      keyRing: KeyRing.parse(KeyRing.generate('test')),
      seed: 'test-seed',
      tickMs: 300,
    });
    app = await buildApp({ config, database: getDb(), kube: kc(), platform });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    // A replica that serves the API but leaves driving releases to another.
    if (options.driveReleases ?? true) platform.engine.start();
    const user = await ensureUser(db, 'dev');
    await ensureGlobalRole(db, 'dev', 'admin', 'test');
    // A name of its own: two apps of one suite share the database.
    const name = `t-${randomBytes(4).toString('hex')}`;
    token = (await createToken(db, { userId: user.id, name, scopes: ['read', 'write'] })).secret;
  });
  after(async () => {
    // fetch (undici) leaves a spare connection that never carries a request, and Node's
    // server waits for such a connection until its headers timeout (60 s) before closing.
    const closing = app.close();
    app.server.closeAllConnections();
    await closing;
    await platform.stop();
  });

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as any };
  };

  /** Polls a release until it has finished. */
  const settle = async (id: string, ms = 90_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const { release } = (await call('GET', `/releases/${id}`)).json();
      if (['healthy', 'degraded', 'failed', 'superseded'].includes(release.status)) return release;
      if (Date.now() > deadline) throw new Error(`release still ${release.status}: ${release.message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  return {
    call,
    settle,
    stream: (path: string) => openStream(`${url}/api/v1${path}`, token),
    platform: () => platform,
  };
}

/** A server-sent event stream being read: every event so far, and waiting for one. */
export interface TestStream {
  status: number;
  contentType: string | null;
  events: ServerSentEvent[];
  /** The first event (already received or still to come) that satisfies `match`. */
  waitFor(match: (event: ServerSentEvent) => boolean, what: string, ms?: number): Promise<ServerSentEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openStream(url: string, token: string): Promise<TestStream> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const events: ServerSentEvent[] = [];
  const waiters = new Set<() => void>();
  const ended = (async () => {
    if (!res.body) return;
    try {
      for await (const event of readEvents(res.body)) {
        events.push(event);
        for (const wake of waiters) wake();
      }
    } catch {
      // aborted by close()
    }
  })();
  const waitFor = (match: (e: ServerSentEvent) => boolean, what: string, ms = 30_000) =>
    new Promise<ServerSentEvent>((resolve, reject) => {
      const check = () => {
        const found = events.find(match);
        if (!found) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; last event: ${events.at(-1)?.data.slice(0, 1500)}`));
      }, ms);
      waiters.add(check);
      check();
    });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events,
    waitFor,
    ended,
    close: () => abort.abort(),
  };
}
