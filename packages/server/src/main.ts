import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { SlipwayError } from '@slipway/core';
import { type Logger, pino } from 'pino';
import { assemblePlatform } from './assemble.ts';
import { ensureFirstLogin, type FirstLogin } from './bootstrap.ts';
import { cliCommand } from './cli-command.ts';
import { loadConfig } from './config/load.ts';
import type { Config } from './config/schema.ts';
import { lockStateDir, stateDirFor } from './config/state-dir.ts';
import { loadKeyRing } from './crypto/keyring.ts';
import { openDatabase } from './db/database.ts';
import { deregisterInstance, heartbeat, heartbeatIntervalMs, registerInstance } from './db/stores/instances.ts';
import { provisionerSeed } from './deploy/platform.ts';
import { buildApp } from './http/app.ts';
import { findPortal } from './http/portal.ts';
import { loadKubeConfig } from './kube/kubeconfig.ts';
import { ProvisionerFiles } from './provisioners/files.ts';

/**
 * Starts Slipway: configuration, database (migrated), cluster credentials, HTTP server.
 * On SIGTERM or SIGINT it stops taking new work, reports not-ready, finishes what is in
 * flight within the grace period, and closes the database.
 */
export async function start(config: Config) {
  const log = pino({ level: config.log.level, base: { service: 'slipway' } });
  const stateDir = stateDirFor(config);
  const unlock = lockStateDir(stateDir, () => new Date());
  try {
    return await run(config, log, stateDir, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

async function run(config: Config, log: Logger, stateDir: string, unlock: () => void) {
  const database = await openDatabase(
    config.database.engine === 'pglite'
      ? { engine: 'pglite', dataDir: resolveDataDir(config.database.dataDir) }
      : config.database,
  );
  const kube = loadKubeConfig(config.kubernetes);
  const keys = loadKeyRing({
    keyFile: config.secrets.keyFile,
    env: process.env.SLIPWAY_SECRET_KEYS,
    defaultFile: join(stateDir, 'secret-keys'),
  });
  // Registered below, once the app is built; template runs record it from the first one on.
  const instanceId = randomUUID();
  const provisioners = new ProvisionerFiles(config.provisioners.files, {
    log: log.child({ component: 'provisioners' }),
  });
  if (config.provisioners.watch) provisioners.watch();
  const platform = await assemblePlatform({
    config,
    instanceId,
    db: database.db,
    pubsub: database.pubsub,
    locks: database.locks,
    soleServer: database.engine === 'pglite',
    kube,
    keyRing: keys.ring,
    provisioners,
    seed: await provisionerSeed(database.db),
    log: log.child({ component: 'platform' }),
    catalogCacheDir: join(stateDir, 'catalog-cache'),
  });
  const rewrapped = await platform.clusterService.rewrapAll();
  if (rewrapped > 0) log.info({ rewrapped }, 'credentials re-wrapped with the primary key');
  const rewrappedSecrets = await platform.secrets.rewrapAll();
  if (rewrappedSecrets > 0)
    log.info({ rewrapped: rewrappedSecrets }, 'secret variables re-wrapped with the primary key');
  if (keys.source === 'generated')
    log.warn({ file: keys.file }, 'generated a new key ring for secrets at rest; back it up');
  const app = await buildApp({ config, database, kube, logger: log, platform });
  const instance = await registerInstance(database.db, { id: instanceId });
  // Template runs whose server is gone (this one before a restart, or a replica that stopped
  // beating) end as failed: now, and at every heartbeat for those whose server just went.
  // PGlite admits one process per data directory: every run this one did not start is over.
  const soleServer = database.engine === 'pglite';
  const endInterruptedRuns = async () => {
    const ended = await platform.templates.failInterruptedRuns({ soleServer });
    if (ended.length > 0) log.warn({ runs: ended }, 'template runs interrupted by a restart marked failed');
  };
  await endInterruptedRuns().catch((error) => log.warn({ err: error }, 'could not end interrupted template runs'));
  const beat = setInterval(
    () =>
      void (async () => {
        // Registered again if the row went missing, so other replicas do not take this one for gone.
        if (!(await heartbeat(database.db, instance.id))) await registerInstance(database.db, { id: instance.id });
        await endInterruptedRuns();
      })().catch((error) => log.warn({ err: error }, 'heartbeat or interrupted-run check failed')),
    heartbeatIntervalMs,
  );
  beat.unref();

  const address = await app.listen({ host: config.server.host, port: config.server.port });
  const url = config.server.publicUrl ?? address;
  const login = await ensureFirstLogin(database.db, config.bootstrap.adminUsername, tokenFileFor(config, stateDir));
  // Before anything says it is ready: a supervisor may stop it the moment it reads that, and a
  // signal with no handler yet would kill it without a graceful stop (or letting go of its lock).
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    app.state.shuttingDown = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown grace period passed; exiting');
      process.exit(1);
    }, config.server.shutdownGraceMs);
    force.unref();
    clearInterval(beat);
    await app.close();
    await platform.stop();
    await deregisterInstance(database.db, instance.id).catch(() => {});
    await database.close();
    unlock();
    clearTimeout(force); // the process may live on (tests, embedders): never exit it afterwards
    log.info('stopped');
  };
  const onSignal = (signal: NodeJS.Signals) => void stop(signal);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  log.info(
    { url, instance: instance.id, database: database.engine, cluster: kube?.getCurrentCluster()?.server ?? null },
    'Slipway is ready',
  );
  announce(url, login, findPortal(config.server.portalDir) !== null);
  platform.start();
  return { app, url, stop };
}

function resolveDataDir(dir: string): string {
  return dir.startsWith('memory://') ? dir : resolve(dir);
}

function tokenFileFor(config: Config, stateDir: string): string {
  if (config.bootstrap.tokenFile) return resolve(config.bootstrap.tokenFile);
  return join(stateDir, 'initial-admin-token');
}

/**
 * What a person starting Slipway needs to see: where it is and how to get in. The secret is
 * printed only when it was just created (it is also in the token file, mode 0600); on later
 * starts only the file is named, so the secret does not pile up in logs. The same goes for
 * the initial password, whose file is named only while it still signs in.
 */
function announce(url: string, login: FirstLogin, portal: boolean) {
  const cli = cliCommand();
  const lines = [
    '',
    `  Slipway is running at ${url}`,
    portal
      ? `  Web portal:          ${url}/`
      : '  Web portal:          not built (cd packages/web && npx vite build; scripts/up.sh does it)',
    `  API explorer:        ${url}/docs`,
    `  API document:        ${url}/openapi.json`,
    `  First login:         user "${login.username}", token in ${login.tokenFile}`,
    ...(login.created ? [`                       ${login.secret}   (shown once)`] : []),
    ...(login.passwordFile ? [`                       password in ${login.passwordFile}`] : []),
    ...(login.password ? [`                       ${login.password}   (shown once)`] : []),
    `  CLI:                 ${cli.command} login --server ${url} --token-file ${login.tokenFile}`,
    ...(login.passwordFile
      ? [`                       ${cli.command} login --server ${url} --username ${login.username}`]
      : []),
    ...(cli.binDir ? [`                       (to type just slipway: export PATH="${cli.binDir}:$PATH")`] : []),
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

/**
 * `slipway-server [--config FILE]`: starts a server on the configuration, or says which field
 * of it is wrong and exits (78: bad configuration, 69: a service it needs is unavailable).
 */
export async function main(argv: string[]): Promise<void> {
  try {
    const configFile = argv.indexOf('--config');
    await start(loadConfig({ file: configFile >= 0 ? argv[configFile + 1] : undefined }));
  } catch (error) {
    if (error instanceof SlipwayError) {
      process.stderr.write(`slipway: ${error.message}\n`);
      for (const f of error.fields ?? []) process.stderr.write(`  ${f.path || '(root)'}: ${f.message}\n`);
      if (error.hint) process.stderr.write(`  hint: ${error.hint}\n`);
      process.exit(error.code === 'invalid_config' ? 78 : 69);
    }
    throw error;
  }
}

// `node --import tsx src/main.ts` runs it too; bin/slipway-server.mjs runs it from a bundle.
const isEntryPoint = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isEntryPoint) await main(process.argv.slice(2));
