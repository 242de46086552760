/**
 * What a `drift.found` says, and how a drift is named: the pure half of the drift scan (the scan
 * itself runs against the cluster in test/drift/scan.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Drift } from '@slipway/core';
import type { ReleaseRecord } from '../../src/db/stores/releases.ts';
import { fingerprint, summarize } from '../../src/drift/live.ts';
import { driftFoundNotification } from '../../src/notifications/drift-events.ts';

const release = { id: 'r-1', serviceId: 's-1', environmentId: 'e-1', number: 4 } as ReleaseRecord;
const names = { service: 'web', environment: 'prod' };
const titleOf = (n: { title: unknown }) =>
  typeof n.title === 'function' ? (n.title as (x: typeof names) => string)(names) : n.title;
const replace = (path: string, from: unknown, to: unknown) => ({ path, op: 'replace' as const, from, to });

describe('summarizing a drift', () => {
  const drifts: Drift[] = [
    { key: '/ConfigMap/prod/web', state: 'in-sync', changes: [] },
    { key: '/Secret/prod/web', state: 'drifted', changes: [replace('/data/password', '(secret)', '(secret)')] },
    {
      key: 'apps/Deployment/prod/web',
      state: 'drifted',
      changes: [replace('/spec/template/spec/containers/main/image', 'a:1', 'a:2'), replace('/spec/replicas', 2, 5)],
    },
    { key: '/Service/prod/web', state: 'missing', changes: [] },
  ];

  it('keeps the objects that departed and their fields, sorted, without values', () => {
    assert.deepEqual(summarize(drifts), [
      { key: '/Secret/prod/web', state: 'drifted', paths: ['/data/password'] },
      {
        key: 'apps/Deployment/prod/web',
        state: 'drifted',
        paths: ['/spec/replicas', '/spec/template/spec/containers/main/image'],
      },
      { key: '/Service/prod/web', state: 'missing', paths: [] },
    ]);
  });

  it('names a drift by what departed: other values of the same fields are the same drift', () => {
    const again = drifts.map((d) => ({ ...d, changes: d.changes.map((c) => ({ ...c, to: 'other' })) }));
    assert.equal(fingerprint(summarize(again)), fingerprint(summarize(drifts)));
    assert.equal(fingerprint(summarize([...drifts].reverse())), fingerprint(summarize(drifts)), 'in any order');
    assert.notEqual(fingerprint(summarize(drifts.slice(0, 3))), fingerprint(summarize(drifts)));
  });
});

describe('drift.found', () => {
  it('names up to three objects and three fields each, and counts the rest', () => {
    const paths = ['/a', '/b', '/c', '/d'];
    const many = ['one', 'two', 'three', 'four', 'five'].map((name) => ({
      key: `apps/Deployment/prod/${name}`,
      state: 'drifted' as const,
      paths,
    }));
    const event = driftFoundNotification(release, many, new Date(0));
    assert.equal(
      titleOf(event),
      'web #4 drifted in prod: Deployment one: /a, /b, /c, …; Deployment two: /a, /b, /c, …; ' +
        'Deployment three: /a, /b, /c, … and 2 more',
    );
    assert.equal(event.kind, 'drift.found');
    assert.equal(event.serviceId, 's-1');
    assert.equal(event.environmentId, 'e-1');
    assert.deepEqual(event.data, { releaseId: 'r-1', number: 4, objects: many });
  });
});
