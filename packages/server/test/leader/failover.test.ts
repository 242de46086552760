/**
 * Three real server processes on one PostgreSQL and the local cluster, leader election on a
 * short Lease: the leader is SIGKILLed in the middle of a batch of 50 deploys sent to all
 * three. Every release must still end terminal and be applied exactly once, another replica
 * must take the Lease within its duration (plus one retry), and the environment schedule the
 * leaders follow must fire once per firing, never twice.
 *
 * How applies are counted: the engine logs `release applied` (with the release id) each time
 * a server-side apply of a release's objects has completed, just before it records the release
 * as progressing; every replica's log is kept (in memory and in a file), the killed one's
 * included. The cluster cannot count for us: an apply of the same objects again changes
 * nothing there (same generation, same resourceVersion), which is exactly the double apply to
 * catch. A release a replica was killed in the middle of applying has no such line from it
 * (its apply did not complete) and gets one from the replica that takes it over.
 *
 * Then an SSE client on one survivor follows, to Healthy, a release the other one drives (the
 * same across in-process replicas, with a cut LISTEN connection: test/live/replicas.test.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  delayedScore,
  leaseReader,
  type Replica,
  startReplicas,
  terminalStatuses,
  until,
} from '../../../../bench/lib/replicas.ts';
import type { ServerSentEvent } from '../../../cli/src/sse.ts';
import { testKubeConfigPath, useTestNamespace } from '../harness/cluster.ts';
import { type ProvisionedDatabase, provisionTestDatabase } from '../harness/databases.ts';
import { openStream } from '../live/live-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
const statusOf = (e: ServerSentEvent): any => (e.event === 'status' ? JSON.parse(e.data) : undefined);
const lease = { leaseDurationSeconds: 6, renewDeadlineSeconds: 4, retryPeriodSeconds: 1 };
const batch = 50;
const killAfter = 20;

describe('failover of the leader under a batch of deploys', () => {
  const ns = useTestNamespace('failover');
  const scheduled = useTestNamespace('failover-sched');
  const live = useTestNamespace('failover-live');
  let database: ProvisionedDatabase | undefined;
  let replicas: Replica[] = [];
  after(async () => {
    await Promise.all(replicas.map((r) => r.kill()));
    await database?.dispose();
  });

  it('the leader SIGKILLed mid-batch: all 50 terminal, each applied once, no schedule fired twice', {
    timeout: 400_000,
  }, async () => {
    database = await provisionTestDatabase('postgres', { migrated: true });
    if (database.config.engine !== 'postgres') throw new Error('PostgreSQL expected');
    const dir = mkdtempSync(join(tmpdir(), 'slipway-failover-'));
    replicas = await startReplicas(3, {
      dir,
      databaseUrl: database.config.url,
      kubeconfig: testKubeConfigPath(),
      leaseNamespace: ns.namespace(),
      leaseName: 'slipway-leader',
      lease,
      controllerIntervalMs: 1000,
    });
    console.log(`replicas: ${replicas.map((r) => `${r.name}=${r.identity}`).join(', ')}; logs in ${dir}`);
    const holder = leaseReader(testKubeConfigPath(), ns.namespace(), 'slipway-leader');
    const byIdentity = async () => {
      const id = await holder();
      return replicas.find((r) => r.identity === id && !r.exited);
    };
    const leader = await until('a leader', byIdentity, 30_000);
    const [any] = replicas.filter((r) => r !== leader);
    assert.ok(any);

    const env = await any.call('PUT', '/environments/batch', {
      type: 'development',
      namespace: ns.namespace(),
      defaults: { progressDeadlineSeconds: 120 },
    });
    assert.equal(env.status, 200, JSON.stringify(env.body));
    // A firing every minute, pausing and resuming in turn, the first one a pause (the
    // environment is active): every firing is something to do, and to do once. The servers
    // run on this machine's clock, so the next minute is read from it.
    const nextMinuteIsEven = (new Date().getUTCMinutes() + 1) % 2 === 0;
    const [even, odd] = ['*/2 * * * *', '1-59/2 * * * *'];
    const sched = await any.call('PUT', '/environments/sched', {
      type: 'development',
      namespace: scheduled.namespace(),
      schedule: { pause: nextMinuteIsEven ? even : odd, resume: nextMinuteIsEven ? odd : even, timezone: 'UTC' },
    });
    assert.equal(sched.status, 200, JSON.stringify(sched.body));

    // The batch, spread over the replicas (over the survivors once the leader is dead).
    const ids: string[] = [];
    let killedAt = 0;
    let takeover: Promise<{ ms: number; by: Replica }> | undefined;
    const deploy = async (i: number, to?: Replica) => {
      const alive = replicas.filter((r) => !r.exited);
      const target = to ?? (alive[i % alive.length] as Replica);
      const service = `svc-${String(i).padStart(2, '0')}`;
      const res = await target.call('POST', '/deploys', {
        environment: 'batch',
        workload: delayedScore(service),
        reason: `failover batch ${i}`,
      });
      assert.equal(res.status, 202, `${service} on ${target.name}: ${JSON.stringify(res.body)}`);
      ids.push(res.body.release.id);
    };
    for (let i = 0; i < batch; i += 5) {
      const appliedByLeader = leader.said('release applied').length;
      if (i + 5 !== killAfter) {
        await Promise.all([0, 1, 2, 3, 4].map((k) => deploy(i + k)));
      } else {
        // The leader takes this round up while the others stand still (SIGSTOP): every
        // replica's engine takes queued releases, the one asked at once and the others at their
        // next tick, and on a loaded machine another one took the whole round (CI, 2026-12-06).
        // Killed soon after it has applied one of them: that rollout (1.5 s to ready) is still
        // under way, so the leader dies holding at least one release. The others are thawed a
        // retry period before the kill, so each has seen the leader renew the Lease since it
        // stood still (a candidate counts the Lease's duration from the last renewal it saw).
        const others = replicas.filter((r) => r !== leader && !r.exited);
        for (const r of others) r.freeze();
        try {
          await Promise.all([0, 1, 2, 3, 4].map((k) => deploy(i + k, leader)));
          await until(
            'the leader to apply a release of this round',
            () => leader.said('release applied').length > appliedByLeader,
            30_000,
            10,
          );
        } finally {
          for (const r of others) r.thaw();
        }
        await new Promise((resolve) => setTimeout(resolve, lease.retryPeriodSeconds * 1000 + 200));
        killedAt = performance.now();
        await leader.kill();
        takeover = until(
          'another replica to take the Lease',
          async () => {
            const now = await byIdentity();
            return now && now !== leader ? { ms: performance.now() - killedAt, by: now } : undefined;
          },
          30_000,
          50,
        );
      }
    }
    assert.ok(takeover, 'the leader was killed');
    const { ms: takeoverMs, by: newLeader } = await takeover;
    console.log(
      `takeover: ${leader.name} SIGKILLed, ${newLeader.name} holds the Lease ${Math.round(takeoverMs)} ms later ` +
        `(lease ${lease.leaseDurationSeconds} s, retry ${lease.retryPeriodSeconds} s)`,
    );
    // The bound: duration plus one retry; 500 ms more for this test's polling of the Lease
    // (every 50 ms) and the API server's answers on a busy machine.
    assert.ok(
      takeoverMs <= (lease.leaseDurationSeconds + lease.retryPeriodSeconds) * 1000 + 500,
      `takeover took ${takeoverMs} ms`,
    );

    // Every release ends terminal.
    const survivor = newLeader;
    const statuses = new Map<string, string>();
    await until(
      `all ${batch} releases terminal`,
      async () => {
        for (const id of ids) {
          if (statuses.has(id)) continue;
          const { body } = await survivor.call('GET', `/releases/${id}`);
          if (terminalStatuses.includes(body.release.status)) statuses.set(id, body.release.status);
        }
        return statuses.size === batch;
      },
      240_000,
      500,
    );
    const counts = [...statuses.values()].reduce<Record<string, number>>(
      (acc, s) => Object.assign(acc, { [s]: (acc[s] ?? 0) + 1 }),
      {},
    );
    console.log(`statuses: ${JSON.stringify(counts)}`);
    assert.equal(counts.healthy, batch, `every release Healthy: ${JSON.stringify(counts)}`);

    // Each applied exactly once, across the three logs.
    const applies = new Map<string, string[]>();
    for (const r of replicas)
      for (const line of r.said('release applied'))
        applies.set(String(line.release), [...(applies.get(String(line.release)) ?? []), r.name]);
    // The one window where two applies are right: the leader applied, was killed before it
    // recorded so, and a survivor carried the release on from `applying` and applied the same
    // objects again (server-side apply: no change). Any other second apply is a double drive.
    const carriedFromApplying = new Set(
      replicas
        .filter((r) => r !== leader)
        .flatMap((r) => r.said('carrying on a release already under way'))
        .filter((l) => l.status === 'applying')
        .map((l) => String(l.release)),
    );
    const redone = (id: string) => {
      const by = applies.get(id) ?? [];
      return by.length === 2 && by.includes(leader.name) && carriedFromApplying.has(id);
    };
    const twice = ids
      .filter((id) => (applies.get(id)?.length ?? 0) > 1 && !redone(id))
      .map((id) => `${id}: ${applies.get(id)}`);
    const reapplied = ids.filter(redone).length;
    if (reapplied) console.log(`applied by the killed leader and again after its crash: ${reapplied}`);
    const never = ids.filter((id) => !applies.has(id));
    assert.deepEqual(twice, [], 'no release applied twice');
    assert.deepEqual(never, [], 'every release applied');
    const perReplica = replicas.map((r) => `${r.name} ${r.said('release applied').length}`).join(', ');
    // Releases the leader had under way when it died, carried on by a survivor.
    const carried = replicas
      .filter((r) => r !== leader)
      .flatMap((r) => r.said('carrying on a release already under way'))
      .filter((l) => ids.includes(String(l.release)));
    console.log(
      `applies: ${perReplica}; carried on after the kill: ${carried.length} (${carried.map((l) => l.status).join(', ')})`,
    );
    assert.ok(carried.length > 0, 'the leader died with releases under way, and survivors carried them on');

    // An SSE client on one survivor follows, to Healthy, a release the other survivor drives
    // (in an environment of its own: the batch filled the development type's pod quota). Either
    // survivor may win the release's lock, so both watch: the one that did not drive it counts.
    const survivors = replicas.filter((r) => !r.exited) as [Replica, Replica];
    const [drives] = survivors;
    const liveEnv = await drives.call('PUT', '/environments/live', {
      type: 'development',
      namespace: live.namespace(),
    });
    assert.equal(liveEnv.status, 200, JSON.stringify(liveEnv.body));
    const first = await drives.call('POST', '/deploys', { environment: 'live', workload: delayedScore('follow') });
    assert.equal(first.status, 202, JSON.stringify(first.body));
    const streams = await Promise.all(
      survivors.map((r) => openStream(`${r.url}/api/v1/services/follow/environments/live/live`, r.token)),
    );
    try {
      for (const [i, stream] of streams.entries()) {
        await stream.waitFor((e) => statusOf(e)?.release?.number === 1, `release #1 on ${survivors[i]?.name}`);
      }
      const again = await drives.call('POST', '/deploys', {
        environment: 'live',
        workload: delayedScore('follow', 'nginx:1.28'),
        reason: 'followed from another replica',
      });
      assert.equal(again.status, 202, JSON.stringify(again.body));
      const id = again.body.release.id;
      const healthy = (e: Parameters<typeof statusOf>[0]) =>
        statusOf(e)?.release?.number === 2 && statusOf(e)?.release?.status === 'healthy';
      await streams[0]?.waitFor(healthy, `release #2 Healthy on ${survivors[0].name}`, 60_000);
      const drivers = replicas.filter((r) => r.said('release applied').some((l) => l.release === id));
      assert.equal(drivers.length, 1, `release #2 applied once: by ${drivers.map((r) => r.name)}`);
      const watcher = survivors.findIndex((r) => r !== drivers[0]);
      await streams[watcher]?.waitFor(
        healthy,
        `release #2 Healthy on ${survivors[watcher]?.name}, driven by ${drivers[0]?.name}`,
        60_000,
      );
    } finally {
      for (const stream of streams) stream.close();
    }

    // The schedule: a firing after the kill is followed by the new leader, and no firing twice.
    await until(
      'the new leader to follow a schedule firing',
      () => newLeader.lines.some((l) => l.environment === 'sched' && /by its schedule/.test(String(l.msg))),
      75_000,
      500,
    );
    const firings = replicas.flatMap((r) =>
      r.lines
        .filter((l) => l.environment === 'sched' && /by its schedule/.test(String(l.msg)))
        .map((l) => `${l.msg} ${l.since}`),
    );
    console.log(`schedule firings: ${firings.join('; ')}`);
    assert.equal(new Set(firings).size, firings.length, `a firing followed twice: ${firings.join('; ')}`);
    // The logs are kept when the test fails, for reading.
    rmSync(dir, { recursive: true, force: true });
  });
});
