import { Type } from '@sinclair/typebox';
import { invalidInput } from '@slipway/core';

/**
 * Keyset pages for lists that grow with the company (services, environments): a page holds at
 * most `limit` items, in list order, and its `nextCursor` names the last one, so the next page
 * starts after it whatever was added or removed meanwhile. The cursor is opaque to clients
 * (base64url JSON of the last item's sort key).
 */

export const pageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  cursor: Type.Optional(
    Type.String({ maxLength: 512, description: "The previous page's `nextCursor`: the items after its last one" }),
  ),
};

export const nextCursor = Type.Optional(
  Type.String({ description: 'Present when there may be more: pass it as `cursor` for the next page' }),
);

export function encodePageCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key a cursor names; `length` strings, or a 400 naming `/cursor`. */
export function decodePageCursor(cursor: string, length: number): string[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    // No NUL: PostgreSQL text cannot hold one, and the key goes into a comparison.
    const fine = (k: unknown) => typeof k === 'string' && !k.includes('\u0000');
    if (Array.isArray(key) && key.length === length && key.every(fine)) return key;
  } catch {
    // Falls through to the error below: a cursor is only ever one this server handed out.
  }
  return badCursor();
}

/** A 400 naming `/cursor`: for a cursor that decodes but names no row this server lists. */
export function badCursor(): never {
  throw invalidInput('The cursor is not one this server handed out', [
    { path: '/cursor', message: 'pass back nextCursor as given', in: 'query' },
  ]);
}

/** `{ nextCursor }` after a full page (more may follow), naming its last row; `{}` after a short one. */
export function pageCursor<R>(rows: readonly R[], limit: number, keyOf: (row: R) => string[]): { nextCursor?: string } {
  const last = rows.at(-1);
  return rows.length >= limit && last !== undefined ? { nextCursor: encodePageCursor(keyOf(last)) } : {};
}
