import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import { KeyRing } from '../../src/crypto/keyring.ts';
import type { Schema } from '../../src/db/schema.ts';
import { registerInstance } from '../../src/db/stores/instances.ts';
import {
  appendTemplateRunEvent,
  getTemplateRun,
  insertTemplateRun,
  listTemplateRunEvents,
  type TemplateRunStep,
  updateTemplateRun,
} from '../../src/db/stores/template-runs.ts';
import { start } from '../../src/main.ts';
import { TemplateRunner } from '../../src/templates/runner.ts';
import { interruptedReason } from '../../src/templates/service.ts';
import { testKubeConfigPath } from '../harness/cluster.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { inTestProcess } from '../harness/in-process.ts';
import { parseEventStream } from './template-app.ts';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const step = (id: string, status: TemplateRunStep['status']): TemplateRunStep => ({
  id,
  name: id,
  action: id === 'fetch' ? 'fetch:template' : 'publish:git',
  status,
  startedAt: status === 'pending' ? null : minutesAgo(2).toISOString(),
  finishedAt: status === 'succeeded' ? minutesAgo(1).toISOString() : null,
  output: {},
});

/** A run as a server leaves it when it dies: `running`, its second step half done. */
async function leaveRun(
  db: Kysely<Schema>,
  instanceId: string | null,
  options: { createdAt?: Date; status?: 'queued' | 'running' } = {},
) {
  const run = await insertTemplateRun(db, {
    templateRef: 'template:slipway/node-service',
    parameters: { name: 'orders' },
    dryRun: false,
    owner: null,
    createdBy: 'admin',
    instanceId: 'placeholder',
    steps: [step('fetch', 'succeeded'), step('publish', options.status === 'queued' ? 'pending' : 'running')],
  });
  await db
    .updateTable('template_runs')
    .set({ status: options.status ?? 'running', instance_id: instanceId })
    .where('id', '=', run.id)
    .execute();
  // created_at is never written by Slipway after the insert; the test back-dates it.
  const createdAt = (options.createdAt ?? minutesAgo(3)).toISOString();
  await sql`update template_runs set created_at = ${createdAt}::timestamptz where id = ${run.id}`.execute(db);
  if (options.status !== 'queued') {
    let seq = 0;
    for (const [type, stepId, message] of [
      ['step', 'fetch', 'running'],
      ['step', 'fetch', 'succeeded'],
      ['step', 'publish', 'running'],
      ['log', 'publish', 'pushing main'],
    ] as const)
      await appendTemplateRunEvent(db, { runId: run.id, seq: ++seq, type, stepId, message });
  }
  return run.id;
}

/**
 * The server (main.ts's start, as `node main.ts` runs it) started on a database holding runs
 * that servers left unfinished: those no live server holds end as failed, with a last event.
 */
describeEachDatabase('template runs interrupted by a restart', (getDb, context) => {
  let dir: string;
  let server: Awaited<ReturnType<typeof start>>;
  let token: string;
  const ids: Record<string, string> = {};

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slipway-interrupted-'));
    const db = getDb().db;
    // A replica that died mid-run (its heartbeat long stale), and one that is alive and running.
    await registerInstance(db, { id: 'replica-dead', hostname: 'node-1', version: '0.0.0' }, minutesAgo(30));
    await registerInstance(db, { id: 'replica-alive', hostname: 'node-2', version: '0.0.0' }, minutesAgo(10));
    await db
      .updateTable('server_instances')
      .set({ heartbeat_at: new Date() })
      .where('id', '=', 'replica-alive')
      .execute();
    ids.dead = await leaveRun(db, 'replica-dead');
    ids.unregistered = await leaveRun(db, 'replica-gone-for-good', { status: 'queued' });
    ids.alive = await leaveRun(db, 'replica-alive');
    // Runs from before runs recorded their server: one older than every live server, one not.
    ids.legacyOld = await leaveRun(db, null, { createdAt: minutesAgo(60) });
    ids.legacyNew = await leaveRun(db, null, { createdAt: minutesAgo(5) });
    ids.finished = await leaveRun(db, 'replica-dead');
    await updateTemplateRun(db, ids.finished, { status: 'succeeded', finished: true });
    await getDb().close(); // let go of it: the server opens its own

    delete process.env.SLIPWAY_SECRET_KEYS;
    await writeFile(join(dir, 'secret-keys'), KeyRing.generate('test'), { mode: 0o600 });
    const provisioned = context.provisioned().config;
    const base = loadConfig({
      env: {
        ...(provisioned.engine === 'postgres'
          ? { SLIPWAY_DATABASE_URL: provisioned.url }
          : { SLIPWAY_DATA_DIR: provisioned.dataDir }),
        SLIPWAY_STATE_DIR: dir,
        SLIPWAY_ADMIN_TOKEN_FILE: join(dir, 'initial-admin-token'),
        SLIPWAY_SECRET_KEY_FILE: join(dir, 'secret-keys'),
        SLIPWAY_LOG_LEVEL: 'silent',
        SLIPWAY_PORT: '0',
        SLIPWAY_HOST: '127.0.0.1',
        KUBECONFIG: testKubeConfigPath(),
      },
    });
    const config: Config = { ...base, catalog: { ...base.catalog, cacheDir: join(dir, 'cache') } };
    server = await start(inTestProcess(config));
    token = (await readFile(join(dir, 'initial-admin-token'), 'utf8')).trim();
  });

  after(async () => {
    await server?.stop('test');
    await rm(dir, { recursive: true, force: true });
  });

  const db = () => server.app.deps.database.db;
  const call = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    return { status: res.status, text: await res.text() };
  };

  it('ends the runs of dead or unknown servers as failed, the running step failed too', async () => {
    for (const which of ['dead', 'unregistered', 'legacyOld'] as const) {
      const res = await call(`/template-runs/${ids[which]}`);
      assert.equal(res.status, 200, res.text);
      const run = JSON.parse(res.text).run;
      assert.equal(run.status, 'failed', which);
      assert.equal(run.error, interruptedReason);
      assert.ok(run.finishedAt, which);
      assert.deepEqual(
        run.steps.map((s: TemplateRunStep) => s.status),
        which === 'unregistered' ? ['succeeded', 'pending'] : ['succeeded', 'failed'],
        which,
      );
      if (which !== 'unregistered') assert.ok(run.steps[1].finishedAt, 'the failed step has ended');
    }
    const finished = await getTemplateRun(db(), ids.finished as string);
    assert.equal(finished.status, 'succeeded', 'a finished run is left as it was');
    assert.equal((await listTemplateRunEvents(db(), ids.finished as string)).length, 4);
  });

  it("leaves a live replica's runs alone (PostgreSQL); PGlite has no other live server", async () => {
    const alive = await getTemplateRun(db(), ids.alive as string);
    const legacyNew = await getTemplateRun(db(), ids.legacyNew as string);
    if (context.engine === 'pglite') {
      // One process per data directory: whatever the rows say, nobody else is running them.
      assert.equal(alive.status, 'failed');
      assert.equal(legacyNew.status, 'failed');
      return;
    }
    assert.equal(alive.status, 'running');
    // A run from before 0011 that the live replica, started before it, may be running.
    assert.equal(legacyNew.status, 'running');
    const templates = server.app.deps.platform.templates;
    assert.deepEqual(await templates.failInterruptedRuns(), []);
    // The replica stops beating: at the next heartbeat's check its runs are over.
    await db()
      .updateTable('server_instances')
      .set({ heartbeat_at: minutesAgo(2) })
      .where('id', '=', 'replica-alive')
      .execute();
    assert.deepEqual((await templates.failInterruptedRuns()).sort(), [ids.alive, ids.legacyNew].sort());
    assert.equal((await getTemplateRun(db(), ids.alive as string)).status, 'failed');
    assert.deepEqual(await templates.failInterruptedRuns(), [], 'each run is ended once');
  });

  it("closes the run's events: the stream replays them and ends with the failed run", async () => {
    const res = await call(`/template-runs/${ids.dead}/events`);
    assert.equal(res.status, 200);
    const events = parseEventStream(res.text);
    assert.deepEqual(
      events.map((e) => [e.id, e.event, e.data.stepId, e.data.message]),
      [
        [1, 'step', 'fetch', 'running'],
        [2, 'step', 'fetch', 'succeeded'],
        [3, 'step', 'publish', 'running'],
        [4, 'log', 'publish', 'pushing main'],
        [5, 'log', 'publish', `error: ${interruptedReason}`],
        [6, 'step', 'publish', 'failed'],
        [7, 'run', '', `failed: ${interruptedReason}`],
      ],
    );
    const resumed = parseEventStream((await call(`/template-runs/${ids.dead}/events`, { 'last-event-id': '6' })).text);
    assert.deepEqual(
      resumed.map((e) => e.event),
      ['run'],
    );
    // A queued run never started: only its end.
    const queued = parseEventStream((await call(`/template-runs/${ids.unregistered}/events`)).text);
    assert.deepEqual(
      queued.map((e) => [e.id, e.event, e.data.message]),
      [[1, 'run', `failed: ${interruptedReason}`]],
    );
  });

  it('a runner that outlived its heartbeat finds its run ended and writes nothing more', async () => {
    const platform = server.app.deps.platform;
    const template = await platform.templates.get('slipway', 'node-service');
    const run = await getTemplateRun(db(), ids.dead as string);
    const before = await listTemplateRunEvents(db(), run.id);
    const runner = new TemplateRunner(
      run,
      template,
      { name: 'orders', owner: 'payments', repoUrl: 'file:///nowhere.git' },
      {
        db: db(),
        allow: { allowedHosts: [], allowFileUrls: true, fileRoots: [tmpdir()] },
        catalog: null,
        deployments: platform.deployments,
      },
      { onEvent() {} },
    );
    assert.equal((await runner.execute()).status, 'failed');
    const after = await getTemplateRun(db(), run.id);
    assert.equal(after.error, interruptedReason, 'the run keeps the reason it was ended with');
    assert.deepEqual(after.steps, run.steps);
    assert.deepEqual(await listTemplateRunEvents(db(), run.id), before);
  });
});
