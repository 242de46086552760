/** The Slipway API's one typed client, shared by the CLI and the portal. */

export type { Middleware } from 'openapi-fetch';
export { type ApiClient, type ApiClientOptions, call, createApiClient, fieldProblem } from './client.ts';
export { errorFromAnswer } from './errors.ts';
export { allPages } from './pages.ts';
export type { components, operations, paths } from './schema.d.ts';
export type { Answer, Query, RequestBody, Schemas } from './types.ts';
