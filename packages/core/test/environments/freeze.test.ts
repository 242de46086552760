import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeFreezes, type DeployFreeze, freezeMessage } from '../../src/index.ts';

const freeze = (over: Partial<DeployFreeze> = {}): DeployFreeze => ({
  id: 'f1',
  name: 'black-friday',
  startsAt: new Date('2026-11-26T00:00:00Z'),
  endsAt: new Date('2026-11-30T00:00:00Z'),
  mode: 'block',
  reason: 'peak traffic',
  environmentTypes: [],
  environments: [],
  ...over,
});

const prod = { environment: 'shop-prod', type: 'production' };
const during = new Date('2026-11-27T12:00:00Z');
const ids = (r: { blocking: DeployFreeze[]; warnings: DeployFreeze[] }) => ({
  blocking: r.blocking.map((f) => f.id),
  warnings: r.warnings.map((f) => f.id),
});

describe('activeFreezes: when', () => {
  const table: Array<[string, string, boolean]> = [
    ['before the start', '2026-11-25T23:59:59.999Z', false],
    ['at the start (inclusive)', '2026-11-26T00:00:00.000Z', true],
    ['inside', '2026-11-28T08:00:00.000Z', true],
    ['just before the end', '2026-11-29T23:59:59.999Z', true],
    ['at the end (exclusive)', '2026-11-30T00:00:00.000Z', false],
  ];
  for (const [title, at, holds] of table) {
    it(title, () => {
      const { blocking } = activeFreezes([freeze()], prod, new Date(at));
      assert.equal(blocking.length, holds ? 1 : 0);
    });
  }

  it('never holds when it ends before it starts, or as it starts', () => {
    const start = new Date('2026-11-26T00:00:00Z');
    const empty = [freeze({ endsAt: start }), freeze({ id: 'f2', endsAt: new Date('2026-11-01T00:00:00Z') })];
    assert.deepEqual(ids(activeFreezes(empty, prod, start)), { blocking: [], warnings: [] });
  });
});

describe('activeFreezes: where', () => {
  const table: Array<[string, Partial<DeployFreeze>, boolean]> = [
    ['everywhere when both lists are empty', {}, true],
    ['the environment is listed', { environments: ['other', 'shop-prod'] }, true],
    ['its type is listed', { environmentTypes: ['production'] }, true],
    ['either list matching is enough', { environments: ['other'], environmentTypes: ['production'] }, true],
    ['neither list names it', { environments: ['shop-staging'], environmentTypes: ['staging'] }, false],
    ['a type list alone that does not name it', { environmentTypes: ['staging'] }, false],
    ['names compare exactly', { environments: ['Shop-Prod'] }, false],
  ];
  for (const [title, over, holds] of table) {
    it(title, () => {
      assert.equal(activeFreezes([freeze(over)], prod, during).blocking.length, holds ? 1 : 0);
    });
  }
});

describe('activeFreezes: block and warn', () => {
  it('splits blocking freezes from warnings, keeping the given order', () => {
    const list = [
      freeze({ id: 'a', mode: 'warn' }),
      freeze({ id: 'b' }),
      freeze({ id: 'c', mode: 'warn', environmentTypes: ['staging'] }),
      freeze({ id: 'd', mode: 'warn', environments: ['shop-prod'] }),
      freeze({ id: 'e' }),
    ];
    assert.deepEqual(ids(activeFreezes(list, prod, during)), { blocking: ['b', 'e'], warnings: ['a', 'd'] });
  });

  it('finds nothing in an empty list', () => {
    assert.deepEqual(ids(activeFreezes([], prod, during)), { blocking: [], warnings: [] });
  });
});

describe('freezeMessage', () => {
  it('names the freeze, its end and its reason', () => {
    assert.equal(freezeMessage(freeze()), 'Deploy freeze "black-friday" until 2026-11-30T00:00:00.000Z: peak traffic');
  });

  it('leaves out an empty reason', () => {
    assert.equal(
      freezeMessage(freeze({ reason: '  ' })),
      'Deploy freeze "black-friday" until 2026-11-30T00:00:00.000Z',
    );
  });
});
