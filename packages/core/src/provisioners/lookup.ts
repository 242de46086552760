/**
 * How a template reads its context: `.a.b.c` in an action, and the `index` function. Both the
 * renderer and the function table use it, so it has a file of its own that imports neither.
 */
import { TemplateError } from './template-error.ts';

/** Names that would reach JavaScript internals through a property lookup. */
const forbiddenKeys = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Reads `.a.b.c` from the context. Only own properties of plain data are visible, so
 * `.constructor` or `.__proto__` reach nothing; an unknown top-level name is an error, a missing
 * nested field is "no value" (params are often optional).
 */
export function lookup(root: unknown, segments: readonly string[], source: string): unknown {
  let current: unknown = root;
  for (const [i, key] of segments.entries()) {
    if (forbiddenKeys.has(key)) throw new TemplateError(`cannot read "${source}": "${key}" is not accessible`);
    if (current === undefined || current === null) return undefined;
    if (Array.isArray(current)) {
      // Lists are read by position only (`index .list 0`): never `length` or another member.
      if (!/^\d+$/.test(key)) throw new TemplateError(`cannot read "${source}": a list is read by position`);
      current = current[Number(key)];
      continue;
    }
    if (typeof current !== 'object') {
      throw new TemplateError(`cannot read "${source}": "${segments.slice(0, i).join('.')}" has no fields`);
    }
    if (!Object.hasOwn(current, key)) {
      if (i === 0) throw unknownRoot(key, root);
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function unknownRoot(key: string, root: unknown): TemplateError {
  const known = Object.keys(root as object).map((k) => `.${k}`);
  return new TemplateError(`".${key}" is not part of the template context (it has ${known.join(', ')})`);
}
