import { findInputProblem, type InputProblem, maxNestingDepth, SlipwayError } from '@slipway/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body's text as it arrived, in scopes that check a signature over it (`keepRawJson`). */
    rawBody?: string;
  }
}

/**
 * Every JSON body is read here, once, before any hook, validator or handler sees it: parsed,
 * then walked without recursion to refuse what later code must never meet. Nesting deeper
 * than `maxNestingDepth` would overflow the stack of recursive code (Ajv's validators, our
 * own walkers, renderers) and answer 500; a `__proto__` key (or a `constructor` holding a
 * `prototype`) could change how objects behave when code copies or merges the body. Both are
 * a 400 that names the limit or the key, and where it is.
 *
 * Replaces Fastify's default JSON parser (secure-json-parse), which refuses the same keys but
 * only as "not valid JSON", and has no limit on depth. Scopes that keep the raw bytes (signed
 * webhooks) replace it again and call `parseJsonBody` themselves once the signature is checked.
 */
export function installJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

/**
 * For signed webhooks: the body is kept as the text that was signed and not parsed, so nothing
 * is read before the signature is verified; the handler then calls `parseJsonBody`. Call in the
 * webhook's own scope (a plugin), where it replaces the parser above.
 */
export function keepRawJson(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    (request as FastifyRequest).rawBody = body as string;
    done(null, body);
  });
}

/** Parses a JSON request body under the rules above; throws `invalid_input` naming the problem. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) {
    throw new SlipwayError('invalid_input', 'The request body is empty; send a JSON document', {
      fields: [{ path: '', message: 'must not be empty' }],
    });
  }
  let value: unknown;
  try {
    // V8's JSON.parse is not recursive: any depth parses, and the walk below refuses it.
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw invalidJson(error as Error);
  }
  const problem = findInputProblem(value, { maxDepth: maxNestingDepth, prototypeKeys: true });
  if (problem) throw inputRefusal(problem);
  return value;
}

/** A body that does not parse, with where it breaks and nothing more (see `jsonErrorPlace`). */
export function invalidJson(error: Error): SlipwayError {
  return new SlipwayError('invalid_input', `The request body is not valid JSON${jsonErrorPlace(error.message)}`, {
    fields: [{ path: '', message: 'must be valid JSON' }],
  });
}

/**
 * Where a JSON body breaks, and nothing more: V8's messages quote the text around the mistake,
 * which may be a password or a secret value, and this message is both answered and logged.
 */
function jsonErrorPlace(message: string): string {
  const position = /position (\d+)/.exec(message)?.[1];
  return position === undefined ? '' : ` (at character ${position})`;
}

const parts = { body: 'The request body', query: 'The query string', path: 'The path' } as const;

/** The answer to a problem `findInputProblem` found in one part of a request, naming where. */
export function inputRefusal(problem: InputProblem, part: keyof typeof parts = 'body'): SlipwayError {
  const { path } = problem;
  const where = part === 'body' ? {} : { in: part };
  switch (problem.kind) {
    case 'too-deep':
      return new SlipwayError(
        'invalid_input',
        `${parts[part]} is nested deeper than ${maxNestingDepth} levels of objects and arrays`,
        {
          fields: [{ path, message: `is nested deeper than the limit of ${maxNestingDepth} levels`, ...where }],
          hint: `Slipway reads request bodies nested at most ${maxNestingDepth} levels deep; see "Limits" in docs/api-reference.md.`,
        },
      );
    case 'prototype-key': {
      const what = problem.key === '__proto__' ? '__proto__' : 'constructor holding a prototype';
      return new SlipwayError('invalid_input', `${parts[part]} has a key named ${what} at ${path}, which is refused`, {
        fields: [{ path, message: `a key named ${what} is refused`, ...where }],
        hint: 'Such keys can change how objects behave on the server (prototype pollution); rename the key.',
      });
    }
    case 'nul':
      // PostgreSQL text cannot hold NUL characters: refused up front rather than a 500 in a query.
      return new SlipwayError('invalid_input', `The request is not valid: ${path || part} contains a NUL character`, {
        fields: [{ path, message: 'must not contain NUL characters', in: part }],
      });
  }
}
