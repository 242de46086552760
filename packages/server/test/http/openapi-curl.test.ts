/**
 * The curl examples of the API reference: one per operation, each sending what the operation's
 * own schema accepts (its body, path and query parameters, checked with Ajv as the server
 * checks them), and current in docs/api-reference.md.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { type CurlOperation, curlExample } from '../../src/http/openapi-curl.ts';

type Json = Record<string, unknown>;
const root = new URL('../../../../', import.meta.url);
const doc = JSON.parse(readFileSync(new URL('openapi.json', root), 'utf8')) as Json;
const reference = readFileSync(new URL('docs/api-reference.md', root), 'utf8');
const paths = doc.paths as Record<string, Record<string, CurlOperation & { security?: unknown[] }>>;
const operations = Object.entries(paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ method, path, op })),
);

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat('date-time', (text: string) => /^\d{4}-\d\d-\d\dT/.test(text) && !Number.isNaN(Date.parse(text)));
ajv.addSchema({ components: doc.components }, 'doc');

/** The schema with its `#/components/...` references pointed at the document added above. */
const rooted = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema ?? {}).replaceAll('"$ref":"#/', '"$ref":"doc#/'));

interface Sent {
  url: URL;
  body: unknown;
  token: boolean;
}

/** What an example sends, read back from its shell text. */
function sent(lines: string[]): Sent {
  const text = lines.slice(1, -1).join('\n');
  const url = /curl (?:-X \w+ )?"\$SLIPWAY_SERVER([^"]+)"/.exec(text)?.[1];
  assert.ok(url, text);
  const data = /-d '((?:[^']|'\\'')*)'/.exec(text)?.[1];
  return {
    url: new URL(url, 'http://slipway.example'),
    body: data === undefined ? undefined : JSON.parse(data.replaceAll("'\\''", "'")),
    token: text.includes('Authorization: Bearer $SLIPWAY_TOKEN'),
  };
}

function check(schema: unknown, value: unknown, what: string): void {
  const validate = ajv.compile(rooted(schema) as Json);
  assert.ok(validate(value), `${what} ${JSON.stringify(value)}: ${ajv.errorsText(validate.errors)}`);
}

describe('the curl examples of the API reference', () => {
  it('has one per operation, each accepted by the schema it was made from', () => {
    assert.ok(operations.length > 90, 'every operation is checked');
    for (const { method, path, op } of operations) {
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      const example = sent(curlExample(method, path, op, doc, { token: !isPublic }));
      const name = `${method.toUpperCase()} ${path}:`;
      assert.equal(example.token, !isPublic, `${name} the token header`);
      const pattern = new RegExp(`^${path.replaceAll(/\{[^}]+\}/g, '([^/]+)')}$`);
      const values = pattern.exec(example.url.pathname)?.slice(1);
      assert.ok(values, `${name} the path ${example.url.pathname}`);
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      for (const [i, p] of pathParams.entries()) {
        check(p.schema, decodeURIComponent(values[i] ?? ''), `${name} path parameter ${p.name}`);
      }
      for (const p of (op.parameters ?? []).filter((q) => q.in === 'query' && q.required)) {
        const all = example.url.searchParams.getAll(p.name);
        check(p.schema, p.schema?.type === 'array' ? all : all[0], `${name} query parameter ${p.name}`);
      }
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      if (bodySchema) check(bodySchema, example.body, `${name} body`);
      else assert.equal(example.body, undefined, `${name} sends no body`);
    }
  });

  it('sends the admin calls a person needs to make a user and give them a role', () => {
    const users = sent(curlExample('post', '/api/v1/users', paths['/api/v1/users']?.post ?? {}, doc, { token: true }));
    assert.deepEqual(Object.keys(users.body as Json), ['username', 'displayName', 'email', 'password']);
    const patch = paths['/api/v1/users/{username}']?.patch ?? {};
    assert.deepEqual(sent(curlExample('patch', '/api/v1/users/{username}', patch, doc, { token: true })).body, {
      disabled: true,
    });
  });

  it('is current in docs/api-reference.md (else run `npm run openapi`)', () => {
    const op = paths['/api/v1/role-bindings']?.post ?? {};
    assert.ok(reference.includes(curlExample('post', '/api/v1/role-bindings', op, doc, { token: true }).join('\n')));
  });
});
