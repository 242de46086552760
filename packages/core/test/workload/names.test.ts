import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { base64Encode, canonicalJson, imageTag, kubeName, labelValue, sha256Hex } from '../../src/index.ts';

describe('names', () => {
  it('keeps valid names as they are', () => {
    assert.equal(kubeName(['orders', 'config']), 'orders-config');
    assert.equal(labelValue('Release_1.2'), 'Release_1.2');
  });

  it('cleans invalid names and marks them with a hash of the original', () => {
    assert.match(kubeName(['Orders_API']), /^orders-api-[0-9a-f]{8}$/);
    assert.notEqual(kubeName(['a_b']), kubeName(['a.b']));
    assert.match(kubeName(['1st'], { startWithLetter: true }), /^x1st-[0-9a-f]{8}$/);
  });

  it('cuts long names to 63 characters, ending in a letter or digit before the hash', () => {
    const long = 'x'.repeat(50) + '-'.repeat(5) + 'y'.repeat(30);
    const name = kubeName([long]);
    assert.equal(name.length <= 63, true);
    assert.match(name, /^x+-y+-[0-9a-f]{8}$/);
    assert.ok(!name.includes('--'));
    assert.equal(kubeName([long]), name, 'stable');
  });

  it('makes any text a label value', () => {
    assert.equal(labelValue(''), '');
    assert.match(labelValue('feature/login page'), /^feature-login-page-[0-9a-f]{8}$/);
    assert.ok(labelValue('z'.repeat(100)).length <= 63);
    assert.match(labelValue('---'), /^[0-9a-f]{8}$/);
  });

  it('finds the tag of an image reference', () => {
    assert.equal(imageTag('nginx'), undefined);
    assert.equal(imageTag('nginx:1.27'), '1.27');
    assert.equal(imageTag('localhost:5000/team/app'), undefined);
    assert.equal(imageTag('localhost:5000/team/app:v2@sha256:00'), 'v2');
  });
});

describe('hashing and encoding', () => {
  it('matches node:crypto and Buffer', () => {
    for (const text of ['', 'abc', 'ünïcødé ✓', 'x'.repeat(1000)]) {
      assert.equal(sha256Hex(text), createHash('sha256').update(text).digest('hex'));
      assert.equal(base64Encode(text), Buffer.from(text).toString('base64'));
    }
  });

  it('serialises with sorted keys, apiVersion/kind/metadata first, without undefined', () => {
    const json = canonicalJson({
      spec: { b: 1, a: undefined, c: [{ z: 1, y: 2 }] },
      metadata: {},
      kind: 'K',
      apiVersion: 'v1',
    });
    assert.equal(json, '{"apiVersion":"v1","kind":"K","metadata":{},"spec":{"b":1,"c":[{"y":2,"z":1}]}}');
  });
});
