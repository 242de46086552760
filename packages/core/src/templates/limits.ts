/**
 * How big and how deep anything a template run handles may get. Templates come from any
 * repository the catalog reads and parameters from any caller, so every size is capped where
 * it is produced, not after: a chain of `replace` filters fails at the filter that would pass
 * the cap, before the string exists; what else Nunjucks builds is bounded by the sandbox's
 * heap and time. The numbers are documented in docs/templates.md.
 */
import { jsonPointer } from '../errors/json-pointer.ts';
import { SlipwayError } from '../errors/slipway-error.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

export const templateLimits = {
  /** Objects and arrays nested in the parameters of a run (the parameters object is level 1). */
  parameterDepth: 32,
  /** Objects and arrays nested in a template's own spec: step inputs, output, parameter schemas. */
  specDepth: 64,
  /** Characters one `replace` filter may make (the filter that multiplies its input). */
  expressionResult: 1 * MiB,
  /** Characters of one rendered text: a skeleton file, or all the strings of a step's input. */
  renderedText: 4 * MiB,
  /** Characters all the renders of one run may produce: inputs, conditions, outputs, files. */
  expressionWork: 64 * MiB,
  /** Bytes of one file a run reads from its template or writes to its workspace. */
  fileBytes: 4 * MiB,
  /** Bytes of all the files a run writes to its workspace (and of one folder it reads). */
  runBytes: 32 * MiB,
  /** Files a run writes to its workspace (and files in one folder it reads). */
  files: 2000,
  /** Characters of one event (a log line, a step's status); longer ones are cut, saying so. */
  eventChars: 8 * KiB,
  /** Bytes of JSON of one step's output, and of the run's output (a dry run's files aside). */
  outputBytes: 1 * MiB,
  /** Milliseconds of wall-clock time one render in the sandbox may take (a step's input, a file). */
  renderMillis: 5000,
  /** Bytes of JavaScript heap the sandbox process may use (its --max-old-space-size). */
  sandboxHeap: 128 * MiB,
} as const;

/** "1 MiB" for the messages: sizes named the way the documentation names them. */
export function formatSize(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  return `${bytes.toLocaleString('en')} bytes`;
}

const limitsHint = 'Template limits are listed in docs/templates.md ("Limits").';

/**
 * "<what>: the limit is 1 MiB (expressionResult)": the size, and the name the docs list it
 * under. A number is a size (text in characters, files in bytes); a string is said as it is.
 */
export function limitError(what: string, name: string, limit: number | string): SlipwayError {
  const amount = typeof limit === 'number' ? formatSize(limit) : limit;
  return new SlipwayError('invalid_input', `${what}: the limit is ${amount} (${name})`, { hint: limitsHint });
}

/**
 * The path of the first object or array of `value` nested deeper than `limit` levels (the
 * value itself is level 1), or null. A loop, not a recursion: a value nested 100,000 deep is
 * measured without exhausting the stack, and the walk stops at the limit.
 */
export function tooDeep(value: unknown, limit: number): string[] | null {
  if (value === null || typeof value !== 'object') return null;
  const stack: Array<{ value: object; path: string[] }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: item, path } = stack.pop() as { value: object; path: string[] };
    if (path.length >= limit) return path;
    // Only objects and arrays are pushed: a list of a million numbers costs no paths.
    const keys = Array.isArray(item) ? null : Object.keys(item);
    const children: unknown[] = keys ? Object.values(item) : (item as unknown[]);
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child !== null && typeof child === 'object')
        stack.push({ value: child, path: [...path, keys ? (keys[i] as string) : String(i)] });
    }
  }
  return null;
}

/** Throws invalid_input naming the field (under `prefix`) where `value` nests deeper than `limit`. */
export function checkDepth(value: unknown, limit: number, prefix: string, what: string): void {
  const path = tooDeep(value, limit);
  if (!path) return;
  throw new SlipwayError('invalid_input', `${what} nest deeper than ${limit} levels, the limit`, {
    fields: [{ path: `${prefix}${jsonPointer(path)}`, message: `nests deeper than ${limit} levels` }],
    hint: limitsHint,
  });
}

/**
 * What the expressions of one run may still produce (templateLimits.expressionWork). The
 * runner gives one budget to every render of a run, so a template cannot keep the server busy
 * by making many large strings one after another; a render without one gets its own.
 */
export class RenderBudget {
  #left: number;
  constructor(readonly limit: number = templateLimits.expressionWork) {
    this.#left = limit;
  }

  /** Takes `chars` from the budget, or throws before the work is done. */
  spend(chars: number): void {
    if (chars > this.#left)
      throw limitError("The template's expressions produce more text than one run may", 'expressionWork', this.limit);
    this.#left -= chars;
  }
}
