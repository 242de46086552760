import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluatePolicies, type PolicyInput } from '../../src/index.ts';
import { compliant, cronJob, digest, goodContainer, job, plus, release, webWith, workload } from './fixtures.ts';

const check = (name: string, input: PolicyInput) => evaluatePolicies([name], input);
const paths = (name: string, input: PolicyInput) => check(name, input).map((v) => v.path);
const withImage = (image: string) =>
  release(
    webWith((c) => {
      c.image = image;
    }),
  );

describe('policy no-latest-tag', () => {
  it('accepts version tags and digests', () => {
    for (const image of [
      'ghcr.io/acme/web:1.4.2',
      'registry.local:5000/web:2024-06-01',
      `ghcr.io/acme/web@${digest}`,
      `ghcr.io/acme/web:latest@${digest}`,
    ]) {
      assert.deepEqual(check('no-latest-tag', withImage(image)), [], image);
    }
  });

  it('refuses "latest" and untagged images, pointing at the image in the Score file', () => {
    for (const image of ['nginx', 'nginx:latest', 'registry.local:5000/web', 'registry.local:5000/web:latest']) {
      const violations = check('no-latest-tag', withImage(image));
      assert.equal(violations.length, 1, image);
      assert.equal(violations[0]?.policy, 'no-latest-tag');
      assert.equal(violations[0]?.path, '/containers/web/image');
      assert.ok(violations[0]?.message.includes(`"${image}"`), violations[0]?.message);
    }
    assert.match(check('no-latest-tag', withImage('nginx'))[0]?.message ?? '', /no tag/);
  });

  it('judges the image the deploy gave for a "." image', () => {
    const dot = webWith((c) => {
      c.image = '.';
    });
    assert.deepEqual(check('no-latest-tag', release(dot, { image: 'ghcr.io/acme/web:1.5.0' })), []);
    const violations = check('no-latest-tag', release(dot, { image: 'ghcr.io/acme/web:latest' }));
    assert.deepEqual(
      violations.map((v) => v.path),
      ['/containers/web/image'],
    );
    assert.match(violations[0]?.message ?? '', /ghcr\.io\/acme\/web:latest/);
  });

  it('checks every container, init containers included', () => {
    const w = workload(`
metadata:
  name: web
containers:
  migrate:
    image: ghcr.io/acme/migrate
    before:
      web:
        ready: complete
  web:
    image: ghcr.io/acme/web:1.4.2
  proxy:
    image: envoyproxy/envoy:latest
`);
    assert.deepEqual(paths('no-latest-tag', release(w)), ['/containers/migrate/image', '/containers/proxy/image']);
  });

  it('points into the objects for containers the Score file does not have', () => {
    const input = plus(
      release(compliant),
      job('seed', [goodContainer('seed', { image: 'busybox' })]),
      cronJob('report', [goodContainer('a'), goodContainer('report', { image: 'ghcr.io/acme/report:latest' })]),
    );
    assert.deepEqual(paths('no-latest-tag', input), [
      '/objects/Job/seed/spec/template/spec/containers/0/image',
      '/objects/CronJob/report/spec/jobTemplate/spec/template/spec/containers/1/image',
    ]);
    assert.match(check('no-latest-tag', input)[0]?.message ?? '', /Container "seed" of Job "seed"/);
  });
});

describe('policy require-image-digest', () => {
  it('accepts images pinned by sha256 digest, with or without a tag', () => {
    assert.deepEqual(check('require-image-digest', withImage(`ghcr.io/acme/web@${digest}`)), []);
    assert.deepEqual(check('require-image-digest', withImage(`ghcr.io/acme/web:1.4.2@${digest}`)), []);
  });

  it('refuses tags, even pinned versions, and malformed digests', () => {
    for (const image of ['ghcr.io/acme/web:1.4.2', 'ghcr.io/acme/web', 'ghcr.io/acme/web@sha256:abc']) {
      const violations = check('require-image-digest', withImage(image));
      assert.deepEqual(
        violations.map((v) => [v.policy, v.path]),
        [['require-image-digest', '/containers/web/image']],
        image,
      );
      assert.match(violations[0]?.message ?? '', /not pinned by a sha256 digest/);
    }
  });

  it('checks the containers of other objects at their place in the objects', () => {
    const input = plus(
      release(
        webWith((c) => {
          c.image = `ghcr.io/acme/web@${digest}`;
        }),
      ),
      job('seed', [goodContainer('seed'), goodContainer('tag', { image: 'busybox:1.36' })]),
    );
    assert.deepEqual(paths('require-image-digest', input), ['/objects/Job/seed/spec/template/spec/containers/1/image']);
  });
});
