import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlipwayError } from '../../src/errors/index.ts';
import { evaluateExpression } from '../../src/templates/expression.ts';
import { renderString, renderText, renderValue } from '../../src/templates/render.ts';

const context = {
  parameters: { name: 'web', replicas: 3, repoUrl: 'github.com?owner=acme&repo=web', 'odd-key': 'x', on: true },
  steps: { publish: { output: { remoteUrl: 'file:///srv/web.git' } } },
  user: { entity: { metadata: { name: 'ada' } } },
};

function refused(source: string, pattern: RegExp) {
  assert.throws(
    () => renderString(source, context),
    (error: unknown) => error instanceof SlipwayError && error.code === 'invalid_input' && pattern.test(error.message),
  );
}

describe('template expressions', () => {
  it('reads property paths, bracket keys and step outputs', () => {
    assert.equal(evaluateExpression('parameters.name', context), 'web');
    assert.equal(evaluateExpression("parameters['odd-key']", context), 'x');
    assert.equal(evaluateExpression("steps['publish'].output.remoteUrl", context), 'file:///srv/web.git');
    assert.equal(evaluateExpression('user.entity.metadata.name', context), 'ada');
    assert.equal(evaluateExpression('parameters.missing.deeper', context), undefined);
  });

  it('keeps the type of a whole-value expression and stringifies embedded ones', () => {
    assert.equal(renderString('${{ parameters.replicas }}', context), 3);
    assert.equal(renderString('n=${{ parameters.replicas }}', context), 'n=3');
    assert.deepEqual(renderValue({ a: ['${{ parameters.on }}'] }, context), { a: [true] });
  });

  it('applies allow-listed filters', () => {
    assert.deepEqual(evaluateExpression('parameters.repoUrl | parseRepoUrl', context), {
      host: 'github.com',
      owner: 'acme',
      repo: 'web',
    });
    assert.equal(evaluateExpression("parameters.repoUrl | parseRepoUrl | pick('owner')", context), 'acme');
    assert.equal(evaluateExpression('parameters.repoUrl | projectSlug', context), 'acme/web');
    assert.equal(evaluateExpression("'git@github.com:acme/api.git' | projectSlug", context), 'acme/api');
    assert.equal(evaluateExpression("parameters.name | upper | replace('W', 'V')", context), 'VEB');
    assert.equal(evaluateExpression("parameters.nope | default('none')", context), 'none');
    assert.equal(evaluateExpression('parameters.on | dump', context), 'true');
  });

  it('compares and combines conditions', () => {
    assert.equal(evaluateExpression("parameters.name == 'web' and parameters.replicas == 3", context), true);
    assert.equal(evaluateExpression("not parameters.on or parameters.name != 'web'", context), false);
    assert.equal(evaluateExpression('!parameters.missing', context), true);
  });

  it('refuses code: function calls, constructors and prototypes', () => {
    refused("${{ parameters.constructor.constructor('return process')() }}", /"constructor" cannot be accessed/);
    refused('${{ parameters.__proto__ }}', /"__proto__" cannot be accessed/);
    refused("${{ parameters['constructor'] }}", /cannot be accessed/);
    refused('${{ parameters.name.prototype }}', /cannot be accessed/);
    refused('${{ parameters.name.toString() }}', /function calls are not allowed/);
    refused('${{ process.env }}x${{ x() }}', /function calls are not allowed/);
    refused("${{ parameters | pick('constructor') }}", /cannot be picked/);
    refused('${{ parameters.name | eval }}', /not a known filter/);
    refused('${{ parameters.name; 1 }}', /unexpected character/);
    refused('${{ `x` }}', /unexpected character/);
  });

  it('sees nothing but the context it is given', () => {
    assert.equal(renderText('[${{ process }}][${{ globalThis }}][${{ require }}]', context), '[][][]');
  });

  it('reads no inherited property of plain objects', () => {
    assert.equal(evaluateExpression('parameters.toString', context), undefined);
    assert.equal(evaluateExpression('parameters.hasOwnProperty', context), undefined);
    assert.equal(evaluateExpression('parameters.name.length', context), 3);
  });
});
