import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../src/kube/object.ts';
import {
  comparableSecrets,
  isSealedValue,
  mapSecretValues,
  sealedParts,
  sealedValue,
} from '../../src/secrets/sealed-values.ts';

const secret: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'dev' },
  data: { password: 'cGFzcw==' },
  stringData: { user: 'app' },
};
const config: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'dev' },
  data: { a: 'b' },
};

describe('sealed Secret values', () => {
  it('maps every value of a Secret, with where it belongs, and nothing else', () => {
    const seen: string[] = [];
    const out = mapSecretValues([secret, config], (value, ref) => {
      seen.push(`${ref.namespace}/${ref.name}/${ref.field}/${ref.key}=${value}`);
      return value.toUpperCase();
    });
    assert.deepEqual(seen, ['dev/db/data/password=cGFzcw==', 'dev/db/stringData/user=app']);
    assert.deepEqual(out[0]?.data, { password: 'CGFZCW==' });
    assert.deepEqual(out[1], config, 'a ConfigMap is untouched');
    assert.deepEqual(secret.data, { password: 'cGFzcw==' }, 'the input is not changed');
  });

  it('reads its parts back, and compares by digest only', () => {
    const value = sealedValue('0123abcd', 'v1.k.aaa.bbb.ccc.ddd');
    assert.ok(isSealedValue(value));
    assert.deepEqual(sealedParts(value), { digest: '0123abcd', envelope: 'v1.k.aaa.bbb.ccc.ddd' });
    assert.equal(sealedParts('plain'), undefined);
    const a = { ...secret, data: { password: sealedValue('d1', 'v1.one') }, stringData: undefined };
    const b = { ...secret, data: { password: sealedValue('d1', 'v1.two') }, stringData: undefined };
    assert.deepEqual(comparableSecrets([a]), comparableSecrets([b]));
    assert.equal(comparableSecrets([a])[0]?.data?.password, 'sealed:d1');
  });
});
