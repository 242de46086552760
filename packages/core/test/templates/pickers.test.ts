import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pickerIssues } from '../../src/templates/pickers.ts';

const schema = {
  properties: {
    name: { type: 'string', 'ui:field': 'EntityNamePicker' },
    repoUrl: { type: 'string', 'ui:field': 'RepoUrlPicker' },
    owner: { type: 'string', 'ui:field': 'OwnerPicker' },
    system: { type: 'string', 'ui:field': 'EntityPicker', 'ui:options': { catalogFilter: { kind: 'System' } } },
    deps: { type: 'array', 'ui:field': 'MultiEntityPicker' },
    plain: { type: 'string' },
  },
};

describe('form field checks, made on the server', () => {
  it('accepts what the pickers produce', () => {
    assert.deepEqual(
      pickerIssues(schema, {
        name: 'shop-web_2.0',
        repoUrl: 'github.com?owner=acme&repo=shop',
        owner: 'platform',
        system: 'payments',
        deps: ['component:default/a', 'api:b'],
        plain: 'Bad Name!',
      }),
      [],
    );
  });

  it('names each value that breaks its field’s rule, at its path', () => {
    const issues = pickerIssues(schema, {
      name: 'Bad Name!',
      repoUrl: 'github.com?owner=acme',
      owner: 'group:',
      deps: ['component:default/a', ':x'],
    });
    assert.deepEqual(
      issues.map((i) => i.path),
      ['/parameters/name', '/parameters/repoUrl', '/parameters/owner', '/parameters/deps'],
    );
    assert.match(issues[0]?.message ?? '', /Must start and end with an alphanumeric character/);
    assert.match(issues[1]?.message ?? '', /Incomplete repository location/);
    assert.equal(pickerIssues(schema, { name: 'x'.repeat(64) }).length, 1, 'at most 63 characters');
  });
});
