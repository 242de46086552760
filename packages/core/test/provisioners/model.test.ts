import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlipwayError } from '../../src/errors/index.ts';
import { builtinProvisioners } from '../../src/provisioners/builtin/index.ts';
import { parseProvisioners, validateProvisioner, validateProvisioners } from '../../src/provisioners/model.ts';

function issues(fn: () => unknown): Array<{ path: string; message: string }> {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SlipwayError, String(error));
    assert.equal(error.code, 'invalid_input');
    return error.fields ?? [];
  }
  assert.fail('expected a validation error');
}

const valid = `
- id: shared-postgres
  kind: static
  description: The team's managed database
  match: { type: postgres, environmentType: production }
  outputs:
    host: db.internal
    port: 5432
    password: s3cret
  secretOutputs: [password]
- id: big-pg
  kind: helm
  match: { type: postgres, class: large }
  chart: { path: charts/postgres }
  values:
    auth: { database: "{{ .resource.slug }}" }
  outputs: { host: "{{ .release.name }}" }
- id: queue
  kind: template
  match: { type: queue, class: default, id: orders }
  params:
    type: object
    properties: { size: { type: integer, default: 1 } }
  init: { name: "{{ dnsLabel .resource.slug }}" }
  outputs: { name: "{{ .init.name }}" }
  manifests:
    - apiVersion: v1
      kind: ConfigMap
      metadata: { name: "{{ .init.name }}" }
      data: { size: "{{ .resource.params.size }}" }
`;

describe('provisioner documents', () => {
  it('parses a valid YAML list of all three kinds', () => {
    const list = parseProvisioners(valid);
    assert.deepEqual(
      list.map((p) => [p.id, p.kind]),
      [
        ['shared-postgres', 'static'],
        ['big-pg', 'helm'],
        ['queue', 'template'],
      ],
    );
  });

  it('accepts every built-in provisioner', () => {
    assert.doesNotThrow(() => validateProvisioners(structuredClone([...builtinProvisioners])));
  });

  it('points at each wrong field by JSON Pointer, with its line', () => {
    const found = issues(() =>
      parseProvisioners(`
- id: a
  kind: template
  match: { class: x }
  outputs: { host: "{{ .resource.params.host" }
  manifests:
    - kind: ConfigMap
      metadata: {}
  extra: 1
- id: a
  kind: magic
  match: { type: t }
- id: c
  kind: static
  match: { type: t }
  outputs: { a: 1 }
  secretOutputs: [a, b]
  params: { type: nonsense }
- id: d
  kind: helm
  match: { type: t }
  chart: { path: x, repo: https://charts.example.com }
`),
    );
    const byPath = Object.fromEntries(found.map((f) => [f.path, f.message]));
    assert.match(byPath['/0/match/type'] ?? '', /^is required \(line 4\)$/);
    assert.match(byPath['/0/extra'] ?? '', /^is not a known field \(line 9\)$/);
    assert.match(byPath['/0/manifests/0/apiVersion'] ?? '', /is required/);
    assert.match(byPath['/0/manifests/0/metadata/name'] ?? '', /is required \(line 8\)/);
    assert.match(byPath['/1/kind'] ?? '', /must be one of: template, helm, static \(line 11\)/);
    assert.match(byPath['/1/id'] ?? '', /"a" is already the id of provisioner \/0/);
    assert.match(byPath['/2/secretOutputs/1'] ?? '', /names "b", which is not one of the outputs/);
    assert.match(byPath['/2/params'] ?? '', /is not a valid JSON Schema/);
    assert.match(byPath['/3/chart'] ?? '', /either path, or repo, name and version/);
  });

  it('reports template syntax errors where the template is, before any deploy', () => {
    const found = issues(() =>
      validateProvisioners([
        { id: 'x', kind: 'static', match: { type: 't' }, outputs: { a: { 'b/c': ['ok', '{{ .x'] } } },
      ]),
    );
    assert.deepEqual(
      found.map((f) => f.path),
      ['/0/outputs/a/b~1c/1'],
    );
    assert.match(found[0]?.message ?? '', /^template has an unclosed "{{"/);
  });

  it('reports YAML syntax errors and documents that are not lists', () => {
    assert.throws(() => parseProvisioners('- id: [unclosed'), /not valid YAML \(line 1\)/);
    const bomb = [
      '- id: x',
      '  kind: static',
      '  match: { type: t }',
      '  outputs:',
      '    a: &a [l, l, l, l, l, l, l, l, l]',
    ];
    for (const [k, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
    ]) {
      bomb.push(`    ${k}: &${k} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    assert.deepEqual(
      issues(() => parseProvisioners(bomb.join('\n'))),
      [
        {
          path: '',
          message: 'it uses YAML aliases more than 100 times, which Slipway does not expand (an alias explosion)',
        },
      ],
    );
    assert.deepEqual(
      issues(() => parseProvisioners('id: x')),
      [{ path: '', message: 'must be a list of provisioners' }],
    );
  });

  it('validates one provisioner under a given pointer', () => {
    const found = issues(() => validateProvisioner({ id: 'x', kind: 'static', match: { type: 't' } }, '/provisioner'));
    assert.deepEqual(found, [{ path: '/provisioner/outputs', message: 'is required' }]);
  });
});
