import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  achievedLevel,
  type CelContext,
  compileScorecard,
  evaluateScorecard,
  isLevelDrop,
  SlipwayError,
} from '../../src/index.ts';
import { cartEntity, productionContext } from '../cel/fixtures.ts';

const shipped = (name: string) =>
  parse(readFileSync(new URL(`../../../../scorecards/${name}.yaml`, import.meta.url), 'utf8'));

const card = {
  name: 'basics',
  levels: ['bronze', 'silver', 'gold'],
  rules: [
    { id: 'owned', level: 'bronze', expression: 'facts.owner != null', remedy: 'Set an owner' },
    { id: 'docs', level: 'silver', weight: 3, expression: 'facts.docsPresent', remedy: 'Write docs' },
    { id: 'verified', level: 'gold', expression: 'facts.verification.status == "passed"', remedy: 'Verify' },
  ],
};

const withFacts = (facts: Partial<CelContext['facts']>): CelContext => {
  const context = productionContext();
  return { ...context, facts: { ...context.facts, ...facts } };
};

describe('compileScorecard', () => {
  it('accepts the shipped examples', () => {
    assert.equal(compileScorecard(shipped('production-readiness')).programs.length, 8);
    assert.equal(compileScorecard(shipped('documentation')).programs.length, 6);
  });

  it('fills defaults: title from the name or id, weight 1', () => {
    const { spec } = compileScorecard(card);
    assert.equal(spec.title, 'basics');
    assert.equal(spec.rules[0]?.title, 'owned');
    assert.equal(spec.rules[0]?.weight, 1);
  });

  it('lists every problem at its JSON Pointer, CEL errors with line:column', () => {
    const bad = {
      name: 'Bad Name',
      levels: ['bronze', 'bronze'],
      rules: [
        { id: 'a', level: 'platinum', expression: 'facts.owner != null' },
        { id: 'a', level: 'bronze', weight: 0, expression: 'facts.owner ==\n  && true' },
        { id: 'c', level: 'bronze', expression: 'facts.owner' },
        { id: 'd', level: 'bronze', expression: '1 + "x"' },
      ],
    };
    const error = captured(() => compileScorecard(bad));
    const paths = (error.fields ?? []).map((f) => f.path);
    assert.deepEqual(paths, [
      '/name',
      '/levels/1',
      '/rules/0/level',
      '/rules/1/id',
      '/rules/1/weight',
      '/rules/1/expression',
      '/rules/3/expression',
    ]);
    const syntax = error.fields?.find((f) => f.path === '/rules/1/expression');
    assert.match(syntax?.message ?? '', /^2:\d+: /);
    const types = error.fields?.find((f) => f.path === '/rules/3/expression');
    assert.match(types?.message ?? '', /^1:\d+: .*no such overload/i);
  });

  it('refuses what is not a scorecard at all', () => {
    assert.deepEqual(captured(() => compileScorecard('nope')).fields?.[0]?.path, '');
    assert.deepEqual(
      captured(() => compileScorecard({ name: 'x', levels: ['a'], rules: [] })).fields?.[0]?.path,
      '/rules',
    );
  });
});

describe('evaluateScorecard', () => {
  const compiled = compileScorecard(card);

  it('reaches the highest level whose rules and all lower ones pass; scores by weight', () => {
    const outcome = evaluateScorecard(compiled, withFacts({ docsPresent: true, verification: null }));
    assert.deepEqual(
      outcome.rules.map((r) => r.status),
      ['pass', 'pass', 'error'],
    );
    assert.equal(outcome.level, 'silver');
    assert.equal(outcome.score, 80);
  });

  it('counts a runtime error as failed, with its message, and never throws', () => {
    const outcome = evaluateScorecard(compiled, withFacts({ verification: null }));
    const verified = outcome.rules.find((r) => r.id === 'verified');
    assert.equal(verified?.status, 'error');
    assert.match(verified?.message ?? '', /.+/);
    assert.equal(verified?.remedy, 'Verify');
  });

  it('a higher level passing does not count while a lower one fails', () => {
    const outcome = evaluateScorecard(compiled, withFacts({ owner: null, docsPresent: true }));
    assert.deepEqual(
      outcome.rules.map((r) => r.status),
      ['fail', 'pass', 'pass'],
    );
    assert.equal(outcome.level, null);
    assert.equal(outcome.score, 80);
  });

  it('a dyn expression returning a non-bool is an error, not a pass', () => {
    const odd = compileScorecard({
      name: 'odd',
      levels: ['one'],
      rules: [
        {
          id: 'r',
          level: 'one',
          expression: 'facts.dora.changeFailureRate == facts.owner ? true : service.metadata.name == "web"',
        },
      ],
    });
    assert.equal(evaluateScorecard(odd, productionContext()).rules[0]?.status, 'pass');
    const dyn = compileScorecard({
      name: 'dyn',
      levels: ['one'],
      rules: [{ id: 'r', level: 'one', expression: 'service.spec.owner' }],
    });
    assert.ok(dyn.programs[0]?.type === 'dyn');
    const rule = evaluateScorecard(dyn, productionContext()).rules[0];
    assert.equal(rule?.status, 'error');
    assert.equal(rule?.message, 'expression returned string, expected bool');
  });

  it('the documentation example: bronze without docs, silver with them', () => {
    const docs = compileScorecard(shipped('documentation'));
    const described = { ...cartEntity, metadata: { name: 'web', description: 'The shop front' } };
    const before = evaluateScorecard(docs, { ...withFacts({ docsPresent: false }), service: described });
    assert.equal(before.level, 'bronze');
    const after = evaluateScorecard(docs, { ...withFacts({ docsPresent: true }), service: described });
    assert.equal(after.level, 'silver');
    assert.ok(after.score > before.score);
  });

  it('the production-readiness example over a compliant production release', () => {
    const prod = compileScorecard(shipped('production-readiness'));
    const context = withFacts({ daysSinceLastDeploy: 4 } as never);
    const outcome = evaluateScorecard(prod, context);
    const failed = outcome.rules.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.message ?? r.status}`);
    assert.deepEqual(failed, []);
    assert.equal(outcome.level, 'gold');
    assert.equal(outcome.score, 100);
  });
});

describe('levels', () => {
  it('achievedLevel and isLevelDrop order levels as listed, no level below all', () => {
    const levels = ['bronze', 'silver', 'gold'];
    assert.equal(achievedLevel(levels, []), 'gold');
    assert.equal(isLevelDrop(levels, 'silver', 'bronze'), true);
    assert.equal(isLevelDrop(levels, 'bronze', null), true);
    assert.equal(isLevelDrop(levels, null, 'bronze'), false);
    assert.equal(isLevelDrop(levels, 'gold', 'gold'), false);
  });
});

function captured(fn: () => unknown): SlipwayError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SlipwayError);
    assert.equal(error.code, 'invalid_input');
    return error;
  }
  assert.fail('expected a SlipwayError');
}
