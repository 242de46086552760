/**
 * An app with a platform on the local cluster whose catalog may read file:// repositories, an
 * admin (alice) and a plain member (carol), and bare Git repositories to publish into. Inside
 * describeEachDatabase, pass its getDb: the app then runs on that suite's database (PGlite,
 * then PostgreSQL), which the harness opens and drops.
 */

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { pino } from 'pino';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import { KeyRing } from '../../src/crypto/keyring.ts';
import type { Database } from '../../src/db/database.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { testKubeConfig } from '../harness/cluster.ts';
import { openTestPglite } from '../harness/databases.ts';

const exec = promisify(execFile);
export const git = async (args: string[], cwd?: string) => (await exec('git', args, { cwd })).stdout.trim();

export interface TemplateAppOptions {
  /** catalog.allowedHosts: what publish:git and the catalog may reach besides file:// */
  allowedHosts?: string[];
  /** Every line the server logs (pino's JSON), from the platform and the HTTP layer. */
  logLines?: string[];
  /** The Git hosts and their tokens (read when the app starts, so a test may compute them). */
  integrations?: () => Config['integrations'];
}

export function useTemplateApp(getDb?: () => Database, options: TemplateAppOptions = {}) {
  const prefix = `swt-${randomBytes(2).toString('hex')}`;
  let database: Database;
  let platform: Platform;
  let app: FastifyInstance;
  let root: string;
  const tokens: Record<string, string> = {};

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'slipway-template-test-'));
    database = getDb ? getDb() : await openTestPglite();
    const base = loadConfig({ env: { SLIPWAY_NAMESPACE_PREFIX: prefix } });
    const config = {
      ...base,
      catalog: {
        ...base.catalog,
        allowFileUrls: true,
        fileRoots: [tmpdir()],
        refreshIntervalSeconds: 0,
        allowedHosts: options.allowedHosts ?? base.catalog.allowedHosts,
      },
      environments: { ...base.environments, controllerIntervalMs: 300 },
      integrations: options.integrations?.() ?? [],
    };
    const lines = options.logLines;
    const log = lines ? pino({ level: 'info' }, { write: (line: string) => lines.push(line) }) : undefined;
    platform = await assemblePlatform({
      ...(log ? { log } : {}),
      config,
      db: database.db,
      kube: testKubeConfig(),
      keyRing: KeyRing.parse(KeyRing.generate('test')),
      seed: 'test-seed',
      tickMs: 300,
      catalogCacheDir: join(root, 'cache'),
    });
    app = await buildApp({ config, database, kube: testKubeConfig(), platform, ...(log ? { logger: log } : {}) });
    platform.start();
    for (const name of ['alice', 'carol']) {
      const user = await ensureUser(database.db, name);
      await ensureGlobalRole(database.db, name, name === 'alice' ? 'admin' : 'viewer', 'test');
      tokens[name] = (await createToken(database.db, { userId: user.id, name: 't', scopes: ['read', 'write'] })).secret;
    }
  });

  after(async () => {
    await platform.stop();
    await app.close();
    if (!getDb) await database.close(); // the harness closes its own
    await rm(root, { recursive: true, force: true });
  });

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, as = 'alice') =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${tokens[as]}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  /** An empty bare repository; its file:// URL. */
  const bareRepo = async (name: string) => {
    const dir = join(root, `${name}.git`);
    await git(['init', '--quiet', '--bare', '--initial-branch=main', dir]);
    return { dir, url: pathToFileURL(dir).href };
  };

  /** Clones a bare repository into a fresh directory. */
  const clone = async (url: string) => {
    const dir = await mkdtemp(join(root, 'clone-'));
    await git(['clone', '--quiet', url, dir]);
    return dir;
  };

  /**
   * A bare repository of templates with files and symlinks (path → where it points, as
   * `ln -s` writes it), registered as a catalog location reading every template.yaml.
   */
  const templateRepo = async (
    name: string,
    files: Record<string, string>,
    links: Record<string, string> = {},
    executables: string[] = [],
  ) => {
    const work = await mkdtemp(join(root, `${name}-work-`));
    await git(['init', '--quiet', '--initial-branch=main', work]);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(work, path)), { recursive: true });
      await writeFile(join(work, path), content);
    }
    for (const [path, target] of Object.entries(links)) {
      await mkdir(dirname(join(work, path)), { recursive: true });
      await symlink(target, join(work, path));
    }
    for (const path of executables) await chmod(join(work, path), 0o755);
    await git(['add', '--all'], work);
    await git(['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'templates'], work);
    const repo = await bareRepo(name);
    await git(['push', '--quiet', repo.url, 'HEAD:refs/heads/main'], work);
    const location = await platform.catalog.registerLocation(
      { type: 'git', target: repo.url, paths: ['**/template.yaml'] },
      'alice',
    );
    return { ...repo, location };
  };

  const eventually = async <T>(what: string, check: () => Promise<T | undefined | false>, ms = 60_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  /**
   * Starts a run and waits for it to end: the answer to the start (a 400 ends there), the run
   * as its history holds it, and its events as the stream sends them.
   */
  const runToEnd = async (ref: string, body: Record<string, unknown>, as = 'alice') => {
    const started = await api('POST', `/templates/${ref}/runs`, body, as);
    if (started.statusCode >= 400) return { started, run: null, events: [], stream: '' };
    const id = started.json().run.id as string;
    const run = await eventually('the run to end', async () => {
      const r = (await api('GET', `/template-runs/${id}`, undefined, as)).json().run;
      return r.finishedAt ? r : false;
    });
    const stream = (await api('GET', `/template-runs/${id}/events`, undefined, as)).body;
    return { started, run, events: parseEventStream(stream), stream };
  };

  return {
    prefix,
    api,
    runToEnd,
    bareRepo,
    templateRepo,
    clone,
    eventually,
    root: () => root,
    platform: () => platform,
    db: () => database.db,
    inject: (options: InjectOptions) => app.inject(options),
    token: (name: string) => tokens[name] as string,
  };
}

/** Parses a text/event-stream body into its events. */
export function parseEventStream(body: string) {
  return body
    .split('\n\n')
    .filter((block) => block.includes('data: '))
    .map((block) => {
      const field = (name: string) =>
        block
          .split('\n')
          .find((l) => l.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      return { id: Number(field('id')), event: field('event'), data: JSON.parse(field('data') ?? 'null') };
    });
}
