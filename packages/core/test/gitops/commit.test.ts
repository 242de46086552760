import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gitOpsIssues, isCommittedRelease, releaseCommitMessage } from '../../src/gitops/commit.ts';
import type { KubeObject } from '../../src/kube/object.ts';

const signer = { name: 'Slipway', email: 'slipway@localhost' };

describe('GitOps mode', () => {
  it('names every unusable setting at its path', () => {
    assert.deepEqual(gitOpsIssues({ repository: 'x', branch: 'main', path: 'envs/staging' }, '/gitops'), []);
    const issues = gitOpsIssues({ repository: 'x', branch: 'a..b', path: 'envs/../../etc' }, '/gitops');
    assert.deepEqual(
      issues.map((i) => i.path),
      ['/gitops/branch', '/gitops/path'],
    );
    for (const path of ['/abs', 'a//b', '.git/hooks', '.', 'a/']) {
      assert.equal(gitOpsIssues({ repository: 'x', path }, '/gitops').length, 1, path);
    }
    for (const branch of ['-x', 'a.lock', 'ends/', 'with space']) {
      assert.equal(gitOpsIssues({ repository: 'x', branch }, '/gitops').length, 1, branch);
    }
  });

  it('refuses a repository URL carrying a secret, and takes ssh user names', () => {
    for (const repository of [
      'https://bot:tok@github.com/a/b.git',
      'https://ghp_x@github.com/a/b.git',
      'ssh://git:pw@h/r',
    ]) {
      const [issue] = gitOpsIssues({ repository }, '/gitops');
      assert.equal(issue?.path, '/gitops/repository', repository);
      assert.match(issue?.message ?? '', /must not hold credentials/);
    }
    for (const repository of ['https://github.com/a/b.git', 'ssh://git@github.com/a/b.git', 'git@github.com:a/b.git'])
      assert.deepEqual(gitOpsIssues({ repository }, '/gitops'), [], repository);
  });

  it('writes a commit message with what, who and why, trailers and a sign-off; a reason cannot forge trailers', () => {
    const base = { service: 'cart', environment: 'staging', number: 14, image: 'cart:1.8', createdBy: 'ana' };
    assert.equal(
      releaseCommitMessage({ ...base, reason: 'new checkout' }, signer),
      'cart → staging: release #14 (cart:1.8)\n\nDeployed by ana: new checkout\n\n' +
        'Slipway-Service: cart\nSlipway-Environment: staging\nSlipway-Release: 14\nSlipway-Deployed-By: ana\n' +
        'Signed-off-by: Slipway <slipway@localhost>\n',
    );
    const rollback = releaseCommitMessage({ ...base, image: null, reason: null, rollbackOf: 12 }, signer);
    assert.match(rollback, /^cart → staging: roll back to release #12\n\nDeployed by ana\.\n/);
    const forged = releaseCommitMessage({ ...base, reason: 'fix\n\nSigned-off-by: Mallory <m@x>' }, signer);
    assert.equal(forged.match(/^Signed-off-by:/gm)?.length, 1);
  });

  it("knows the release's own objects by their release label", () => {
    const object = (release?: string): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'cart', ...(release ? { labels: { 'slipway.dev/release': release } } : {}) },
    });
    assert.ok(isCommittedRelease(object('r2'), object('r2')));
    assert.ok(!isCommittedRelease(object('r2'), object('r1')), 'the release before, still running');
    assert.ok(!isCommittedRelease(object('r2'), undefined), 'not applied yet');
    assert.ok(isCommittedRelease(object(), object('r1')), 'an object without the label is judged as it is');
  });
});
