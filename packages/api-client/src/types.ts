/**
 * Names for the parts of the generated API types a client reads most: the component schemas,
 * and the JSON answer, request body and query of an operation, by path and method. They only
 * point into `schema.d.ts`; no shape is written out here.
 */
import type { components, paths } from './schema.d.ts';

export type Schemas = components['schemas'];

/** The HTTP methods the document's path items hold. */
type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body of an operation's success answer (200, 201 or 202; or the one `S` names). */
export type Answer<P extends keyof paths, M extends Method, S extends number = 200 | 201 | 202> =
  Operation<P, M> extends { responses: infer R } ? Json<R[keyof R & S]> : never;

/** The JSON request body an operation takes. */
export type RequestBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters an operation takes. */
export type Query<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
