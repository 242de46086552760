import { Environment } from '@marcbachmann/cel-js';
import { SlipwayError } from '../errors/slipway-error.ts';

/** Longest expression accepted, in characters: policies are one-liners, not programs. */
export const celMaxExpressionLength = 4096;

/**
 * Parse-time bounds (cel-js `limits`). The library has no runtime cost budget, so these bound the
 * work instead: with at most 500 AST nodes, depth 32 and no user functions, an evaluation is a
 * walk of a small tree whose only loops are macros over the context's own lists.
 */
const limits = { maxAstNodes: 500, maxDepth: 32, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 16 };

/** The variables every Slipway expression may use (docs/cel.md has the reference). */
export const celVariables = ['workload', 'objects', 'environment', 'service', 'facts'] as const;
export type CelVariable = (typeof celVariables)[number];

function slipwayEnvironment(): Environment {
  const env = new Environment({ limits, homogeneousAggregateLiterals: false });
  env.registerVariable('workload', 'map', { description: 'The Score workload as written' });
  env.registerVariable('objects', 'list', { description: 'The Kubernetes objects rendered for the release' });
  env.registerVariable('environment', 'map', { description: 'Target environment: name, type, labels' });
  // dyn, not map: it is null when the service is not in the catalog, and a map is never null.
  env.registerVariable('service', 'dyn', { description: 'Catalog entity of the service (metadata, spec) or null' });
  env.registerVariable('facts', 'map', { description: 'What Slipway knows about the service' });
  return env;
}

/** One shared, immutable environment: registering variables is the only setup and it is done once. */
const environment = slipwayEnvironment();

/** A type-checked expression ready to evaluate against a context. */
export interface CelProgram {
  source: string;
  /** The static result type found by the checker, e.g. `bool` or `dyn`. */
  type: string;
  evaluate(context: Record<string, unknown>): CelResult;
}

/** A runtime error is a value, never a throw: callers decide what a failed expression means. */
export type CelResult = { ok: true; value: unknown } | { ok: false; error: string };

export type CelCompileResult = { ok: true; program: CelProgram } | { ok: false; error: SlipwayError };

export interface CelCompileOptions {
  /** JSON Pointer of the field holding the expression, e.g. `/policies/3/expression`. */
  pointer: string;
  /** Static types the result may have; `dyn` always passes (checked again at evaluation). */
  resultTypes?: readonly string[];
}

/** Parses and type-checks `source` against the Slipway environment. Never throws. */
export function compileCel(source: string, options: CelCompileOptions): CelCompileResult {
  if (source.length > celMaxExpressionLength) {
    return invalid(
      options.pointer,
      `expression is ${source.length} characters, the limit is ${celMaxExpressionLength}`,
    );
  }
  if (source.trim() === '') return invalid(options.pointer, 'expression is empty');
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = environment.parse(source);
  } catch (error) {
    return invalid(options.pointer, describe(source, error));
  }
  const checked = parsed.check();
  if (!checked.valid) return invalid(options.pointer, describe(source, checked.error));
  const type = String(checked.type);
  if (options.resultTypes && !typeAllowed(type, options.resultTypes)) {
    return invalid(options.pointer, `1:1: expression has type ${type}, expected ${options.resultTypes.join(' or ')}`);
  }
  return { ok: true, program: { source, type, evaluate: (context) => run(parsed, context) } };
}

/** `map` allows `map<string, string>`; `dyn` is only known at evaluation and is checked there. */
function typeAllowed(type: string, allowed: readonly string[]): boolean {
  return type === 'dyn' || allowed.some((t) => type === t || type.startsWith(`${t}<`));
}

function run(parsed: ReturnType<Environment['parse']>, context: Record<string, unknown>): CelResult {
  try {
    return { ok: true, value: parsed(context) };
  } catch (error) {
    return { ok: false, error: firstLine(error) };
  }
}

function invalid(pointer: string, message: string): CelCompileResult {
  return {
    ok: false,
    error: new SlipwayError('invalid_input', `invalid CEL expression: ${message}`, {
      fields: [{ path: pointer, message }],
      hint: 'See docs/cel.md for the expression language and the variables it can use.',
    }),
  };
}

/** `line:column: message`, from the offset the library puts on the offending node. */
function describe(source: string, error: unknown): string {
  const node = (error as { node?: { pos?: number } } | undefined)?.node;
  const offset = typeof node?.pos === 'number' ? node.pos : 0;
  const before = source.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `${line}:${column}: ${firstLine(error)}`;
}

/** The library appends a source excerpt with a caret after a blank line; the position says it better. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
