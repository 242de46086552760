/**
 * The template language of provisioners: text with `{{ … }}` actions, shaped like Go templates
 * (what score-k8s and Helm users already read) but reduced to what a provisioner needs and
 * nothing that could run code.
 *
 *   {{ .resource.params.port }}                   a value from the context
 *   {{ .workload.name | dnsLabel }}               a pipeline: the left value is the last argument
 *   {{ default "/" .resource.params.path }}       a call: function name, then arguments
 *   {{ print "pg-" (dnsLabel 40 .resource.slug) }}  parentheses nest calls
 *
 * An action alone in a string keeps its type (a port stays an integer, an object stays an
 * object); an action inside longer text is turned into text. There are no loops, no variables,
 * no method calls and no way to name anything outside the context and the fixed function table,
 * so a template can neither read the process environment or files nor run code.
 */
import { callFunction, type FunctionTable } from './functions.ts';
import { lookup } from './lookup.ts';
import { TemplateError } from './template-error.ts';

type Expr =
  | { kind: 'path'; segments: string[]; source: string }
  | { kind: 'literal'; value: unknown }
  | { kind: 'pipeline'; commands: Command[] };
interface Command {
  fn: string | undefined;
  args: Expr[];
}
export interface Template {
  parts: Array<string | Expr>;
}

export interface TemplateScope {
  /** The context: `.resource`, `.workload`, `.environment`, … */
  data: Readonly<Record<string, unknown>>;
  functions: FunctionTable;
}

const maxTemplateLength = 64 * 1024;
const maxOutputLength = 1024 * 1024;
const maxDepth = 32;

type Token =
  | { t: 'path'; segments: string[]; source: string }
  | { t: 'ident'; name: string }
  | { t: 'literal'; value: unknown }
  | { t: '|' | '(' | ')' | 'end' };

/** True when the text has an action at all; plain strings skip parsing. */
export const hasActions = (text: string): boolean => text.includes('{{');

export function parseTemplate(source: string): Template {
  if (source.length > maxTemplateLength) throw new TemplateError(`is longer than ${maxTemplateLength} characters`);
  const parts: Template['parts'] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    if (open < 0) break;
    if (open > at) parts.push(source.slice(at, open));
    const { tokens, next } = lexAction(source, open + 2);
    parts.push(new Parser(tokens, source).parseAction());
    at = next;
  }
  if (at < source.length) parts.push(source.slice(at));
  return { parts };
}

function lexAction(src: string, start: number): { tokens: Token[]; next: number } {
  const tokens: Token[] = [];
  let i = start;
  for (;;) {
    while (i < src.length && /\s/.test(src[i] as string)) i++;
    if (i >= src.length) throw new TemplateError(`has an unclosed "{{" at character ${start - 1}`);
    const c = src[i] as string;
    if (src.startsWith('}}', i)) {
      tokens.push({ t: 'end' });
      return { tokens, next: i + 2 };
    }
    if (c === '|' || c === '(' || c === ')') {
      tokens.push({ t: c });
      i++;
    } else if (c === '"') {
      const [value, end] = lexString(src, i);
      tokens.push({ t: 'literal', value });
      i = end;
    } else if (c === '.') {
      const text = matchAt(pathPattern, src, i) as string;
      tokens.push({ t: 'path', segments: text === '.' ? [] : text.slice(1).split('.'), source: text });
      i += text.length;
    } else {
      const word = matchAt(wordPattern, src, i);
      if (!word) throw new TemplateError(`has an unexpected character "${c}" at character ${i}`);
      tokens.push(wordToken(word));
      i += word.length;
    }
  }
}

// Sticky patterns match at one position without copying the rest of the text, so lexing
// stays linear in the template's length.
const pathPattern = /\.(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)?/y;
const wordPattern = /-?\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*/y;

function matchAt(pattern: RegExp, src: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(src)?.[0];
}

function wordToken(word: string): Token {
  if (/^-?\d/.test(word)) return { t: 'literal', value: Number(word) };
  if (word === 'true' || word === 'false') return { t: 'literal', value: word === 'true' };
  if (word === 'null') return { t: 'literal', value: null };
  return { t: 'ident', name: word };
}

const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

function lexString(src: string, start: number): [string, number] {
  let out = '';
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '"') return [out, i + 1];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = escapes[src[++i] ?? ''];
    if (e === undefined) throw new TemplateError(`has an unknown escape "\\${src[i] ?? ''}" in a string`);
    out += e;
  }
  throw new TemplateError(`has an unterminated string starting at character ${start}`);
}

class Parser {
  private at = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parseAction(): Expr {
    const expr = this.pipeline();
    const end = this.take();
    if (end.t !== 'end') throw new TemplateError(`has an unexpected "${describe(end)}" in "${this.source}"`);
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.at] ?? { t: 'end' };
  }
  private take(): Token {
    return this.tokens[this.at++] ?? { t: 'end' };
  }

  private pipeline(): Expr {
    if (++this.depth > maxDepth) throw new TemplateError(`nests parentheses deeper than ${maxDepth}`);
    const commands = [this.command()];
    while (this.peek().t === '|') {
      this.take();
      const next = this.command();
      if (next.fn === undefined) throw new TemplateError('pipes into something that is not a function');
      commands.push(next);
    }
    this.depth--;
    return { kind: 'pipeline', commands };
  }

  private command(): Command {
    const first = this.peek();
    let fn: string | undefined;
    if (first.t === 'ident') {
      fn = first.name;
      this.take();
    }
    const args: Expr[] = [];
    for (let tok = this.peek(); tok.t !== '|' && tok.t !== ')' && tok.t !== 'end'; tok = this.peek()) {
      args.push(this.operand());
    }
    if (fn === undefined && args.length !== 1) {
      throw new TemplateError(
        args.length ? 'has a value followed by another without a function' : 'has an empty action',
      );
    }
    return { fn, args };
  }

  private operand(): Expr {
    const tok = this.take();
    if (tok.t === 'path') return { kind: 'path', segments: tok.segments, source: tok.source };
    if (tok.t === 'literal') return { kind: 'literal', value: tok.value };
    if (tok.t === '(') {
      const inner = this.pipeline();
      if (this.take().t !== ')') throw new TemplateError('has a "(" without its ")"');
      return inner;
    }
    if (tok.t === 'ident') {
      throw new TemplateError(`uses the function "${tok.name}" as an argument: wrap the call in parentheses`);
    }
    throw new TemplateError(`has an unexpected "${describe(tok)}"`);
  }
}

function describe(tok: Token): string {
  if (tok.t === 'ident') return tok.name;
  if (tok.t === 'path') return tok.source;
  if (tok.t === 'literal') return JSON.stringify(tok.value);
  return tok.t === 'end' ? '}}' : tok.t;
}

/** Renders one parsed template: a lone action keeps its value's type, anything else is text. */
export function renderTemplate(template: Template, scope: TemplateScope): unknown {
  const [only] = template.parts;
  if (template.parts.length === 1 && typeof only !== 'string' && only) return evaluate(only, scope);
  let out = '';
  for (const part of template.parts) {
    out += typeof part === 'string' ? part : toText(evaluate(part, scope), part);
    if (out.length > maxOutputLength) throw new TemplateError(`renders more than ${maxOutputLength} characters`);
  }
  return out;
}

function toText(value: unknown, expr: Expr): string {
  if (value === undefined) {
    throw new TemplateError(
      `${describeExpr(expr)} has no value: give a fallback with default, e.g. {{ default "x" … }}`,
    );
  }
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function describeExpr(expr: Expr): string {
  const first = expr.kind === 'pipeline' ? expr.commands[0] : undefined;
  const inner = first && first.fn === undefined ? first.args[0] : expr;
  return inner?.kind === 'path' ? `"${inner.source}"` : 'the action';
}

function evaluate(expr: Expr, scope: TemplateScope): unknown {
  if (expr.kind === 'literal') return expr.value;
  if (expr.kind === 'path') return lookup(scope.data, expr.segments, expr.source);
  let value: unknown;
  expr.commands.forEach((command, i) => {
    const args = command.args.map((a) => evaluate(a, scope));
    if (i > 0) args.push(value);
    value = command.fn === undefined ? args[0] : callFunction(scope.functions, command.fn, args);
  });
  return value;
}
