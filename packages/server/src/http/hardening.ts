import rateLimit from '@fastify/rate-limit';
import { findInputProblem, SlipwayError } from '@slipway/core';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { inputRefusal } from './json-body.ts';
import { databaseRateLimits } from './rate-limit-store.ts';

/**
 * Defences every response gets: security headers (a strict Content-Security-Policy that the
 * API explorer still works under, no sniffing, no framing, HSTS), and rate limits that routes
 * opt into where guessing or flooding pays off (creating tokens, signing in, webhooks). The
 * limits are counted in the database, so replicas behind one Service share them.
 */
export async function installHardening(app: FastifyInstance): Promise<void> {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  const limits = databaseRateLimits(app.deps.database.db, app.deps.platform.now, app.log);
  app.addHook('onClose', async () => limits.close());
  await app.register(rateLimit, {
    global: false,
    store: limits.Store,
    // Per caller: the token's user when signed in, else the address.
    keyGenerator: (request) => request.principal?.userId ?? request.ip,
    errorResponseBuilder: (_request, context) =>
      // `after` is what is left of the window, not its length: say when, not "N in 57 seconds".
      new SlipwayError(
        'rate_limited',
        `Too many requests: the limit of ${context.max} in this time window is used up`,
        {
          hint: `Try again in ${context.after}.`,
        },
      ),
  });
  // PostgreSQL text cannot hold NUL characters: refuse them up front, naming the field,
  // rather than failing with a 500 deep inside a query. Only parts a route validates count.
  // The walk is iterative; JSON bodies are also limited in depth when parsed (json-body.ts).
  app.addHook('preValidation', async (request) => {
    const schema = request.routeOptions.schema;
    const parts = [
      ['body', request.body],
      ['query', schema?.querystring ? request.query : undefined],
      ['path', schema?.params ? request.params : undefined],
    ] as const;
    for (const [part, value] of parts) {
      const problem = findInputProblem(value, { nul: true });
      if (problem) throw inputRefusal(problem, part);
    }
  });
}

/** Route config for the endpoints worth limiting: a few per minute is plenty for a person. */
export const strictLimit = (app: FastifyInstance) => ({
  rateLimit: { max: app.deps.config.server.rateLimits.tokensPerMinute, timeWindow: '1 minute' },
});
/** Webhooks come in bursts (a push to many pull requests), yet never in thousands. */
export const webhookLimit = (app: FastifyInstance) => ({
  rateLimit: { max: app.deps.config.server.rateLimits.webhooksPerMinute, timeWindow: '1 minute' },
});

/**
 * The headers helmet sets, worked out once: with no nonces they are the same on every answer,
 * and @fastify/helmet built helmet's middleware (the policy string among it) again for every
 * request. helmet runs here against a response that only records; it also removes
 * X-Powered-By, which Fastify never sends.
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: () => {},
  };
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Swagger UI sets styles inline; nothing else needs to.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  middleware({} as never, recorder as never, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}
