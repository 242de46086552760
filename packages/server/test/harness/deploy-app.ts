import { after, before } from 'node:test';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Provisioner } from '@slipway/core';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import { KeyRing } from '../../src/crypto/keyring.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestPglite, type ProvisionedDatabase, provisionTestDatabase, type TestEngine } from './databases.ts';
import { settleRelease } from './settle.ts';

/**
 * The real Slipway app with its deploy engine, on a database of its own (embedded PGlite in
 * memory unless `engine` asks for another) and the test cluster, and a signed-in caller of its
 * API. Call inside a `describe`; `kc` is the suite's cluster access (from useTestNamespace),
 * read when the suite starts. `provisioners` are the platform's own (provisioners.files), read
 * when the suite starts.
 */
export function useDeployApp(
  kc: () => KubeConfig,
  options: {
    engine?: TestEngine;
    configure?: (config: Config) => void;
    provisioners?: () => readonly Provisioner[];
  } = {},
) {
  let provisioned: ProvisionedDatabase | undefined;
  let database: Database;
  let platform: Platform;
  let app: FastifyInstance;
  let auth: { authorization: string };

  before(async () => {
    if (options.engine) provisioned = await provisionTestDatabase(options.engine, { migrated: true });
    database = provisioned ? await openDatabase(provisioned.config) : await openTestPglite();
    const config = loadConfig({ env: {} });
    options.configure?.(config);
    platform = await assemblePlatform({
      config,
      db: database.db,
      kube: kc(),
      keyRing: KeyRing.parse(KeyRing.generate('test')),
      seed: 'test-seed',
      tickMs: 500,
      ...(options.provisioners ? { provisioners: options.provisioners() } : {}),
    });
    app = await buildApp({ config, database, kube: kc(), platform });
    platform.engine.start();
    const user = await ensureUser(database.db, 'dev');
    await ensureGlobalRole(database.db, 'dev', 'admin', 'test');
    const { secret } = await createToken(database.db, { userId: user.id, name: 't', scopes: ['read', 'write'] });
    auth = { authorization: `Bearer ${secret}` };
  });
  after(async () => {
    await platform.stop();
    await app.close();
    await database.close();
    await provisioned?.dispose();
  });

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: auth,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  /** The release once it has finished. */
  const settle = (id: string, ms?: number) => settleRelease((url) => api('GET', url), id, ms);

  /** A request as anyone else: its own headers (another user's token). */
  const inject = (options: InjectOptions) => app.inject(options);

  return { api, settle, inject, db: () => database.db, platform: () => platform };
}
