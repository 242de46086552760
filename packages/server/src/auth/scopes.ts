/**
 * What a token may do. `read` covers safe methods; `write` is needed for any change.
 * Roles and bindings (who may do what, where) come on top of scopes, not instead of them.
 */
export const tokenScopes = ['read', 'write'] as const;
export type TokenScope = (typeof tokenScopes)[number];

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `readOnly`: a route that changes nothing though its method is unsafe (a query sent as POST). */
export function scopeNeeded(method: string, readOnly = false): TokenScope {
  return readOnly || safeMethods.has(method.toUpperCase()) ? 'read' : 'write';
}
