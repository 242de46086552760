/**
 * A catalog template's form asks its parameters in the file's order, though the catalog keeps
 * entities as jsonb (which sorts keys shortest first): ingestion writes rjsf's `ui:order`, and
 * the API's pages and merged schema follow it. Real repository, both databases.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { orderedPropertyNames } from '@slipway/core';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml } from '../harness/git-repos.ts';
import { useTemplateApp } from './template-app.ts';

// jsonb would answer mid, zeta, alpha / url, owner, description.
const first = { zeta: { type: 'string' }, alpha: { type: 'string' }, mid: { type: 'string' } };
const second = { description: { type: 'string' }, owner: { type: 'string' }, url: { type: 'string' } };

describeEachDatabase('the order of a template’s parameters', (getDb) => {
  const t = useTemplateApp(getDb);

  it('is the file’s, page by page, in the pages and the merged schema; a written ui:order wins', async () => {
    const repo = await t.templateRepo('ordered', {
      'ordered/template.yaml': entityYaml('Template', 'ordered', {
        type: 'service',
        parameters: [
          { title: 'First', properties: first },
          { title: 'Second', properties: second, 'ui:order': ['url', '*'] },
        ],
        steps: [{ id: 'log', action: 'debug:log', input: { message: 'hi' } }],
      }),
    });
    assert.equal(repo.location.outcome.result, 'refreshed', repo.location.outcome.message);
    const res = await t.api('GET', '/templates/default/ordered');
    assert.equal(res.statusCode, 200, res.body);
    const template = res.json().template;
    assert.deepEqual(
      template.pages.map((p: { properties: string[] }) => p.properties),
      [
        ['zeta', 'alpha', 'mid'],
        ['url', 'description', 'owner'],
      ],
    );
    assert.deepEqual(Object.keys(template.parameters.properties), [
      'zeta',
      'alpha',
      'mid',
      'url',
      'description',
      'owner',
    ]);
  });
});

it('orderedPropertyNames: ui:order first, `*` for the rest where it stands, unknown names left out', () => {
  const page = (order?: unknown[]) => ({
    properties: { a: {}, b: {}, c: {}, d: {} },
    ...(order ? { 'ui:order': order } : {}),
  });
  assert.deepEqual(orderedPropertyNames(page()), ['a', 'b', 'c', 'd']);
  assert.deepEqual(orderedPropertyNames(page(['c', 'a'])), ['c', 'a', 'b', 'd']);
  assert.deepEqual(orderedPropertyNames(page(['c', '*', 'a'])), ['c', 'b', 'd', 'a']);
  assert.deepEqual(orderedPropertyNames(page(['ghost', 'd'])), ['d', 'a', 'b', 'c']);
});
