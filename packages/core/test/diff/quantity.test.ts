import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuantity, quantitiesEqual } from '../../src/diff/quantity.ts';

describe('quantities', () => {
  it('equates the forms the API server treats as equal', () => {
    for (const [a, b] of [
      [0.5, '500m'],
      ['0.5', '500m'],
      ['1Gi', '1024Mi'],
      ['1Gi', 1073741824],
      ['1k', '1000'],
      ['1e3', '1k'],
      ['1E', '1000P'],
      [2, '2000m'],
      ['.5', '500m'],
      ['100u', '100000n'],
    ] as const) {
      assert.ok(quantitiesEqual(a, b), `${a} == ${b}`);
    }
  });

  it('tells different quantities apart', () => {
    assert.ok(!quantitiesEqual('1Gi', '1G'));
    assert.ok(!quantitiesEqual('500m', '0.6'));
    assert.ok(!quantitiesEqual('1Mi', 'abc'));
  });

  it('rejects text that is not a quantity', () => {
    for (const v of ['', 'abc', '1.2.3', '1Xi', '.', null, undefined, Number.NaN, {}]) {
      assert.equal(parseQuantity(v), undefined, String(v));
    }
  });
});
