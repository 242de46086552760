import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CatalogEntity } from '../../src/catalog/types.ts';
import { SlipwayError } from '../../src/errors/index.ts';
import { evaluateExpression } from '../../src/templates/expression.ts';
import { RenderBudget, templateLimits, tooDeep } from '../../src/templates/limits.ts';
import { renderText, renderValue } from '../../src/templates/render.ts';
import { renderSkeleton } from '../../src/templates/skeleton.ts';
import { parseScaffolderTemplate, validateParameters } from '../../src/templates/template.ts';

const MiB = 1024 * 1024;

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

describe('template limits: sizes', () => {
  it('refuses a replace whose result would pass expressionResult, naming the limit, before making it', () => {
    // Each replace multiplies by 10: 1, 10, 100, … the seventh would make 10,000,000 characters.
    const chain = Array.from({ length: 8 }, () => "replace('x', 'xxxxxxxxxx')").join(' | ');
    refused(
      () => evaluateExpression(`'x' | ${chain}`, {}),
      /its replace filter would make 10,000,000 characters: the limit is 1 MiB \(expressionResult\)$/,
    );
    // An empty `what` inserts between every character: counted too.
    refused(
      () => evaluateExpression("parameters.s | replace('', parameters.s)", { parameters: { s: 'y'.repeat(2000) } }),
      /would make 4,004,000 characters: the limit is 1 MiB/,
    );
    assert.equal(evaluateExpression("'abc' | replace('', '-')", {}), '-a-b-c-');
    assert.equal(evaluateExpression("'a.b.c' | replace('.', '')", {}), 'abc');
  });

  it('refuses upper, lower and dump results past expressionResult', () => {
    const context = { parameters: { big: 'b'.repeat(MiB + 1), list: Array.from({ length: 600_000 }, () => 1) } };
    refused(
      () => evaluateExpression('parameters.big | upper', context),
      /upper filter would make 1,048,577 characters/,
    );
    refused(() => evaluateExpression('parameters.list | dump', context), /dump filter would make 1,200,001 characters/);
  });

  it('takes every result from one budget: a run cannot make big strings one after another', () => {
    const budget = new RenderBudget(25_000);
    const context = { parameters: { s: 'z'.repeat(10_000) } };
    renderText('${{ parameters.s | upper }}', context, budget);
    renderText('${{ parameters.s | upper }}', context, budget);
    refused(
      () => renderText('${{ parameters.s | upper }}', context, budget),
      /produce more text than one run may: the limit is 25,000 bytes \(expressionWork\)/,
    );
    assert.equal(new RenderBudget().limit, templateLimits.expressionWork);
  });

  it('refuses a rendered text past renderedText, each expression within its own limit', () => {
    const context = { parameters: { mib: 'm'.repeat(MiB) } };
    const five = '${{ parameters.mib }}'.repeat(5);
    refused(
      () => renderText(five, context),
      /A template text renders to more text than allowed: the limit is 4 MiB \(renderedText\)/,
    );
    refused(
      () => renderValue({ a: five.slice(0, 21 * 3), b: five.slice(0, 21 * 2) }, context),
      /A step's input renders/,
    );
    assert.equal(renderText('${{ parameters.mib }}'.repeat(4), context).length, 4 * MiB);
  });

  it('names the skeleton file whose rendering passes a limit', () => {
    const files = [{ path: 'docs/huge.md', content: new TextEncoder().encode('${{ values.mib }}'.repeat(5)) }];
    refused(
      () => renderSkeleton(files, { mib: 'm'.repeat(MiB) }),
      /^Skeleton file docs\/huge\.md renders to more text/,
    );
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

  it('refuses, without overflowing the stack, values and expressions nested too deep', () => {
    refused(() => renderValue(nested(100_000), {}), /nests deeper than 64 levels, the limit \(specDepth\)/);
    refused(
      () => evaluateExpression(`${'('.repeat(40)}1${')'.repeat(40)}`, {}),
      /nests deeper than 32 levels \(expressionNesting\)/,
    );
    refused(() => evaluateExpression(`${'!'.repeat(1500)}x`, {}), /expressionNesting/);
    refused(() => evaluateExpression(`${'x | default('.repeat(40)}1${')'.repeat(40)}`, {}), /expressionNesting/);
    refused(
      () => evaluateExpression('parameters.a | dump', { parameters: { a: nested(100_000) } }),
      /nests deeper than 96 levels/,
    );
    assert.equal(evaluateExpression(`${'('.repeat(20)}1${')'.repeat(20)}`, {}), 1);
  });

  it('measures depth without recursion', () => {
    assert.equal(tooDeep(nested(1_000_000), 3)?.length, 3);
    assert.equal(tooDeep({ a: [1, { b: 2 }] }, 3), null);
    assert.deepEqual(tooDeep({ a: [1, { b: {} }] }, 3), ['a', '1', 'b']);
  });
});
