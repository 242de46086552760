/**
 * What a template run shows of itself. Everything a run lets out — its history, its events,
 * step outputs, errors, server log lines — passes one Redactor first, which hides:
 * - credentials written into URLs (`https://user:token@host/…` → `https://***@host/…`),
 *   wherever they stand in a text: git's messages, log lines, outputs;
 * - the values of secret parameters (`ui:widget: password`, `ui:field: Secret`) and of the
 *   run's `secrets`, also inside longer texts, also JSON-escaped or URL-encoded;
 * - the server's own paths (the run's temporary directories), replaced by a name.
 * Redacting comes before any cut to size: a cut secret would no longer be found.
 */
import type { TemplateDefinition } from './template.ts';

export const redacted = '***';

/** scheme://userinfo@ — the userinfo runs to the last `@` before the path, so `p@ss` is hidden whole. */
const urlCredentials = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;

/** Past this depth a value is replaced whole: run data is never this deep (see templateLimits). */
const maxDepth = 256;

export class Redactor {
  /** Longest first, so a secret holding another is hidden whole. */
  #secrets: string[] = [];
  #paths: Array<[string, string]> = [];

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.addSecret(secret);
  }

  /** A value never shown: its text, and its JSON-escaped and URL-encoded spellings. */
  addSecret(secret: string): this {
    if (secret === '') return this;
    const forms = [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
    this.#secrets = [...new Set([...this.#secrets, ...forms])].sort((a, b) => b.length - a.length);
    return this;
  }

  /** A path of the server's shown as `name` (e.g. `<workspace>`). */
  addPath(path: string, name: string): this {
    if (path)
      this.#paths = [...this.#paths, [path, name] as [string, string]].sort((a, b) => b[0].length - a[0].length);
    return this;
  }

  text(input: string): string {
    let out = input.replace(urlCredentials, `$1${redacted}@`);
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.replaceAll(secret, redacted);
    for (const [path, name] of this.#paths) if (out.includes(path)) out = out.replaceAll(path, name);
    return out;
  }

  /** A copy of plain data with every string (keys too) redacted. */
  value<T>(input: T): T {
    return this.#walk(input, 0) as T;
  }

  #walk(input: unknown, depth: number): unknown {
    if (typeof input === 'string') return this.text(input);
    if (input === null || typeof input !== 'object') return input;
    if (depth >= maxDepth) return redacted;
    if (Array.isArray(input)) return input.map((item) => this.#walk(item, depth + 1));
    // fromEntries defines own properties: a `__proto__` key stays a key.
    return Object.fromEntries(
      Object.entries(input).map(([key, value]) => [this.text(key), this.#walk(value, depth + 1)]),
    );
  }
}

/**
 * The redactor of one run: the strings of its secret parameters' values (a number counts as
 * its text) and of its `secrets`.
 */
export function runRedactor(
  template: Pick<TemplateDefinition, 'secretParameters'>,
  parameters: Record<string, unknown>,
  secrets: Record<string, unknown> = {},
): Redactor {
  const values = [
    ...template.secretParameters.filter((name) => Object.hasOwn(parameters, name)).map((name) => parameters[name]),
    ...Object.values(secrets),
  ];
  return new Redactor(values.flatMap(leaves));
}

/** The strings (and numbers, as text) inside a value, without recursion. */
function leaves(value: unknown): string[] {
  const out: string[] = [];
  const stack = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') out.push(item);
    else if (typeof item === 'number' || typeof item === 'bigint') out.push(String(item));
    else if (item !== null && typeof item === 'object') for (const child of Object.values(item)) stack.push(child);
  }
  return out;
}
