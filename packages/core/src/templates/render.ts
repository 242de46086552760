/**
 * Rendering of `${{ ... }}` inside template strings and step inputs. A string that is exactly
 * one expression keeps the expression's type (`${{ parameters.replicas }}` stays a number);
 * expressions embedded in text are turned into text. Sizes and depths are checked as the
 * result is built (see templateLimits): one rendered text, or all the strings of one value,
 * stay within `renderedText`, and a value nested past `specDepth` is refused, not recursed into.
 */
import { SlipwayError } from '../errors/slipway-error.ts';
import { type ExpressionContext, evaluateExpression } from './expression.ts';
import { json } from './filters.ts';
import { limitError, RenderBudget, templateLimits } from './limits.ts';

const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/;
const embedded = /\$\{\{([\s\S]*?)\}\}/g;

/** How much text one render has made so far; refused past templateLimits.renderedText. */
class TextSize {
  #size = 0;
  constructor(private readonly what: string) {}

  add(chars: number): void {
    this.#size += chars;
    if (this.#size > templateLimits.renderedText)
      throw limitError(`${this.what} renders to more text than allowed`, 'renderedText', templateLimits.renderedText);
  }
}

export function renderString(
  input: string,
  context: ExpressionContext,
  budget: RenderBudget = new RenderBudget(),
): unknown {
  return stringValue(input, context, budget, new TextSize('A template string'));
}

function stringValue(input: string, context: ExpressionContext, budget: RenderBudget, size: TextSize): unknown {
  const single = whole.exec(input);
  if (single && !(single[1] as string).includes('}}')) {
    const value = evaluateExpression(single[1] as string, context, budget);
    if (typeof value === 'string') size.add(value.length);
    return value;
  }
  return textOf(input, context, budget, size);
}

/** Always text: for file contents and file names. `what` names it in a limit's error. */
export function renderText(
  input: string,
  context: ExpressionContext,
  budget: RenderBudget = new RenderBudget(),
  what = 'A template text',
): string {
  return textOf(input, context, budget, new TextSize(what));
}

/** The text with each expression replaced, its size counted piece by piece as it is built. */
function textOf(input: string, context: ExpressionContext, budget: RenderBudget, size: TextSize): string {
  const pieces: string[] = [];
  let last = 0;
  for (const match of input.matchAll(embedded)) {
    const literal = input.slice(last, match.index);
    size.add(literal.length);
    pieces.push(literal);
    const value = stringify(evaluateExpression(match[1] as string, context, budget));
    size.add(value.length);
    pieces.push(value);
    last = match.index + match[0].length;
  }
  const rest = input.slice(last);
  size.add(rest.length);
  pieces.push(rest);
  return pieces.join('');
}

/** Renders every string inside a step's input, keys left alone. */
export function renderValue(
  input: unknown,
  context: ExpressionContext,
  budget: RenderBudget = new RenderBudget(),
): unknown {
  return renderedValue(input, context, budget, new TextSize("A step's input"), 1);
}

function renderedValue(
  input: unknown,
  context: ExpressionContext,
  budget: RenderBudget,
  size: TextSize,
  depth: number,
): unknown {
  if (typeof input === 'string') return stringValue(input, context, budget, size);
  if (input === null || typeof input !== 'object') return input;
  if (depth > templateLimits.specDepth)
    throw new SlipwayError(
      'invalid_input',
      `A template value nests deeper than ${templateLimits.specDepth} levels, the limit (specDepth)`,
    );
  if (Array.isArray(input)) return input.map((item) => renderedValue(item, context, budget, size, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) out[key] = renderedValue(value, context, budget, size, depth + 1);
  return out;
}

export function hasExpression(input: string): boolean {
  return input.includes('${{');
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return json(value);
  return String(value);
}
