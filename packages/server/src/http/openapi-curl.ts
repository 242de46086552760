/**
 * A copy-paste `curl` call for each operation of the OpenAPI document, for the API reference:
 * the method, the path, the token header and a request body made from the schema itself (its
 * required fields, each with the schema's own example, default or first allowed value), so the
 * example follows the API when a route changes. Where the schema gives no value, a plain one is
 * picked by the field's name or the resource the path names; the API reference's test checks
 * every example against the schema it was made from.
 */

type Json = Record<string, unknown>;

export interface CurlOperation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Json }>;
  requestBody?: { content?: Record<string, { schema?: Json }> };
}

/** Values of fields and path parameters by name, where the schema has no example of its own. */
const byName: Record<string, unknown> = {
  username: 'ana',
  password: 'a long pass phrase',
  currentPassword: 'the old pass phrase',
  newPassword: 'a new long pass phrase',
  displayName: 'Ana Lima',
  'teams:displayName': 'Payments',
  'users:disabled': true,
  email: 'ana@example.com',
  service: 'shop',
  environment: 'dev',
  from: 'dev',
  to: 'staging',
  owner: 'payments',
  team: 'payments',
  image: 'nginx:1.28',
  reason: 'launch week',
  comment: 'looks good',
  role: 'developer',
  value: 's3cr3t-value',
  repository: 'acme/shop',
  baseEnvironment: 'dev',
  environmentType: 'preview',
  type: 'development',
  replicas: 2,
  progressDeadlineSeconds: 600,
  startsAt: '2030-06-01T09:00:00.000Z',
  endsAt: '2030-06-03T18:00:00.000Z',
  'subject.name': 'ana',
  'scope.team': 'payments',
  'scope.service': 'shop',
  kubeconfig: '<the kubeconfig, as text>',
  target: 'https://github.com/acme/shop/blob/main/catalog-info.yaml',
  entityRefs: ['component:default/shop'],
  parameters: { name: 'orders', owner: 'payments' },
  workload: {
    apiVersion: 'score.dev/v1b1',
    metadata: { name: 'shop' },
    containers: { web: { image: 'nginx:1.27' } },
  },
  q: 'runbook',
  facet: 'kind',
};

/** Path parameters only (a body's `namespace` is a Kubernetes one, left to its default). */
const pathParams: Record<string, string> = { kind: 'component', namespace: 'default', '*': 'index.html' };

/** What `name` (in a path or a body) means under each collection of the path. */
const nameUnder: Record<string, string> = {
  environments: 'dev',
  'environment-types': 'production',
  clusters: 'edge',
  teams: 'payments',
  services: 'shop',
  secrets: 'DB_PASSWORD',
  freezes: 'release-week',
  'preview-sources': 'shop-prs',
  templates: 'node-service',
  tokens: 'ci',
  users: 'ana',
  // POST /environments/{name}/clone: the new environment's name.
  clone: 'demo',
  entities: 'shop',
  'by-name': 'shop',
};

const exampleUuid = '0b7f6a2e-3c1d-4e5f-8a9b-1c2d3e4f5a6b';

/** The example's lines (a fenced `sh` block). `token` adds the Authorization header. */
export function curlExample(
  method: string,
  path: string,
  op: CurlOperation,
  doc: Json,
  options: { token: boolean },
): string[] {
  const context: Context = { doc, resource: resourceOf(path) };
  const url = `$SLIPWAY_SERVER${fillPath(path, op, context)}${queryOf(op, context)}`;
  const args = [`curl${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} "${url}"`];
  if (options.token) args.push('-H "Authorization: Bearer $SLIPWAY_TOKEN"');
  for (const p of op.parameters ?? []) {
    if (p.in === 'header' && p.required)
      args.push(`-H '${p.name}: ${String(valueFor(p.name, p.schema ?? {}, context))}'`);
  }
  const body = exampleBody(op, context);
  if (body !== undefined) args.push("-H 'Content-Type: application/json'", `-d '${shellQuoted(JSON.stringify(body))}'`);
  return ['```sh', args.join(' \\\n  '), '```'];
}

/** The request body an example sends, or undefined when the operation takes none (exported for its test). */
export function exampleBody(op: CurlOperation, context: Context): unknown {
  const schema = op.requestBody?.content?.['application/json']?.schema;
  if (!schema) return undefined;
  return exampleOf(schema, context, '', true);
}

/** The path with each `{param}` replaced by an example value (exported for its test). */
export function fillPath(path: string, op: CurlOperation, context: Context): string {
  return path.replaceAll(/\{([^}]+)\}/g, (_, name: string) => {
    const schema = op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema ?? {};
    const value = pathParams[name] ?? valueFor(name, schema, { ...context, resource: resourceBefore(path, name) });
    return encodeURIComponent(String(value));
  });
}

export interface Context {
  doc: Json;
  /** The collection the path is about, e.g. `teams` in /api/v1/teams/{name}/members/{username}. */
  resource: string | undefined;
}

function queryOf(op: CurlOperation, context: Context): string {
  const required = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
  const pairs = required.flatMap((p) => {
    const value = exampleOf(p.schema ?? {}, context, p.name);
    // An array is sent as the parameter repeated, the way the server reads it.
    return (Array.isArray(value) ? value : [value]).map((v) => `${p.name}=${encodeURIComponent(String(v))}`);
  });
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/**
 * An example of a schema at `key` (a dotted path such as `subject.name`): the schema's own
 * example, else a named value that fits it, else its default or first allowed value, else one
 * built from its shape — an object with its required properties (at the top of a body also the
 * optional ones with a named value, or its first one, so a PATCH shows a change), an array of one.
 */
function exampleOf(schema: Json, context: Context, key: string, top = false): unknown {
  const resolved = deref(schema, context.doc);
  const own = ownExample(resolved);
  if (own !== undefined) return own;
  const named = namedValue(key, resolved, context);
  if (named !== undefined) return named;
  if (resolved.default !== undefined) return resolved.default;
  const variants = (resolved.anyOf ?? resolved.oneOf) as Json[] | undefined;
  if (variants) {
    const first = variants.find((v) => deref(v, context.doc).type !== 'null') ?? variants[0] ?? {};
    return exampleOf(first, context, key, top);
  }
  if (resolved.type === 'object' || resolved.properties) return objectExample(resolved, context, key, top);
  if (resolved.type === 'array') return [exampleOf((resolved.items as Json | undefined) ?? {}, context, key)];
  return valueFor(key, resolved, context);
}

function objectExample(schema: Json, context: Context, key: string, top: boolean): Json {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = (schema.required as string[] | undefined) ?? [];
  const at = (n: string) => (key === '' ? n : `${key}.${n}`);
  const named = (n: string) => namedValue(at(n), properties[n] ?? {}, context) !== undefined;
  let names = required;
  if (top && required.length > 0)
    names = [...required, ...Object.keys(properties).filter((n) => !required.includes(n) && named(n))];
  if (top && required.length === 0) {
    // A body of optional fields only (a PATCH): one change, the one named for this resource if any.
    const own = Object.keys(properties).find((n) => `${context.resource}:${n}` in byName);
    names = [own ?? Object.keys(properties).find(named) ?? Object.keys(properties)[0]].filter((n) => n !== undefined);
  }
  return Object.fromEntries(names.map((n) => [n, exampleOf(properties[n] ?? {}, context, at(n))]));
}

/** A value for a scalar: the schema's own, then by name, then by format, then by type. */
function valueFor(key: string, schema: Json, context: Context): unknown {
  const own = ownExample(schema) ?? namedValue(key, schema, context) ?? schema.default;
  if (own !== undefined) return own;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (schema.format === 'uuid' || key === 'id' || key.endsWith('Id')) return exampleUuid;
  if (schema.format === 'date-time') return '2030-06-01T09:00:00.000Z';
  if (schema.format === 'uri') return 'https://github.com/acme/shop';
  if (schema.type === 'integer' || schema.type === 'number') return (schema.minimum as number | undefined) ?? 1;
  if (schema.type === 'boolean') return true;
  return 'example';
}

/**
 * The value named for `key` when it fits the schema: a top-level `name` by the resource, then
 * `RESOURCE:key`, the full dotted key and its last part.
 */
function namedValue(key: string, schema: Json, context: Context): unknown {
  const last = key.split('.').at(-1) ?? key;
  const candidates = [
    key === 'name' && context.resource ? nameUnder[context.resource] : undefined,
    byName[`${context.resource}:${key}`],
    byName[key],
    byName[last],
  ];
  return candidates.find((value) => value !== undefined && fits(value, schema, context.doc));
}

/** Whether a value has the schema's type (or one of its variants'); patterns are left to the test. */
function fits(value: unknown, schema: Json, doc: Json): boolean {
  const s = deref(schema, doc);
  const variants = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (variants) return variants.some((v) => fits(value, v, doc));
  if (Array.isArray(s.enum)) return s.enum.includes(value);
  if ('const' in s) return s.const === value;
  if (s.type === undefined) return true;
  if (s.type === 'integer') return Number.isInteger(value);
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  return s.type === type;
}

function ownExample(schema: Json): unknown {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  return schema.example ?? schema.const;
}

function deref(schema: Json, doc: Json): Json {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) node = (node as Json | undefined)?.[part];
  return deref((node as Json | undefined) ?? {}, doc);
}

/** The last collection named in a path (skipping placeholders and verbs such as clone). */
function resourceOf(path: string): string | undefined {
  return path
    .split('/')
    .filter((s) => s in nameUnder)
    .at(-1);
}

/** The collection just before `{param}` in a path, e.g. `teams` for {name} in /teams/{name}/members. */
function resourceBefore(path: string, param: string): string | undefined {
  return resourceOf(path.slice(0, path.indexOf(`{${param}}`)));
}

function shellQuoted(text: string): string {
  return text.replaceAll("'", "'\\''");
}
