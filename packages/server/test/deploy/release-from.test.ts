import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@slipway/core';
import type { ReleaseRecord } from '../../src/db/stores/releases.ts';
import { inputsFrom, type Rendering, releaseFrom } from '../../src/deploy/lineage.ts';

const objects = (image: string): KubeObject[] => [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'dev' }, spec: { image } },
];

/** A healthy release deployed with an image override and a file, as the store returns it. */
const earlier: ReleaseRecord = {
  id: 'r1',
  serviceId: 's1',
  environmentId: 'dev',
  number: 3,
  status: 'healthy',
  contentHash: 'sha256:earlier',
  image: 'nginx:1.27.4',
  commitSha: 'abc1234',
  commitTime: new Date(500),
  createdBy: 'alice',
  reason: 'first',
  workload: { apiVersion: 'score.dev/v1b1', metadata: { name: 'web' }, containers: { web: { image: '.' } } },
  objects: objects('nginx:1.27.4'),
  rollbackOf: null,
  autoRollback: true,
  message: 'ok',
  health: null,
  createdAt: new Date(0),
  startedAt: new Date(0),
  finishedAt: new Date(0),
  promotedFrom: null,
  approvalExpiresAt: null,
  inputs: { image: 'nginx:1.27.4', files: { 'greeting.txt': 'hello' } },
  validatedAt: new Date(0),
  verification: null,
};
const own = { createdBy: 'bob', reason: 'why', approvalExpiresAt: null };
const rendering = (environmentId: string, image?: string): Rendering => {
  const inputs = inputsFrom(earlier, image);
  return {
    environmentId,
    inputs,
    image: inputs.image ?? null,
    objects: objects(inputs.image ?? ''),
    contentHash: `sha256:${environmentId}`,
    validatedAt: new Date(1),
  };
};

describe('a release made from an earlier one (releaseFrom)', () => {
  it('a rollback copies everything the earlier release was, objects as rendered then, and was never dry-run', () => {
    const made = releaseFrom(earlier, { kind: 'rollback' }, own);
    assert.deepEqual(made, {
      serviceId: 's1',
      environmentId: 'dev',
      workload: earlier.workload,
      inputs: earlier.inputs,
      image: 'nginx:1.27.4',
      commitSha: 'abc1234',
      commitTime: new Date(500),
      objects: earlier.objects,
      contentHash: 'sha256:earlier',
      ...own,
      rollbackOf: 'r1',
      autoRollback: false,
      validatedAt: null,
    });
  });

  it('a promotion renders the same inputs for its target and links back', () => {
    const made = releaseFrom(earlier, { kind: 'promotion', rendered: rendering('staging') }, own);
    assert.equal(made.environmentId, 'staging');
    assert.deepEqual(made.inputs, earlier.inputs);
    assert.deepEqual(
      [made.image, made.commitSha, made.commitTime, made.workload],
      ['nginx:1.27.4', 'abc1234', new Date(500), earlier.workload],
    );
    assert.deepEqual([made.promotedFrom, made.rollbackOf, made.autoRollback], ['r1', undefined, true]);
    assert.deepEqual(made.validatedAt, new Date(1));
  });

  it('a redeploy keeps the files, takes the new image and commit when given, and the earlier ones otherwise', () => {
    const patched = releaseFrom(
      earlier,
      { kind: 'redeploy', rendered: rendering('dev', 'nginx:1.27.5'), commit: 'def5678' },
      own,
    );
    assert.deepEqual(patched.inputs, { image: 'nginx:1.27.5', files: { 'greeting.txt': 'hello' } });
    // a new commit without a time: its time is unknown, not the earlier commit's
    assert.deepEqual([patched.image, patched.commitSha, patched.commitTime], ['nginx:1.27.5', 'def5678', null]);
    const timed = releaseFrom(
      earlier,
      { kind: 'redeploy', rendered: rendering('dev'), commit: 'def5678', commitTime: new Date(900) },
      own,
    );
    assert.deepEqual([timed.commitSha, timed.commitTime], ['def5678', new Date(900)]);
    const again = releaseFrom(earlier, { kind: 'redeploy', rendered: rendering('dev') }, own);
    assert.deepEqual(again.inputs, earlier.inputs);
    assert.deepEqual(
      [again.image, again.commitSha, again.commitTime, again.promotedFrom],
      ['nginx:1.27.4', 'abc1234', new Date(500), undefined],
    );
  });
});
