/**
 * Renders the OpenAPI document as the Markdown API reference in docs/api-reference.md, so
 * the reference is generated from the same schemas that validate requests and never drifts;
 * its error-code table comes from core's catalogue of codes.
 */

import { errorCodesMarkdown } from './error-codes-markdown.ts';
import { curlExample } from './openapi-curl.ts';

type Json = Record<string, unknown>;
interface Operation {
  summary?: string;
  description?: string;
  operationId?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Json }>;
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { description?: string }>;
}

export function openApiToMarkdown(doc: Json): string {
  const info = doc.info as { title: string; version: string; description?: string };
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const lines = [
    `# ${info.title} reference`,
    '',
    `Version ${info.version}. Generated from \`openapi.json\` by \`npm run openapi\`; do not edit by hand.`,
    '',
    info.description ?? '',
    '',
    'Authenticated routes take `Authorization: Bearer <token>`. Tokens with only the `read` scope',
    'may call GET routes; every change needs `write`.',
    '',
    'Each operation ends with a `curl` example made from its schema. They expect the server and a',
    'token in two variables, the ones the CLI reads too (`slipway token create` makes a token):',
    '',
    '```sh',
    'export SLIPWAY_SERVER=http://127.0.0.1:7420 SLIPWAY_TOKEN="$(cat .slipway/initial-admin-token)"',
    '```',
    '',
    ...errorCodesMarkdown(),
  ];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) lines.push(...operation(method, path, op, doc));
  }
  return `${lines
    .join('\n')
    .replaceAll(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** Who may call: anyone, a token holder, or (webhooks) whoever signs the body with the shared secret. */
function access(op: Operation): string {
  if (!Array.isArray(op.security)) return 'needs a token';
  if (op.security.length === 0) return 'public';
  const schemes = op.security.flatMap((s) => Object.keys(s as Json));
  if (schemes.length > 0 && schemes.every((s) => s === 'webhookSignature'))
    return 'no token: signed with `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the webhook secret)';
  return 'needs a token';
}

function operation(method: string, path: string, op: Operation, doc: Json): string[] {
  const out = [`## \`${method.toUpperCase()} ${path}\``, '', op.summary ?? '', ''];
  if (op.description) out.push(op.description, '');
  out.push(`Operation \`${op.operationId ?? '-'}\` · ${access(op)}`, '');
  if (op.parameters?.length) {
    out.push('| parameter | in | required | type |', '|---|---|---|---|');
    for (const p of op.parameters)
      out.push(`| \`${p.name}\` | ${p.in} | ${p.required ? 'yes' : 'no'} | ${typeOf(p.schema)} |`);
    out.push('');
  }
  const body = op.requestBody?.content?.['application/json']?.schema;
  if (body) out.push('Request body (JSON):', '', ...fieldTable(body), '');
  const responses = Object.entries(op.responses ?? {}).map(([code, r]) => `\`${code}\` ${r.description ?? ''}`.trim());
  if (responses.length) out.push(`Responses: ${responses.join(' · ')}`, '');
  out.push(...curlExample(method, path, op, doc, { token: access(op) === 'needs a token' }), '');
  return out;
}

function fieldTable(schema: Json): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = ['| field | required | type | rules |', '|---|---|---|---|'];
  for (const [name, s] of Object.entries(properties)) {
    rows.push(`| \`${name}\` | ${required.has(name) ? 'yes' : 'no'} | ${typeOf(s)} | ${rules(s)} |`);
  }
  return rows;
}

function typeOf(schema: Json | undefined): string {
  if (!schema) return '';
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (variants) return variants.map(typeOf).join(' \\| ');
  if ('const' in schema) return `\`${String(schema.const)}\``;
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (schema.type === 'array') return `array of ${typeOf(schema.items as Json)}`;
  return [schema.type, schema.format].filter(Boolean).join(' ');
}

function rules(schema: Json): string {
  const keys = ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'pattern', 'default'];
  return keys
    .filter((k) => schema[k] !== undefined)
    .map((k) => `${k} \`${JSON.stringify(schema[k])}\``)
    .join(', ');
}
