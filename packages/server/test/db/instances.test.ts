import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { test } from 'node:test';
import { slipwayVersion } from '@slipway/core';
import { deregisterInstance, heartbeat, listInstances, registerInstance } from '../../src/db/stores/instances.ts';
import { describeEachDatabase } from '../harness/databases.ts';

const t0 = new Date('2030-01-01T00:00:00.000Z');
const after = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describeEachDatabase('server instances store', (getDb) => {
  test('registering without details describes this process under a fresh id', async () => {
    const a = await registerInstance(getDb().db);
    const b = await registerInstance(getDb().db);
    assert.notEqual(a.id, b.id);
    assert.equal(a.hostname, hostname());
    assert.equal(a.version, slipwayVersion);
    assert.equal(a.startedAt.getTime(), a.heartbeatAt.getTime());
    await deregisterInstance(getDb().db, a.id);
    await deregisterInstance(getDb().db, b.id);
  });

  test('heartbeat moves heartbeatAt and leaves startedAt', async () => {
    await registerInstance(getDb().db, { id: 'replica-a', hostname: 'node-1', version: '1.0.0' }, t0);
    const beat = await heartbeat(getDb().db, 'replica-a', after(15));
    assert.deepEqual(beat, {
      id: 'replica-a',
      hostname: 'node-1',
      version: '1.0.0',
      startedAt: t0,
      heartbeatAt: after(15),
    });
  });

  test('heartbeat of an unregistered instance returns null', async () => {
    assert.equal(await heartbeat(getDb().db, 'never-registered', after(1)), null);
  });

  test('listInstances shows every replica, or only those alive since a time', async () => {
    await registerInstance(getDb().db, { id: 'replica-b', hostname: 'node-2', version: '1.0.0' }, after(5));
    await heartbeat(getDb().db, 'replica-a', after(60));
    await heartbeat(getDb().db, 'replica-b', after(20));

    const all = await listInstances(getDb().db);
    assert.deepEqual(
      all.map((i) => i.id),
      ['replica-a', 'replica-b'],
    );
    const alive = await listInstances(getDb().db, { aliveSince: after(30) });
    assert.deepEqual(
      alive.map((i) => i.id),
      ['replica-a'],
    );
  });

  test('registering again under the same id starts afresh', async () => {
    const again = await registerInstance(
      getDb().db,
      { id: 'replica-b', hostname: 'node-3', version: '1.1.0' },
      after(90),
    );
    assert.deepEqual(again, {
      id: 'replica-b',
      hostname: 'node-3',
      version: '1.1.0',
      startedAt: after(90),
      heartbeatAt: after(90),
    });
    assert.equal((await listInstances(getDb().db)).length, 2);
  });

  test('deregisterInstance removes it, once', async () => {
    assert.equal(await deregisterInstance(getDb().db, 'replica-a'), true);
    assert.equal(await deregisterInstance(getDb().db, 'replica-a'), false);
    assert.deepEqual(
      (await listInstances(getDb().db)).map((i) => i.id),
      ['replica-b'],
    );
  });
});
