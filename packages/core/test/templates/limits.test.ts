import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CatalogEntity } from '../../src/catalog/types.ts';
import { SlipwayError } from '../../src/errors/index.ts';
import { RenderBudget, templateLimits, tooDeep } from '../../src/templates/limits.ts';
import { parseScaffolderTemplate, validateParameters } from '../../src/templates/template.ts';

/** `{ a: { a: … } }`, `levels` objects deep, built without recursion. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

function refused(run: () => unknown, pattern: RegExp) {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof SlipwayError, `a SlipwayError, not ${String(error)}`);
    assert.equal(error.code, 'invalid_input');
    assert.match(error.message, pattern);
    return true;
  });
}

const template = parseScaffolderTemplate({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'deep' },
  spec: {
    type: 'service',
    parameters: { properties: { a: { type: 'object' }, name: { type: 'string' } } },
    steps: [{ action: 'debug:log' }],
  },
} as CatalogEntity);

describe('template limits: the run budget', () => {
  it('takes what renders make from one budget, refusing past expressionWork', () => {
    const budget = new RenderBudget(25_000);
    budget.spend(10_000);
    budget.spend(10_000);
    refused(
      () => budget.spend(10_000),
      /produce more text than one run may: the limit is 25,000 bytes \(expressionWork\)/,
    );
    assert.equal(new RenderBudget().limit, templateLimits.expressionWork);
  });
});

describe('template limits: depth', () => {
  it('answers invalid_input, with the path and the limit, for parameters nested past parameterDepth', () => {
    for (const levels of [templateLimits.parameterDepth, 2_000, 100_000]) {
      assert.throws(
        () => validateParameters(template, { a: nested(levels) }),
        (error: unknown) =>
          error instanceof SlipwayError &&
          error.code === 'invalid_input' &&
          error.message === 'Template parameters nest deeper than 32 levels, the limit' &&
          error.fields?.[0]?.path === `/parameters${'/a'.repeat(templateLimits.parameterDepth)}`,
        `${levels} levels`,
      );
    }
    // The parameters object is level 1: 31 more levels fit.
    assert.ok(validateParameters(template, { a: nested(templateLimits.parameterDepth - 1) }));
    assert.ok(validateParameters(template, { name: 'flat' }));
  });

  it('refuses a template whose spec nests past specDepth, before walking it', () => {
    for (const levels of [templateLimits.specDepth + 1, 50_000]) {
      assert.throws(
        () =>
          parseScaffolderTemplate({
            apiVersion: 'scaffolder.backstage.io/v1beta3',
            kind: 'Template',
            metadata: { name: 'deep' },
            spec: { type: 'x', steps: [{ action: 'debug:log', input: nested(levels) }] },
          } as CatalogEntity),
        (error: unknown) =>
          error instanceof SlipwayError &&
          /^\/spec\/steps\/0\/input(\/a)+$/.test(error.fields?.[0]?.path ?? '') &&
          error.fields?.[0]?.message === 'nests deeper than 64 levels (specDepth)',
      );
    }
  });

  it('measures depth without recursion', () => {
    assert.equal(tooDeep(nested(1_000_000), 3)?.length, 3);
    assert.equal(tooDeep({ a: [1, { b: 2 }] }, 3), null);
    assert.deepEqual(tooDeep({ a: [1, { b: {} }] }, 3), ['a', '1', 'b']);
  });
});
