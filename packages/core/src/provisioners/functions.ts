/**
 * The fixed table of functions a provisioner template may call. Each one is a pure function
 * of its arguments (plus the resource's derivation key): none reads the clock, the process
 * environment, files or the network. "No value" (a missing param) passes through the text
 * helpers untouched so that `default` and `required` further down a pipeline can handle it.
 */
import { type DerivationKey, derivedString } from './derive.ts';
import { sha256, toHex } from './hash.ts';
import { lookup } from './lookup.ts';
import { dnsLabel } from './names.ts';
import { TemplateError } from './template-error.ts';

interface TemplateFunction {
  min: number;
  max: number;
  call: (args: unknown[]) => unknown;
}
export type FunctionTable = ReadonlyMap<string, TemplateFunction>;

/** Names people reach for from Helm/sprig that would leak the host: refused with a reason. */
const refused = new Set([
  'env',
  'expandenv',
  'getenv',
  'readFile',
  'file',
  'files',
  'include',
  'tpl',
  'exec',
  'shell',
  'eval',
  'require',
  'import',
  'process',
  'lookup',
  'now',
  'randAlphaNum',
  'uuidv4',
]);

const text = (v: unknown): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

/** Wraps a one-string function so that "no value" stays "no value". */
const onText =
  (fn: (s: string) => unknown) =>
  (args: unknown[]): unknown =>
    args[0] === undefined ? undefined : fn(text(args[0]));

function integer(v: unknown, what: string): number {
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new TemplateError(`${what} must be an integer, got ${text(v)}`);
  return n;
}

function b64enc(s: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(s)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function b64dec(s: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0)));
  } catch {
    throw new TemplateError('b64dec got text that is not base64-encoded UTF-8');
  }
}

const empty = (v: unknown): boolean => v === undefined || v === null || v === '';

const common: Record<string, TemplateFunction> = {
  lower: { min: 1, max: 1, call: onText((s) => s.toLowerCase()) },
  upper: { min: 1, max: 1, call: onText((s) => s.toUpperCase()) },
  trim: { min: 1, max: 1, call: onText((s) => s.trim()) },
  b64enc: { min: 1, max: 1, call: onText(b64enc) },
  b64dec: { min: 1, max: 1, call: onText(b64dec) },
  sha256: { min: 1, max: 1, call: onText((s) => toHex(sha256(s))) },
  toString: { min: 1, max: 1, call: onText((s) => s) },
  toJson: { min: 1, max: 1, call: ([v]) => (v === undefined ? undefined : JSON.stringify(v)) },
  toInt: { min: 1, max: 1, call: ([v]) => (v === undefined ? undefined : integer(v, 'toInt')) },
  /** `dnsLabel TEXT` or `dnsLabel MAX TEXT`: a valid Kubernetes name of at most MAX characters. */
  dnsLabel: {
    min: 1,
    max: 2,
    call: (args) => {
      const value = args.at(-1);
      const max = args.length === 2 ? integer(args[0], "dnsLabel's length") : 63;
      return value === undefined ? undefined : dnsLabel(text(value), max);
    },
  },
  trunc: {
    min: 2,
    max: 2,
    call: ([n, v]) => (v === undefined ? undefined : text(v).slice(0, Math.max(0, integer(n, "trunc's length")))),
  },
  replace: {
    min: 3,
    max: 3,
    call: ([from, to, v]) => (v === undefined ? undefined : text(v).replaceAll(text(from), text(to))),
  },
  /** Joins its arguments as text; any argument without a value makes the whole thing have none. */
  print: { min: 1, max: 32, call: (args) => (args.some((a) => a === undefined) ? undefined : args.map(text).join('')) },
  default: { min: 2, max: 2, call: ([fallback, v]) => (empty(v) ? fallback : v) },
  required: {
    min: 2,
    max: 2,
    call: ([message, v]) => {
      if (empty(v)) throw new TemplateError(text(message));
      return v;
    },
  },
  /** `index MAP KEY…`: for keys that are not identifiers, such as annotation names. */
  index: {
    min: 2,
    max: 8,
    call: ([root, ...keys]) =>
      lookup({ value: root }, ['value', ...keys.map(text)], `index ${keys.map(text).join(' ')}`),
  },
};

/**
 * The functions available to one resource's templates. `random LABEL` or `random LENGTH LABEL`
 * gives letters and digits derived from the seed and the resource, the same on every release.
 */
export function templateFunctions(key: DerivationKey): FunctionTable {
  const random: TemplateFunction = {
    min: 1,
    max: 2,
    call: (args) => {
      const length = args.length === 2 ? integer(args[0], "random's length") : 32;
      return derivedString(key, text(args.at(-1)), length);
    },
  };
  return new Map([...Object.entries(common), ['random', random]]);
}

export function callFunction(table: FunctionTable, name: string, args: unknown[]): unknown {
  const fn = table.get(name);
  if (!fn) throw unknownFunction(name, table);
  if (args.length < fn.min || args.length > fn.max) {
    const want = fn.min === fn.max ? `${fn.min}` : `${fn.min} to ${fn.max}`;
    throw new TemplateError(`${name} takes ${want} argument(s), got ${args.length}`);
  }
  try {
    return fn.call(args);
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    throw new TemplateError(`${name}: ${(error as Error).message}`);
  }
}

function unknownFunction(name: string, table: FunctionTable): TemplateError {
  if (refused.has(name)) {
    return new TemplateError(
      `"${name}" is not available: provisioner templates cannot read the process environment or files, ` +
        'look up the cluster or run code; pass values in as params or outputs instead',
    );
  }
  return new TemplateError(`unknown function "${name}" (functions: ${[...table.keys()].sort().join(', ')})`);
}
