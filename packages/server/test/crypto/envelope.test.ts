import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { SlipwayError } from '@slipway/core';
import { KeyRing, needsRewrap, open, openText, rewrap, seal, sealedKeyId } from '../../src/crypto/index.ts';

const line = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const aad = 'cluster:0b7c2f1e:credentials';

function failsWith(code: string, message: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof SlipwayError, `expected a SlipwayError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  };
}
const undecryptable = failsWith('internal', /^secret could not be decrypted: /);

describe('envelope encryption', () => {
  const ring = KeyRing.parse(line('k1'));

  it('opens what it seals: text, bytes and the empty string', () => {
    const text = 'apiVersion: v1\nkind: Config\n# ünïcödé ✓\n';
    assert.equal(openText(ring, seal(ring, text, aad), aad), text);
    const bytes = randomBytes(1000);
    assert.deepEqual(open(ring, seal(ring, bytes, aad), aad), bytes);
    assert.equal(openText(ring, seal(ring, '', aad), aad), '');
  });

  it('writes the documented compact layout', () => {
    const sealed = seal(ring, 'hunter2', aad);
    assert.match(sealed, /^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{64}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    assert.equal(Buffer.from(sealed.split('.')[5] as string, 'base64url').length, 'hunter2'.length + 16);
    assert.equal(sealedKeyId(sealed), 'k1');
  });

  it('seals equal plaintexts differently every time', () => {
    const a = seal(ring, 'same secret', aad).split('.');
    const b = seal(ring, 'same secret', aad).split('.');
    assert.deepEqual(a.slice(0, 2), b.slice(0, 2));
    for (let i = 2; i < 6; i++) assert.notEqual(a[i], b[i], `field ${i} repeats`);
  });

  it('does not open under another aad (a value copied to another row)', () => {
    const sealed = seal(ring, 'hunter2', aad);
    assert.throws(() => open(ring, sealed, 'cluster:ffffffff:credentials'), undecryptable);
    assert.throws(() => open(ring, sealed, ''), undecryptable);
  });

  it('refuses a value with any character changed', () => {
    const sealed = seal(ring, 'hunter2', aad);
    for (let i = 0; i < sealed.length; i++) {
      const c = sealed[i] as string;
      for (const replacement of new Set(['A', 'x', '0', '-', c === 'k' ? 'j' : 'k'])) {
        if (replacement === c) continue;
        const changed = sealed.slice(0, i) + replacement + sealed.slice(i + 1);
        assert.throws(
          () => open(ring, changed, aad),
          (error) => error instanceof SlipwayError && error.code === 'internal',
          `position ${i}: ${c} -> ${replacement} was accepted`,
        );
      }
    }
  });

  it('refuses a value with any bit of any binary field flipped', () => {
    const sealed = seal(ring, 'hunter2', aad);
    const fields = sealed.split('.');
    for (let f = 2; f < 6; f++) {
      const bytes = Buffer.from(fields[f] as string, 'base64url');
      for (let i = 0; i < bytes.length; i++) {
        for (const bit of [0x01, 0x80]) {
          const flipped = Buffer.from(bytes);
          flipped[i] = (flipped[i] as number) ^ bit;
          const changed = fields.with(f, flipped.toString('base64url')).join('.');
          assert.throws(() => open(ring, changed, aad), undecryptable, `field ${f} byte ${i} bit ${bit}`);
        }
      }
    }
  });

  it('refuses values that are not sealed values', () => {
    const sealed = seal(ring, 'hunter2', aad);
    const fields = sealed.split('.');
    for (const bad of [
      '',
      'hunter2',
      sealed.slice(0, -1),
      `${sealed}.x`,
      `${sealed}=`,
      fields.with(0, 'v2').join('.'),
      fields.with(5, '').join('.'),
      fields.with(2, Buffer.alloc(16).toString('base64url')).join('.'),
      fields.with(3, fields[2] as string).join('.'),
    ]) {
      assert.throws(() => open(ring, bad, aad), undecryptable, bad);
    }
    assert.throws(() => open(ring, fields.with(0, 'v2').join('.'), aad), /format v2 is not supported/);
  });

  it('names a key that is not in the ring, without trying to decrypt', () => {
    const other = KeyRing.parse(line('k2'));
    assert.throws(
      () => open(other, seal(ring, 'hunter2', aad), aad),
      (error) => {
        assert.ok(error instanceof SlipwayError);
        assert.equal(error.code, 'internal');
        assert.equal(error.message, 'secret was sealed with key k1, which is not in the key ring');
        assert.equal(error.hint, 'add the old key back to the ring as a non-primary line');
        return true;
      },
    );
  });

  it('does not open with other key material under the same id', () => {
    const impostor = KeyRing.parse(line('k1'));
    assert.throws(() => open(impostor, seal(ring, 'hunter2', aad), aad), undecryptable);
  });

  it('refuses openText of bytes that are not UTF-8', () => {
    const sealed = seal(ring, Buffer.from([0xff, 0xfe, 0x00]), aad);
    assert.deepEqual(open(ring, sealed, aad), Buffer.from([0xff, 0xfe, 0x00]));
    assert.throws(() => openText(ring, sealed, aad), undecryptable);
  });

  it('rotates keys: old values open after a new primary, and rewrap moves them to it', () => {
    const oldLine = line('k2029');
    const newLine = line('k2030');
    const ringA = KeyRing.parse(oldLine);
    const sealed = seal(ringA, 'kubeconfig', aad);

    const ringB = KeyRing.parse(`${newLine}\n${oldLine}\n`);
    assert.equal(ringB.primary.id, 'k2030');
    assert.equal(openText(ringB, sealed, aad), 'kubeconfig');
    assert.equal(needsRewrap(ringB, sealed), true);
    assert.equal(needsRewrap(ringA, sealed), false);
    assert.equal(needsRewrap(ringB, seal(ringB, 'new', aad)), false);

    const rewrapped = rewrap(ringB, sealed, aad);
    assert.equal(sealedKeyId(rewrapped), 'k2030');
    assert.equal(needsRewrap(ringB, rewrapped), false);
    assert.deepEqual(rewrapped.split('.').slice(4), sealed.split('.').slice(4), 'the data ciphertext changed');
    assert.notEqual(rewrapped.split('.')[2], sealed.split('.')[2]);

    const onlyB = KeyRing.parse(newLine);
    assert.equal(openText(onlyB, rewrapped, aad), 'kubeconfig');
    assert.throws(() => open(onlyB, sealed, aad), /sealed with key k2029/);

    assert.equal(rewrap(ringB, rewrapped, aad), rewrapped, 'a value on the primary is left as it is');
    assert.throws(() => rewrap(ringB, sealed, 'elsewhere'), undecryptable);
  });
});
