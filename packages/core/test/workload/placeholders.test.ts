// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Score placeholders are written ${...} in plain strings
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  expandDeep,
  expandPlaceholders,
  type PlaceholderContext,
  type ResolvedResource,
  resourceReference,
} from '../../src/index.ts';

const resource = (name: string, outputs: Record<string, unknown>, secretOutputs: string[] = []): ResolvedResource => ({
  name,
  type: 'postgres',
  class: 'default',
  id: `web.${name}`,
  provisioner: 'test',
  outputs,
  secretOutputs,
  manifests: [],
  shared: false,
});

const ctx: PlaceholderContext = {
  metadata: { name: 'web', annotations: { 'slipway.dev/team': 'payments', owner: 'ana' }, other: { key: 'v' } },
  resources: {
    db: resource('db', { host: 'db.internal', port: 5432, password: 'pw', tls: { ca: 'CA', key: 'KEY' } }, [
      'password',
      'tls.key',
    ]),
    dns: resource('dns', { host: 'web.example.test' }),
  },
};

const at = ['containers', 'web', 'variables', 'X'];
const expand = (text: string) => expandPlaceholders(text, ctx, at);

describe('placeholders', () => {
  it('reads metadata, annotations (dots and all) and nested keys', () => {
    assert.equal(expand('${metadata.name}-${metadata.other.key}').value, 'web-v');
    assert.equal(expand('${metadata.annotations.owner}').value, 'ana');
    assert.equal(expand('${metadata.annotations.slipway.dev/team}').value, 'payments');
    assert.equal(expand('${metadata.annotations.slipway\\.dev/team}').value, 'payments');
  });

  it('reads resource outputs, numbers as text, nested outputs, and the resource id', () => {
    const r = expand('postgres://${resources.db.host}:${resources.db.port}/');
    assert.deepEqual(r, { value: 'postgres://db.internal:5432/', secret: false, issues: [] });
    assert.equal(expand('${resources.db.tls.ca}').value, 'CA');
    assert.equal(expand('${resources.db}').value, 'web.db');
  });

  it('marks values that read secret outputs', () => {
    assert.equal(expand('${resources.db.password}').secret, true);
    assert.equal(expand('user:${resources.db.password}@${resources.db.host}').secret, true);
    assert.equal(expand('${resources.db.tls.key}').secret, true);
    assert.equal(expand('${resources.db.tls}').secret, true, 'a map holding a secret is secret');
    assert.equal(expand('${resources.db.tls.ca}').secret, false);
    assert.equal(expand('${resources.db.host}').secret, false);
  });

  it('takes $$ as the escape: $${x} is the literal ${x}', () => {
    assert.equal(expand('echo $${FRIEND} costs $$5 and $HOME').value, 'echo ${FRIEND} costs $5 and $HOME');
    assert.equal(expand('$$${metadata.name}').value, '$web');
    assert.equal(expand('trailing $').value, 'trailing $');
  });

  it('names the field, the resource and the resources that exist for an unknown resource', () => {
    const { issues } = expand('${resources.cache.host}');
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.path, '/containers/web/variables/X');
    assert.match(issues[0]?.message ?? '', /resource "cache".*its resources are: db, dns/);
  });

  it('names the missing output and the outputs that exist', () => {
    const [issue] = expand('${resources.db.pasword}').issues;
    assert.match(
      issue?.message ?? '',
      /output "pasword" of resource "db", which does not exist; it has: host, password, port, tls/,
    );
    const [nested] = expand('${resources.db.tls.cert}').issues;
    assert.match(nested?.message ?? '', /key "cert" of "tls" of resource "db".*it has: ca, key/);
    const [scalar] = expand('${resources.db.host.name}').issues;
    assert.match(scalar?.message ?? '', /single value/);
  });

  it('reports unknown metadata, unknown roots and unclosed placeholders, and all of them', () => {
    const { issues } = expand('${metadata.nope} ${secrets.x} ${resources} ${metadata.name');
    assert.equal(issues.length, 4);
    assert.match(
      issues[0]?.message ?? '',
      /key "nope" of metadata, which does not exist; it has: annotations, name, other/,
    );
    assert.match(issues[1]?.message ?? '', /not a placeholder Slipway knows/);
    assert.match(issues[2]?.message ?? '', /must name a resource/);
    assert.match(issues[3]?.message ?? '', /never closed/);
  });

  it('says so when the workload has no resources', () => {
    const [issue] = expandPlaceholders('${resources.db.host}', { metadata: {}, resources: {} }, at).issues;
    assert.match(issue?.message ?? '', /declares no resources/);
  });

  it('expands nested params and points at each field', () => {
    const params = { host: '${resources.dns.host}', paths: ['/${metadata.name}'], port: 80, bad: '${resources.x.y}' };
    const r = expandDeep(params, ctx, ['resources', 'route', 'params']);
    assert.deepEqual(r.value, { host: 'web.example.test', paths: ['/web'], port: 80, bad: '' });
    assert.deepEqual(
      r.issues.map((i) => i.path),
      ['/resources/route/params/bad'],
    );
  });

  it('recognises a bare resource reference', () => {
    assert.equal(resourceReference('${resources.data}'), 'data');
    assert.equal(resourceReference('${resources.data.source}'), undefined);
    assert.equal(resourceReference('data'), undefined);
  });
});
