import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { celMaxExpressionLength, compileCel, SlipwayError } from '../../src/index.ts';
import { productionContext } from './fixtures.ts';

const pointer = '/policies/0/expression';

function compileError(source: string): SlipwayError {
  const result = compileCel(source, { pointer });
  assert.equal(result.ok, false, source);
  if (result.ok) throw new Error('unreachable');
  return result.error;
}

describe('compileCel', () => {
  it('compiles and evaluates over the context', () => {
    const result = compileCel('workload.containers.all(c, !workload.containers[c].image.endsWith(":latest"))', {
      pointer,
    });
    assert.ok(result.ok);
    assert.equal(result.program.type, 'bool');
    assert.deepEqual(result.program.evaluate(productionContext()), { ok: true, value: true });
  });

  it('reports a syntax error with line:column and the pointer of the field', () => {
    const error = compileError('workload.metadata.name == "web" &&\n  (environment.type ==');
    assert.ok(error instanceof SlipwayError);
    assert.equal(error.code, 'invalid_input');
    assert.match(error.message, /2:23: Unexpected token: EOF/);
    assert.equal(error.fields?.[0]?.path, pointer);
  });

  it('reports a type error at the offending operator', () => {
    const error = compileError('facts.openApprovals > 0 ||\n  "a" + 1 == "a1"');
    assert.match(error.message, /2:3: no such overload: string \+ int/);
  });

  it('rejects variables the environment does not declare', () => {
    const error = compileError('release.image == "x"');
    assert.match(error.message, /1:1: Unknown variable: release/);
  });

  it('rejects a result type the caller did not ask for', () => {
    const result = compileCel('"text"', { pointer, resultTypes: ['bool'] });
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.error.message, /has type string, expected bool/);
  });

  it('bounds the expression: length and AST size', () => {
    assert.match(compileError('x'.repeat(celMaxExpressionLength + 1)).message, /limit is 4096/);
    const wide = Array.from({ length: 200 }, () => 'facts.drift').join(' || ');
    assert.ok(wide.length < celMaxExpressionLength);
    assert.match(compileError(wide).message, /AST|node/i);
  });

  it('turns a runtime error into a value, never a throw', () => {
    const result = compileCel('service.spec.missingField == "x"', { pointer });
    assert.ok(result.ok);
    const outcome = result.program.evaluate(productionContext());
    assert.equal(outcome.ok, false);
    if (!outcome.ok) assert.match(outcome.error, /No such key: missingField/);
  });
});
