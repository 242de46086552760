/**
 * Two replicas on one PostgreSQL: a live view opened on replica B follows, as it happens, a
 * release that replica A's engine drives (B drives nothing), because release changes travel
 * between replicas through LISTEN/NOTIFY; and after B's LISTEN connection is cut, B connects
 * again and its views read their release afresh.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { ServerSentEvent } from '../../../cli/src/sse.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { type ProvisionedDatabase, provisionTestDatabase } from '../harness/databases.ts';
import { useLiveApp } from './live-app.ts';

const score = (image: string) => `
apiVersion: score.dev/v1b1
metadata:
  name: shop
containers:
  web:
    image: ${image}
`;

// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
const statusOf = (e: ServerSentEvent): any => (e.event === 'status' ? JSON.parse(e.data) : undefined);

describe('live views across replicas on one PostgreSQL', () => {
  const ns = useTestNamespace('replicas');
  let provisioned: ProvisionedDatabase;
  const handles: Database[] = [];
  before(async () => {
    provisioned = await provisionTestDatabase('postgres', { migrated: true });
    for (let i = 0; i < 2; i++) handles.push(await openDatabase(provisioned.config));
  });
  const a = useLiveApp(() => handles[0] as Database, ns.kc);
  const b = useLiveApp(() => handles[1] as Database, ns.kc, { driveReleases: false });
  // After the apps' own `after` hooks (hooks run in the order they were added): the apps first.
  after(async () => {
    for (const h of handles) await h.close();
    await provisioned?.dispose();
  });

  it('a view on replica B follows a release replica A drives, through to Healthy', async () => {
    const env = await a.call('PUT', '/environments/dev', { type: 'development', namespace: ns.namespace() });
    assert.equal(env.status, 200, env.text);
    const first = await a.call('POST', '/deploys', { environment: 'dev', workload: score('nginx:1.27') });
    assert.equal(first.status, 202, first.text);
    await a.settle(first.json().release.id);

    const stream = await b.stream('/services/shop/environments/dev/live');
    try {
      await stream.waitFor((e) => statusOf(e)?.release?.number === 1, 'release #1 on B');
      const second = await a.call('POST', '/deploys', { environment: 'dev', workload: score('nginx:1.28') });
      assert.equal(second.status, 202, second.text);
      // Queued when stored, then every step the engine on A writes, seen on B as it happens.
      await stream.waitFor((e) => statusOf(e)?.release?.number === 2, 'release #2 on B', 10_000);
      const healthy = statusOf(
        await stream.waitFor(
          (e) => statusOf(e)?.release?.number === 2 && statusOf(e)?.release?.status === 'healthy',
          'release #2 Healthy on B',
          60_000,
        ),
      );
      assert.equal(healthy.release.image, 'nginx:1.28');
      const seen = stream.events
        .map(statusOf)
        .filter((s) => s?.release?.number === 2)
        .map((s) => s.release.status);
      assert.ok(seen.includes('progressing'), `B saw the rollout under way: ${seen.join(', ')}`);
    } finally {
      stream.close();
    }
  });

  it('after its LISTEN connection is cut, replica B listens again and its views catch up', async () => {
    const stream = await b.stream('/services/shop/environments/dev/live');
    try {
      await stream.waitFor((e) => statusOf(e)?.release?.number === 2, 'release #2 on B');
      // Cut every LISTEN connection of the database but this one (replica A's and B's).
      await sql`
        select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen %'
      `.execute((handles[0] as Database).db);
      const third = await a.call('POST', '/deploys', { environment: 'dev', workload: score('nginx:1.29') });
      assert.equal(third.status, 202, third.text);
      const healthy = statusOf(
        await stream.waitFor(
          (e) => statusOf(e)?.release?.number === 3 && statusOf(e)?.release?.status === 'healthy',
          'release #3 Healthy on B, after B reconnected',
          60_000,
        ),
      );
      assert.equal(healthy.release.image, 'nginx:1.29');
    } finally {
      stream.close();
    }
  });
});
