import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@slipway/core';
import { KeyRing } from '../../src/crypto/keyring.ts';
import { openReleaseSecrets, sealReleaseSecrets } from '../../src/crypto/release-secrets.ts';

const ring = KeyRing.parse(KeyRing.generate('test'));
const objects: KubeObject[] = [
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'dev' }, data: { password: 'c2VjcmV0LXB3' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'dev' }, data: { a: 'b' } },
];

describe('secrets in stored releases', () => {
  it('seals every Secret value and opens it back exactly; other objects stay readable', () => {
    const sealed = sealReleaseSecrets(ring, objects);
    assert.ok(!JSON.stringify(sealed).includes('c2VjcmV0LXB3'));
    assert.deepEqual(sealed[1], objects[1]);
    assert.deepEqual(openReleaseSecrets(ring, sealed), objects);
    assert.deepEqual(sealReleaseSecrets(ring, sealed), sealed, 'sealing twice changes nothing');
  });

  it('gives equal values equal digests, and different ones different', () => {
    const digest = (o: KubeObject[]) => String(o[0]?.data?.password).split(':')[3];
    assert.equal(digest(sealReleaseSecrets(ring, objects)), digest(sealReleaseSecrets(ring, objects)));
    const other = [{ ...objects[0], data: { password: 'b3RoZXI=' } } as KubeObject];
    assert.notEqual(digest(sealReleaseSecrets(ring, objects)), digest(sealReleaseSecrets(ring, other)));
  });

  it('binds a value to its Secret and key: moved to another, it does not open', () => {
    const sealed = sealReleaseSecrets(ring, objects);
    const moved = [{ ...sealed[0], metadata: { name: 'elsewhere', namespace: 'dev' } } as KubeObject];
    assert.throws(() => openReleaseSecrets(ring, moved), /could not be decrypted/);
  });

  it('passes plain values through (releases stored before sealing), and needs a ring for sealed ones', () => {
    assert.deepEqual(openReleaseSecrets(ring, objects), objects);
    assert.deepEqual(sealReleaseSecrets(null, objects), objects);
    assert.throws(() => openReleaseSecrets(null, sealReleaseSecrets(ring, objects)), /no key ring/);
  });
});
