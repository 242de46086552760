import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findInputProblem, maxNestingDepth } from '../../src/index.ts';

const nested = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);

describe('findInputProblem', () => {
  it('walks any depth without recursion, stopping at the first container past the limit', () => {
    assert.deepEqual(findInputProblem(nested(1_000_000), { maxDepth: maxNestingDepth }), {
      kind: 'too-deep',
      path: '/0'.repeat(maxNestingDepth),
    });
    assert.equal(findInputProblem(nested(maxNestingDepth), { maxDepth: maxNestingDepth }), null);
    assert.equal(findInputProblem(nested(1_000), {}), null, 'no limit asked, none applied');
  });

  it('reports the first problem in document order, with its JSON Pointer', () => {
    const value = JSON.parse('{"a":{"b/c":"ok","d":["x\\u0000"]},"e~":"\\u0000"}');
    assert.deepEqual(findInputProblem(value, { nul: true }), { kind: 'nul', path: '/a/d/0' });
    assert.deepEqual(findInputProblem({ 'k\u0000': 1 }, { nul: true }), { kind: 'nul', path: '/k\u0000' });
    assert.deepEqual(findInputProblem(JSON.parse('{"x/y":{"e~":"\\u0000"}}'), { nul: true }), {
      kind: 'nul',
      path: '/x~1y/e~0',
    });
  });

  it('finds prototype keys only when asked, and constructor only when it holds a prototype', () => {
    const proto = JSON.parse('{"list":[{"__proto__":{"admin":true}}]}');
    assert.deepEqual(findInputProblem(proto, { prototypeKeys: true }), {
      kind: 'prototype-key',
      key: '__proto__',
      path: '/list/0/__proto__',
    });
    assert.equal(findInputProblem(proto, {}), null);
    const ctor = JSON.parse('{"constructor":{"prototype":{}}}');
    assert.equal(findInputProblem(ctor, { prototypeKeys: true })?.path, '/constructor');
    assert.equal(findInputProblem({ constructor: 'a variable' }, { prototypeKeys: true }), null);
  });
});
