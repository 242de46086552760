import { jsonPointer } from './json-pointer.ts';

/**
 * The deepest nesting of objects and arrays Slipway reads from outside: request bodies (JSON),
 * Score files in either form, webhook payloads. Nothing Slipway takes needs more than a dozen
 * levels; 64 is the default of System.Text.Json and Json.NET, so a client that serialises with
 * them never meets the limit. Code below the limit may walk input recursively without risking
 * the stack.
 */
export const maxNestingDepth = 64;

export type InputProblem =
  /** Objects and arrays are nested deeper than the limit at `path` (the first container past it). */
  | { kind: 'too-deep'; path: string }
  /** A key that could change an object's prototype when code copies or merges the value. */
  | { kind: 'prototype-key'; key: '__proto__' | 'constructor'; path: string }
  /** A string (or key) with a NUL character, which PostgreSQL text cannot hold. */
  | { kind: 'nul'; path: string };

export interface InputChecks {
  /** Refuse nesting deeper than this many objects and arrays (the top one counts as 1). */
  maxDepth?: number;
  /** Refuse `__proto__` keys, and `constructor` keys holding an object with a `prototype`. */
  prototypeKeys?: boolean;
  /** Refuse NUL characters in strings and keys. */
  nul?: boolean;
}

interface Node {
  value: unknown;
  key: string | number | undefined;
  parent: Node | undefined;
  depth: number;
}

/**
 * The first problem in a parsed value, in document order, or null. Iterative, with a stack of
 * its own, so no input is too deep for it: the one walker that runs before any recursive code
 * (Ajv, validators, renderers) gets to see the value.
 */
export function findInputProblem(value: unknown, checks: InputChecks): InputProblem | null {
  const maxDepth = checks.maxDepth ?? Number.POSITIVE_INFINITY;
  const stack: Node[] = [{ value, key: undefined, parent: undefined, depth: 0 }];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const { value: current } = node;
    if (typeof current === 'string') {
      if (checks.nul && current.includes('\u0000')) return { kind: 'nul', path: pathOf(node) };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    const depth = node.depth + 1;
    if (depth > maxDepth) return { kind: 'too-deep', path: pathOf(node) };
    const entries: Array<[string | number, unknown]> = Array.isArray(current)
      ? current.map((item, i) => [i, item])
      : Object.entries(current);
    for (const [key] of entries) {
      const problem = keyProblem(current as Record<string, unknown>, key, checks);
      if (problem) return { ...problem, path: pathOf({ value: undefined, key, parent: node, depth }) };
    }
    // Reversed onto the stack, so children are visited in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string | number, unknown];
      stack.push({ value: child, key, parent: node, depth });
    }
  }
  return null;
}

type KeyProblem = { kind: 'nul' } | { kind: 'prototype-key'; key: '__proto__' | 'constructor' };

function keyProblem(container: Record<string, unknown>, key: string | number, checks: InputChecks): KeyProblem | null {
  if (typeof key !== 'string') return null;
  if (checks.nul && key.includes('\u0000')) return { kind: 'nul' };
  if (!checks.prototypeKeys) return null;
  if (key === '__proto__') return { kind: 'prototype-key', key };
  const held = container[key];
  // As secure-json-parse (Fastify's default) decides: `constructor` is only dangerous when it
  // holds a `prototype`; a variable or label named "constructor" is ordinary data.
  if (key === 'constructor' && typeof held === 'object' && held !== null && Object.hasOwn(held, 'prototype')) {
    return { kind: 'prototype-key', key };
  }
  return null;
}

/** The JSON Pointer of a node, built only when a problem is found. */
function pathOf(node: Node): string {
  const segments: Array<string | number> = [];
  for (let at: Node | undefined = node; at?.key !== undefined; at = at.parent) segments.push(at.key);
  return jsonPointer(segments.reverse());
}
