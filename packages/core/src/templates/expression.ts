/**
 * The `${{ ... }}` expressions of scaffolder templates, evaluated by a small interpreter of our
 * own. Backstage renders them with nunjucks, whose sandbox has known escapes (reaching
 * `constructor.constructor` gives a Function, hence code); templates come from any repository
 * the catalog reads, so their expressions are untrusted input. This grammar holds only what
 * templates need: property paths into the given context, literals, allow-listed filters and
 * comparisons for `if:`. Nothing can call a function, reach a prototype or see the process.
 *
 *   expr    := or
 *   or      := and (('or' | '||') and)*
 *   and     := not (('and' | '&&') not)*
 *   not     := ('not' | '!') not | compare
 *   compare := pipe (('==' | '!=') pipe)?
 *   pipe    := primary ('|' filter ('(' args ')')?)*
 *   primary := literal | path | '(' expr ')'
 *   path    := ident ('.' ident | '[' (string | number) ']')*
 */
import { SlipwayError } from '../errors/index.ts';
import { applyFilter, isFilterName } from './filters.ts';
import { limitError, RenderBudget, templateLimits } from './limits.ts';

export type ExpressionContext = Readonly<Record<string, unknown>>;

type Token =
  | { kind: 'ident'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'op'; value: string };

/** Names that lead from data to code in JavaScript; refused wherever they appear. */
const forbiddenNames = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__lookupGetter__']);

const maxExpressionLength = 2000;

export function expressionError(expression: string, reason: string): SlipwayError {
  return new SlipwayError('invalid_input', `Template expression "\${{ ${expression.trim()} }}" is refused: ${reason}`, {
    hint: 'Expressions read parameters, values and step outputs, and apply filters; they cannot call functions.',
  });
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'ident', value: m[0] });
      i += m[0].length;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^-?\d+(\.\d+)?/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', value: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      const [value, end] = readString(source, i);
      tokens.push({ kind: 'string', value });
      i = end;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (['==', '!=', '&&', '||'].includes(two)) {
      tokens.push({ kind: 'op', value: two });
      i += 2;
      continue;
    }
    if ('.[]()|,!'.includes(c)) {
      tokens.push({ kind: 'op', value: c });
      i++;
      continue;
    }
    throw expressionError(source, `unexpected character "${c}"`);
  }
  return tokens;
}

function readString(source: string, start: number): [string, number] {
  const quote = source[start];
  let out = '';
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      out += source[++i] ?? '';
      continue;
    }
    if (c === quote) return [out, i + 1];
    out += c;
  }
  throw expressionError(source, 'a string is not closed');
}

/** A recursive-descent evaluator: parsing and evaluating in one pass keeps it short. */
class Evaluator {
  private pos = 0;
  /** How deep the recursive descent is now: parentheses, filter arguments and `not`s. */
  private depth = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly context: ExpressionContext,
    private readonly budget: RenderBudget,
  ) {}

  run(): unknown {
    const value = this.or();
    if (this.pos < this.tokens.length) this.fail(`unexpected "${this.describe(this.peek())}"`);
    return value;
  }

  private or(): unknown {
    return this.nested(() => this.either());
  }

  private either(): unknown {
    let left = this.and();
    while (this.acceptWord('or') || this.acceptOp('||')) {
      const right = this.and();
      left = truthy(left) ? left : right;
    }
    return left;
  }

  private and(): unknown {
    let left = this.not();
    while (this.acceptWord('and') || this.acceptOp('&&')) {
      const right = this.not();
      left = truthy(left) ? right : left;
    }
    return left;
  }

  private not(): unknown {
    if (this.acceptWord('not') || this.acceptOp('!')) return !truthy(this.nested(() => this.not()));
    return this.compare();
  }

  private compare(): unknown {
    const left = this.pipe();
    if (this.acceptOp('==')) return looselyEqual(left, this.pipe());
    if (this.acceptOp('!=')) return !looselyEqual(left, this.pipe());
    return left;
  }

  private pipe(): unknown {
    let value = this.primary();
    while (this.acceptOp('|')) {
      const name = this.expectIdent();
      if (!isFilterName(name)) this.fail(`"${name}" is not a known filter`);
      const args: unknown[] = [];
      if (this.acceptOp('(')) {
        if (!this.acceptOp(')')) {
          do args.push(this.or());
          while (this.acceptOp(','));
          this.expectOp(')');
        }
      }
      value = applyFilter(
        name,
        value,
        args,
        (reason) => this.fail(reason),
        (size) => this.produce(name, size),
      );
    }
    return value;
  }

  private primary(): unknown {
    const token = this.next();
    if (!token) return this.fail('the expression ends too early');
    if (token.kind === 'string' || token.kind === 'number') return token.value;
    if (token.kind === 'op' && token.value === '(') {
      const value = this.or();
      this.expectOp(')');
      return value;
    }
    if (token.kind !== 'ident') return this.fail(`unexpected "${token.value}"`);
    if (token.value === 'true') return true;
    if (token.value === 'false') return false;
    if (token.value === 'null' || token.value === 'none') return null;
    return this.path(token.value);
  }

  private path(root: string): unknown {
    let value = this.member(this.context, root);
    for (;;) {
      if (this.acceptOp('.')) value = this.member(value, this.expectIdent());
      else if (this.acceptOp('[')) {
        const key = this.next();
        if (!key || (key.kind !== 'string' && key.kind !== 'number')) this.fail('use a quoted key or a number in [ ]');
        this.expectOp(']');
        value = this.member(value, String((key as Token).value));
      } else if (this.peekOp('(')) this.fail('function calls are not allowed');
      else return value;
    }
  }

  /** Own properties of plain data only: no prototype chain, no getters of built-in objects. */
  private member(value: unknown, key: string): unknown {
    if (forbiddenNames.has(key)) this.fail(`"${key}" cannot be accessed`);
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'string' || Array.isArray(value)) {
      if (key === 'length') return value.length;
      if (typeof value === 'string') return undefined;
    }
    if (typeof value !== 'object') return undefined;
    return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }

  /** One level deeper, refused past templateLimits.expressionNesting (the stack stays small). */
  private nested<T>(inner: () => T): T {
    if (++this.depth > templateLimits.expressionNesting)
      this.fail(`it nests deeper than ${templateLimits.expressionNesting} levels (expressionNesting)`);
    try {
      return inner();
    } finally {
      this.depth--;
    }
  }

  /** A filter is about to make `size` characters: refused past one result's limit or the run's budget. */
  private produce(filter: string, size: number): void {
    const limit = templateLimits.expressionResult;
    if (size > limit)
      throw limitError(
        `Template expression "\${{ ${shortened(this.source.trim())} }}" is refused: its ${filter} filter would make ${size.toLocaleString('en')} characters`,
        'expressionResult',
        limit,
      );
    this.budget.spend(size);
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private next(): Token | undefined {
    return this.tokens[this.pos++];
  }
  private peekOp(op: string): boolean {
    const t = this.peek();
    return t?.kind === 'op' && t.value === op;
  }
  private acceptOp(op: string): boolean {
    if (!this.peekOp(op)) return false;
    this.pos++;
    return true;
  }
  private acceptWord(word: string): boolean {
    const t = this.peek();
    if (t?.kind !== 'ident' || t.value !== word) return false;
    this.pos++;
    return true;
  }
  private expectOp(op: string): void {
    if (!this.acceptOp(op)) this.fail(`expected "${op}"`);
  }
  private expectIdent(): string {
    const t = this.next();
    if (t?.kind !== 'ident') return this.fail('expected a name');
    return t.value;
  }
  private describe(token: Token | undefined): string {
    return token === undefined ? 'end' : String(token.value);
  }
  private fail(reason: string): never {
    throw expressionError(this.source, reason);
  }
}

/**
 * Evaluates the inside of one `${{ ... }}` against the context. What its filters make is taken
 * from `budget` (a run passes its own; see templateLimits).
 */
export function evaluateExpression(
  source: string,
  context: ExpressionContext,
  budget: RenderBudget = new RenderBudget(),
): unknown {
  if (source.length > maxExpressionLength)
    throw expressionError(source.slice(0, 40), `it is longer than ${maxExpressionLength} characters`);
  return new Evaluator(source, tokenize(source), context, budget).run();
}

/** An expression as a message quotes it: its first 80 characters. */
function shortened(source: string): string {
  return source.length > 80 ? `${source.slice(0, 80)}…` : source;
}

export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function looselyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return a === b || (a == null && b == null);
}
