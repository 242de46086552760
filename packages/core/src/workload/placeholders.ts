import { type FieldIssue, jsonPointer } from '../errors/index.ts';
import type { ResolvedResource } from '../resources/resolved.ts';
import { secretNameProblem } from '../secrets/variables.ts';
import { canonicalJson } from './canonical.ts';
import { isRecord } from './score-schema.ts';

/**
 * Score placeholders: `${metadata.KEY…}` and `${resources.NAME[.OUTPUT…]}` in variables, file
 * content, volume sources and resource params, and `${secrets.NAME}` (Slipway's secret
 * variables) in variables and file content. `$$` is the escape (`$${x}` is the literal
 * `${x}`), as in the Score reference implementation, and `\.` keeps a dot inside a key.
 * A value that reads a secret output or a secret variable is marked secret so that it is only
 * ever put in a Secret.
 */
export interface PlaceholderContext {
  metadata: Record<string, unknown>;
  resources: Readonly<Record<string, ResolvedResource>>;
  /**
   * The secret variables in effect for the service and environment being rendered. Left out
   * where secrets must not go (resource params, routes, volume and file sources: what they
   * expand to ends up in plain objects or in error messages).
   */
  secrets?: Readonly<Record<string, string>>;
  /** Who the secrets belong to, so that a missing one can be named with the command that sets it. */
  secretScope?: { service: string; environment: string };
}

export interface Expansion {
  value: string;
  /** True when any part came from a resource's `secretOutputs` or a secret variable. */
  secret: boolean;
  issues: FieldIssue[];
}

/** The same context with secret variables out of reach (see `PlaceholderContext.secrets`). */
export function withoutSecrets(ctx: PlaceholderContext): PlaceholderContext {
  return { metadata: ctx.metadata, resources: ctx.resources };
}

type Lookup = { value: unknown; secret: boolean } | { error: string };

export function expandPlaceholders(text: string, ctx: PlaceholderContext, at: Array<string | number>): Expansion {
  const result: Expansion = { value: '', secret: false, issues: [] };
  const fail = (message: string) => result.issues.push({ path: jsonPointer(at), message });
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1 || dollar === text.length - 1) {
      result.value += text.slice(i);
      break;
    }
    result.value += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      result.value += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const close = text.indexOf('}', dollar + 2);
      if (close === -1) {
        fail(`"${text.slice(dollar)}" opens a placeholder that is never closed with "}"; write $\${ for a literal \${`);
        result.value += text.slice(dollar);
        break;
      }
      const found = resolveReference(text.slice(dollar + 2, close), ctx);
      if ('error' in found) fail(found.error);
      else {
        result.value += stringify(found.value);
        result.secret ||= found.secret;
      }
      i = close + 1;
    } else {
      result.value += '$';
      i = dollar + 1;
    }
  }
  return result;
}

/** Expands every string inside a value (resource params may be nested maps and lists). */
export function expandDeep(
  value: unknown,
  ctx: PlaceholderContext,
  at: Array<string | number>,
): { value: unknown; secret: boolean; issues: FieldIssue[] } {
  if (typeof value === 'string') return expandPlaceholders(value, ctx, at);
  const issues: FieldIssue[] = [];
  let secret = false;
  const visit = (v: unknown, p: Array<string | number>) => {
    const r = expandDeep(v, ctx, p);
    issues.push(...r.issues);
    secret ||= r.secret;
    return r.value;
  };
  if (Array.isArray(value)) return { value: value.map((v, i) => visit(v, [...at, i])), secret, issues };
  if (isRecord(value)) {
    const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, [...at, k])]));
    return { value: out, secret, issues };
  }
  return { value, secret, issues };
}

/** Splits `a.b\.c` into `a`, `b.c`. */
export function splitReference(ref: string): string[] {
  return ref
    .replaceAll('\\.', '\0')
    .split('.')
    .map((p) => p.replaceAll('\0', '.'));
}

/** The resource a value names when it is exactly `${resources.NAME}`, else undefined. */
export function resourceReference(text: string): string | undefined {
  const m = /^\$\{([^}]*)\}$/.exec(text.trim());
  const parts = m ? splitReference(m[1] as string) : [];
  return parts.length === 2 && parts[0] === 'resources' ? parts[1] : undefined;
}

export function resolveReference(ref: string, ctx: PlaceholderContext): Lookup {
  const parts = splitReference(ref);
  const [root, ...rest] = parts;
  const shown = `\${${ref}}`;
  if (root === 'metadata') {
    if (!rest.length) return { error: `${shown} must name a metadata key, e.g. \${metadata.name}` };
    const found = walk(ctx.metadata, rest);
    if ('missing' in found) return { error: `${shown} ${missingMessage('metadata', found)}` };
    return { value: found.value, secret: false };
  }
  if (root === 'resources') return resolveResource(shown, rest, ctx);
  if (root === 'secrets') return resolveSecret(shown, rest, ctx);
  return {
    error: `${shown} is not a placeholder Slipway knows: placeholders read metadata.KEY, resources.NAME.OUTPUT or secrets.NAME (write $\${ for a literal \${)`,
  };
}

function resolveSecret(shown: string, rest: string[], ctx: PlaceholderContext): Lookup {
  if (!ctx.secrets) {
    return { error: `${shown}: secret variables can be read only in container variables and file content` };
  }
  const [name, ...more] = rest;
  if (!name) return { error: `${shown} must name a secret variable, e.g. \${secrets.DB_PASSWORD}` };
  const problem = more.length ? 'has no dots' : secretNameProblem(name);
  if (problem) return { error: `${shown} does not name a secret variable: a secret variable's name ${problem}` };
  if (!Object.hasOwn(ctx.secrets, name)) return { error: `${shown} ${missingSecret(name, ctx)}` };
  return { value: ctx.secrets[name], secret: true };
}

/** Says which secret is missing where, and the command that sets it; never any value. */
function missingSecret(name: string, ctx: PlaceholderContext): string {
  const scope = ctx.secretScope;
  const where = scope ? ` for service "${scope.service}" in environment "${scope.environment}"` : '';
  const known = Object.keys(ctx.secrets ?? {}).sort();
  const list = known.length ? `; the secrets set are: ${known.join(', ')}` : '';
  const how = scope
    ? `set it with \`slipway secret set ${scope.service} ${name} --env ${scope.environment}\` (or without --env for every environment)`
    : 'set it with `slipway secret set SERVICE NAME --env ENV`';
  return `reads secret variable "${name}", which is not set${where}${list}; ${how}`;
}

function resolveResource(shown: string, rest: string[], ctx: PlaceholderContext): Lookup {
  const [name, ...keys] = rest;
  const known = Object.keys(ctx.resources).sort();
  if (!name) return { error: `${shown} must name a resource, e.g. \${resources.db.host}` };
  const resource = ctx.resources[name];
  if (!resource) {
    const list = known.length ? `its resources are: ${known.join(', ')}` : 'it declares no resources';
    return { error: `${shown} names resource "${name}", which this workload does not have; ${list}` };
  }
  // `${resources.NAME}` is the resource's unique id (Score's "resource id reference").
  if (!keys.length) return { value: resource.id, secret: false };
  const found = walk(resource.outputs, keys);
  if ('missing' in found) return { error: `${shown} ${missingMessage(`resource "${name}"`, found, 'output')}` };
  return { value: found.value, secret: isSecretPath(resource.secretOutputs, found.path) };
}

type Walk = { value: unknown; path: string[] } | { missing: string; parent: string[]; available: string[] | null };

/**
 * Follows keys through nested maps. A key that is not found whole is also tried joined with the
 * keys after it, so `${metadata.annotations.slipway.dev/team}` works without escaping the dot.
 */
function walk(root: unknown, keys: string[]): Walk {
  let current = root;
  const path: string[] = [];
  let i = 0;
  while (i < keys.length) {
    if (!isRecord(current)) return { missing: keys[i] as string, parent: path, available: null };
    let j = i + 1;
    let key = keys[i] as string;
    while (!Object.hasOwn(current, key) && j < keys.length) key = `${key}.${keys[j++]}`;
    if (!Object.hasOwn(current, key))
      return { missing: keys[i] as string, parent: path, available: Object.keys(current) };
    current = current[key];
    path.push(key);
    i = j;
  }
  return { value: current, path };
}

function missingMessage(
  owner: string,
  w: { missing: string; parent: string[]; available: string[] | null },
  noun = 'key',
): string {
  const where = w.parent.length ? `"${w.parent.join('.')}" of ${owner}` : owner;
  if (w.parent.length) noun = 'key';
  if (w.available === null) return `reads "${w.missing}" inside ${where}, which is a single value, not a map`;
  const list = w.available.length ? `it has: ${[...w.available].sort().join(', ')}` : 'it has none';
  return `reads ${noun} "${w.missing}" of ${where}, which does not exist; ${list}`;
}

/** Secret when the path is a secret output, lies inside one, or contains one. */
function isSecretPath(secretOutputs: readonly string[], path: string[]): boolean {
  const joined = path.join('.');
  return secretOutputs.some((s) => s === joined || joined.startsWith(`${s}.`) || s.startsWith(`${joined}.`));
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return canonicalJson(value ?? null);
}
