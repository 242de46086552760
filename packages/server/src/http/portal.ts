/**
 * Serves the web portal (the React app Vite builds into packages/web/dist) from the API's own
 * origin, so the browser signs in with the same session cookie and no CORS is needed.
 * Hashed assets are cached for a year; index.html never is, so a new build shows at once.
 * Any GET for a page path the API does not own (e.g. /services/checkout) gets index.html and
 * the app's router takes it from there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The portal's page (index.html, read once: it is small and changes only with a new build). */
export interface PortalPage {
  html: string;
}

const defaultDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Paths that belong to the API and its tools: a miss there stays a JSON 404. */
const apiPaths = /^\/(api|docs|openapi\.json|healthz|readyz|metrics)(\/|$|\?)/;

/** The built portal in `configured` (or the default folder), or null when it was not built. */
export function findPortal(configured: string | undefined): { dir: string; page: PortalPage } | null {
  const dir = configured ?? defaultDir;
  const index = join(dir, 'index.html');
  return existsSync(index) ? { dir, page: { html: readFileSync(index, 'utf8') } } : null;
}

/** Serves the build's files (assets, icons) as public, undocumented routes. */
export async function installPortal(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), public: true };
      route.schema = { ...route.schema, hide: true };
    });
    await scope.register(fastifyStatic, {
      root: dir,
      wildcard: false,
      index: false,
      setHeaders: (reply, path) => {
        const immutable = path.includes(`${join(dir, 'assets')}/`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  });
}

/** True when a request that matched no route should get the portal's page instead of a 404. */
export function wantsPortalPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (apiPaths.test(request.url)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

export function sendPortalPage(reply: FastifyReply, page: PortalPage): FastifyReply {
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page.html);
}
