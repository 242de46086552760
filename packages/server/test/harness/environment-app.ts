import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { after, before } from 'node:test';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { minifyKubeconfig } from '@slipway/core';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { pino } from 'pino';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { loadConfig } from '../../src/config/load.ts';
import { KeyRing } from '../../src/crypto/keyring.ts';
import type { Database } from '../../src/db/database.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { reuseConnections } from '../../src/kube/connection-reuse.ts';
import { secondKubeConfigPath, testKubeConfig } from './cluster.ts';
import { openTestPglite } from './databases.ts';
import { settleRelease } from './settle.ts';

export const webhookSecret = 'test-webhook-secret-0123456789';
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A request GitHub's API received from Slipway (commit statuses), as the recorder saw it. */
export interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/**
 * The whole of Slipway's environment management on the two local clusters: the app with its
 * engine and controller (short intervals), two users (alice asks, bob approves), namespaces
 * with a prefix of the suite's own (removed from both clusters afterwards), GitHub's
 * webhook secret, and a small HTTP server standing in for api.github.com that records the
 * commit statuses Slipway sends. Call inside a `describe`.
 */
export function useEnvironmentApp() {
  const prefix = `swt-${randomBytes(2).toString('hex')}`;
  const keyText = KeyRing.generate('test');
  const recorded: Recorded[] = [];
  const logs: string[] = [];
  let github: Server;
  let database: Database;
  let platform: Platform;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};

  before(async () => {
    github = await recorder(recorded);
    database = await openTestPglite();
    const base = loadConfig({
      env: {
        // Written with a trailing dash, as operators often do: the namespaces must still be
        // PREFIX-ENVIRONMENT (the suites look them up by that name), never PREFIX--ENVIRONMENT.
        SLIPWAY_NAMESPACE_PREFIX: `${prefix}-`,
        SLIPWAY_GITHUB_WEBHOOK_SECRET: webhookSecret,
        SLIPWAY_GITHUB_TOKEN: 'ghp_test_token',
        SLIPWAY_GITHUB_API_URL: `http://127.0.0.1:${(github.address() as AddressInfo).port}`,
      },
    });
    const config = { ...base, environments: { ...base.environments, controllerIntervalMs: 300 } };
    platform = await assemblePlatform({
      config,
      db: database.db,
      kube: testKubeConfig(),
      keyRing: KeyRing.parse(keyText),
      seed: 'test-seed',
      tickMs: 300,
    });
    // Warnings and errors the server logs, as JSON lines, for tests that check what is logged.
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
    app = await buildApp({ config, database, kube: testKubeConfig(), platform, logger });
    platform.start();
    for (const name of ['alice', 'bob']) {
      const user = await ensureUser(database.db, name);
      await ensureGlobalRole(database.db, name, 'admin', 'test');
      tokens[name] = (await createToken(database.db, { userId: user.id, name: 't', scopes: ['read', 'write'] })).secret;
    }
  });

  after(async () => {
    await platform.stop();
    await app.close();
    await database.close();
    github.close();
    for (const kc of [testKubeConfig(), secondKubeConfig()]) await deleteNamespaces(kc, prefix);
  });

  const api = (method: Method, url: string, payload?: unknown, as: 'alice' | 'bob' = 'alice') =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${tokens[as]}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  /** Sends a GitHub webhook as GitHub does: the body's bytes, signed with the shared secret. */
  const webhook = (event: string, payload: unknown, options: { delivery?: string; signature?: string | null } = {}) => {
    const body = JSON.stringify(payload);
    const signature =
      options.signature === undefined
        ? `sha256=${createHmac('sha256', webhookSecret).update(body).digest('hex')}`
        : options.signature;
    return app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/github',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': options.delivery ?? randomBytes(8).toString('hex'),
        ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
      },
      payload: body,
    });
  };

  /** The release once it has finished. */
  const settle = (id: string, ms?: number) => settleRelease((url) => api('GET', url), id, ms);

  /** Waits until `check` returns something truthy (polling), or fails with `what`. */
  const eventually = async <T>(what: string, check: () => Promise<T | undefined | false>, ms = 60_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  return {
    prefix,
    /** The key ring the app seals with, as text. */
    keyText,
    api,
    webhook,
    settle,
    eventually,
    recorded,
    logs,
    platform: () => platform,
    db: () => database.db,
    /** Any request, with whatever headers the test wants (other users' tokens, none). */
    inject: (options: InjectOptions) => app.inject(options),
  };
}

export function secondKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(secondKubeConfigPath());
  return reuseConnections(kc);
}

/** The second cluster's kubeconfig as a person registers it: one context, certificates inline. */
export function secondClusterKubeconfig(): string {
  const path = secondKubeConfigPath();
  return minifyKubeconfig(readFileSync(path, 'utf8'), {
    readFile: (file) => readFileSync(resolve(dirname(path), file)),
  }).text;
}

async function recorder(into: Recorded[]): Promise<Server> {
  const server = createServer(async (request: IncomingMessage, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    into.push({
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      body: text ? JSON.parse(text) : {},
    });
    response.writeHead(201, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

async function deleteNamespaces(kc: KubeConfig, prefix: string) {
  const core = kc.makeApiClient(CoreV1Api);
  const all = await core.listNamespace().catch(() => ({ items: [] }));
  for (const ns of all.items) {
    const name = ns.metadata?.name ?? '';
    if (name.startsWith(prefix)) await core.deleteNamespace({ name }).catch(() => {});
  }
}
