import type { Ajv } from 'ajv';
import type { RouteOptions } from 'fastify';

const bodySchemas = new WeakSet<object>();

/** Remembers the schemas that validate request bodies; an onRoute hook, so before any is compiled. */
export function rememberBodySchema(route: RouteOptions): void {
  const body = (route.schema as { body?: unknown } | undefined)?.body;
  if (body && typeof body === 'object') bodySchemas.add(body);
}

/**
 * Query strings and path parameters arrive as text, so their validation coerces types ("5" is
 * 5, "true" is true). A JSON body has types of its own, and coercing it would accept what the
 * OpenAPI document refuses: `"name": false` would become the name "false", a `ttlSeconds` of 0
 * (below its minimum) would become null. Body schemas are therefore compiled without coercion.
 * Given to Fastify as `ajv.onCreate`; Ajv reads the option when it compiles a schema.
 */
export function exactBodies(ajv: Ajv): void {
  const compile = ajv.compile.bind(ajv);
  ajv.compile = ((schema: object, meta?: boolean) => {
    if (!bodySchemas.has(schema)) return compile(schema, meta);
    const coerceTypes = ajv.opts.coerceTypes;
    ajv.opts.coerceTypes = false;
    try {
      return compile(schema, meta);
    } finally {
      ajv.opts.coerceTypes = coerceTypes;
    }
  }) as typeof ajv.compile;
}
