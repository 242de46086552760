import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CatalogEntity } from '../../src/catalog/types.ts';
import { SlipwayError } from '../../src/errors/index.ts';
import {
  missingParameters,
  parseScaffolderTemplate,
  redactParameters,
  validateParameters,
} from '../../src/templates/template.ts';

const entity: CatalogEntity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'svc', title: 'A service' },
  spec: {
    type: 'service',
    parameters: [
      { title: 'Basics', required: ['name'], properties: { name: { type: 'string', pattern: '^[a-z]+$' } } },
      {
        title: 'More',
        required: ['token'],
        properties: { replicas: { type: 'integer', default: 2 }, token: { type: 'string', 'ui:widget': 'password' } },
      },
    ],
    steps: [{ id: 'fetch', action: 'fetch:template', input: { url: './skeleton' } }, { action: 'debug:log' }],
    output: { links: [{ title: 'Repo', url: '${{ steps.publish.output.remoteUrl }}' }] },
  },
};

describe('template definitions', () => {
  it('merges parameter pages into one schema', () => {
    const t = parseScaffolderTemplate(entity);
    assert.equal(t.title, 'A service');
    assert.deepEqual((t.parameters as { required: string[] }).required, ['name', 'token']);
    assert.deepEqual(Object.keys((t.parameters as { properties: object }).properties), ['name', 'replicas', 'token']);
    assert.deepEqual(t.secretParameters, ['token']);
    assert.deepEqual(
      t.steps.map((s) => s.id),
      ['fetch', 'step-2'],
    );
    assert.equal(t.output.links.length, 1);
  });

  it('validates parameters, filling defaults, with /parameters paths', () => {
    const t = parseScaffolderTemplate(entity);
    assert.deepEqual(validateParameters(t, { name: 'web', token: 's' }), { name: 'web', token: 's', replicas: 2 });
    assert.throws(
      () => validateParameters(t, { name: 'Web!' }),
      (e: unknown) =>
        e instanceof SlipwayError &&
        e.fields?.some((f) => f.path === '/parameters/name') === true &&
        e.fields?.some((f) => f.path === '/parameters/token' && f.message === 'is required') === true,
    );
    assert.deepEqual(missingParameters(t, { name: 'x' }), ['token']);
    assert.deepEqual(redactParameters(t, { name: 'x', token: 's' }), { name: 'x', token: '***' });
  });

  it('refuses a template without steps or with duplicate step ids', () => {
    assert.throws(() => parseScaffolderTemplate({ ...entity, spec: { type: 'x' } }), /not valid/);
    assert.throws(
      () =>
        parseScaffolderTemplate({
          ...entity,
          spec: {
            type: 'x',
            steps: [
              { id: 'a', action: 'debug:log' },
              { id: 'a', action: 'debug:log' },
            ],
          },
        }),
      (e: unknown) => e instanceof SlipwayError && e.fields?.[0]?.path === '/spec/steps/1/id',
    );
  });
});
