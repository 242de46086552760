import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { derivedGuid, derivedString } from '../../src/provisioners/derive.ts';
import { hmacSha256, sha256, toHex } from '../../src/provisioners/hash.ts';
import { dnsLabel } from '../../src/provisioners/names.ts';

describe('hashing without node:crypto', () => {
  it('computes SHA-256 like node:crypto, across block boundaries', () => {
    for (const text of ['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'é✓'.repeat(700)]) {
      assert.equal(toHex(sha256(text)), createHash('sha256').update(text).digest('hex'), `length ${text.length}`);
    }
  });

  it('computes HMAC-SHA-256 like node:crypto, with short and long keys', () => {
    for (const key of ['k', 'k'.repeat(64), 'k'.repeat(100)]) {
      assert.equal(toHex(hmacSha256(key, 'message')), createHmac('sha256', key).update('message').digest('hex'));
    }
  });
});

describe('derived values', () => {
  const key = { seed: 's', uid: 'development/postgres#default#shared-db' };

  it('are stable for the same key and label, and differ otherwise', () => {
    assert.equal(derivedString(key, 'password'), derivedString({ ...key }, 'password'));
    assert.notEqual(derivedString(key, 'password'), derivedString(key, 'other'));
    assert.notEqual(derivedString(key, 'password'), derivedString({ ...key, seed: 't' }, 'password'));
    assert.match(derivedString(key, 'password', 200), /^[A-Za-z0-9]{200}$/);
  });

  it('gives a UUID-shaped guid', () => {
    assert.match(derivedGuid(key), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(derivedGuid(key), derivedGuid({ ...key }));
  });

  it('refuses lengths outside 1..256', () => {
    assert.throws(() => derivedString(key, 'x', 0), RangeError);
    assert.throws(() => derivedString(key, 'x', 257), RangeError);
  });
});

describe('dnsLabel', () => {
  it('makes DNS-1035 labels', () => {
    assert.equal(dnsLabel('Web.DB_main'), 'web-db-main');
    assert.equal(dnsLabel('--a--b--'), 'a-b');
    assert.equal(dnsLabel('9lives'), 'x-9lives');
    assert.equal(dnsLabel(''), 'x');
  });

  it('cuts long names and keeps them apart with a hash', () => {
    const a = dnsLabel(`${'a'.repeat(70)}-one`);
    const b = dnsLabel(`${'a'.repeat(70)}-two`);
    assert.equal(a.length, 63);
    assert.notEqual(a, b);
    assert.ok(dnsLabel('x'.repeat(50), 40).length <= 40);
  });
});
