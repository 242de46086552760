import { findInputProblem, invalidInput, maxNestingDepth } from '@slipway/core';
import type { EntityFilter } from './filter.ts';

/**
 * A page cursor carries the whole query (filter, search, order) and where the next page
 * starts, as Backstage's do: a client sends only the cursor to move on, and a cursor never
 * mixes with a changed filter. Opaque to clients: base64url JSON.
 */
export interface CursorState {
  filter: EntityFilter;
  text?: FullTextFilter;
  order: OrderField[];
  offset: number;
  /** The last entity of the page before, in the default order (by name): the next page starts after it. */
  after?: { name: string; ref: string } | undefined;
  /** The total counted on the first page, so later pages need not count again. */
  totalItems?: number | undefined;
}

export interface FullTextFilter {
  term: string;
  /** Fields to match as substrings; left out, the entity's full-text index. */
  fields?: string[];
}

export interface OrderField {
  field: string;
  order: 'asc' | 'desc';
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorState {
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
    if (
      // A cursor is query text anyone can write: as deep as a request body may be, no deeper.
      findInputProblem(state, { maxDepth: maxNestingDepth, prototypeKeys: true }) === null &&
      Array.isArray(state.filter) &&
      Array.isArray(state.order) &&
      Number.isInteger(state.offset) &&
      state.offset >= 0 &&
      (state.totalItems === undefined || (Number.isSafeInteger(state.totalItems) && state.totalItems >= 0)) &&
      (state.after === undefined || (typeof state.after?.name === 'string' && typeof state.after?.ref === 'string'))
    ) {
      return state;
    }
  } catch {
    // Falls through to the error below: a cursor is only ever one we handed out.
  }
  throw invalidInput('The cursor is not one this server handed out', [
    { path: '/cursor', message: 'pass back nextCursor or prevCursor as given', in: 'query' },
  ]);
}
