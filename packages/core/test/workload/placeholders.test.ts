// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Score placeholders are written ${...} in plain strings
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  expandDeep,
  expandPlaceholders,
  type PlaceholderContext,
  type ResolvedResource,
  resourceReference,
  secretNameProblem,
  secretValueMaxBytes,
  secretValueProblem,
  withoutSecrets,
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
    const { issues } = expand('${metadata.nope} ${config.x} ${resources} ${metadata.name');
    assert.equal(issues.length, 4);
    assert.match(
      issues[0]?.message ?? '',
      /key "nope" of metadata, which does not exist; it has: annotations, name, other/,
    );
    assert.match(issues[1]?.message ?? '', /not a placeholder Slipway knows.*secrets\.NAME/);
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

describe('secret variable placeholders', () => {
  const withSecrets: PlaceholderContext = {
    ...ctx,
    secrets: { DB_PASSWORD: 'hunter2', API_KEY: 'k-123' },
    secretScope: { service: 'shop', environment: 'dev' },
  };
  const expandS = (text: string) => expandPlaceholders(text, withSecrets, at);

  it('reads a secret variable and marks the value secret', () => {
    assert.deepEqual(expandS('${secrets.DB_PASSWORD}'), { value: 'hunter2', secret: true, issues: [] });
    const mixed = expandS('postgres://app:${secrets.DB_PASSWORD}@${resources.db.host}/');
    assert.equal(mixed.value, 'postgres://app:hunter2@db.internal/');
    assert.equal(mixed.secret, true, 'a value with any secret part is secret');
    assert.equal(expandS('$${secrets.DB_PASSWORD}').value, '${secrets.DB_PASSWORD}', 'the escape still works');
    assert.equal(expandS('$${secrets.DB_PASSWORD}').secret, false);
  });

  it('names a missing secret, the service and environment, and the command that sets it', () => {
    const [issue, ...more] = expandS('${secrets.DB_PASWORD}').issues;
    assert.equal(more.length, 0);
    assert.equal(issue?.path, '/containers/web/variables/X');
    assert.match(
      issue?.message ?? '',
      /secret variable "DB_PASWORD", which is not set for service "shop" in environment "dev"/,
    );
    assert.match(issue?.message ?? '', /the secrets set are: API_KEY, DB_PASSWORD/);
    assert.match(issue?.message ?? '', /slipway secret set shop DB_PASWORD --env dev/);
    assert.doesNotMatch(issue?.message ?? '', /hunter2|k-123/, 'never a value');
  });

  it('refuses malformed names and a bare ${secrets}', () => {
    assert.match(expandS('${secrets}').issues[0]?.message ?? '', /must name a secret variable/);
    assert.match(expandS('${secrets.1ST}').issues[0]?.message ?? '', /not start with a digit/);
    assert.match(expandS('${secrets.A.B}').issues[0]?.message ?? '', /has no dots/);
    assert.match(expandS('${secrets.has-dash}').issues[0]?.message ?? '', /letters, digits and "_"/);
  });

  it('is out of reach where values end up in plain sight', () => {
    const [issue] = expandPlaceholders('${secrets.DB_PASSWORD}', withoutSecrets(withSecrets), at).issues;
    assert.match(issue?.message ?? '', /only in container variables and file content/);
    assert.doesNotMatch(issue?.message ?? '', /hunter2/);
  });
});

describe('secret variable names and values', () => {
  it('accepts environment-variable-like names up to 128 characters', () => {
    for (const ok of ['DB_PASSWORD', '_x', 'a1', 'A'.repeat(128)]) assert.equal(secretNameProblem(ok), undefined, ok);
    for (const bad of ['', '1A', 'A-B', 'A.B', 'A B', 'É', 'A'.repeat(129)]) {
      assert.ok(secretNameProblem(bad), `${bad} is refused`);
    }
  });

  it('refuses empty values and values over 64 KiB of UTF-8, saying only the size', () => {
    assert.equal(secretValueProblem('x'), undefined);
    assert.equal(secretValueProblem('x'.repeat(secretValueMaxBytes)), undefined);
    assert.match(secretValueProblem('') ?? '', /must not be empty/);
    const big = secretValueProblem('é'.repeat(secretValueMaxBytes / 2 + 1)) ?? '';
    assert.match(big, /is 65538 bytes; the most a secret variable holds is 65536/);
    assert.doesNotMatch(big, /é/);
  });
});
