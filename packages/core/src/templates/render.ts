/**
 * Rendering of `${{ ... }}` inside template strings and step inputs. A string that is exactly
 * one expression keeps the expression's type (`${{ parameters.replicas }}` stays a number);
 * expressions embedded in text are turned into text.
 */
import { type ExpressionContext, evaluateExpression } from './expression.ts';

const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/;
const embedded = /\$\{\{([\s\S]*?)\}\}/g;

export function renderString(input: string, context: ExpressionContext): unknown {
  const single = whole.exec(input);
  if (single && !(single[1] as string).includes('}}')) return evaluateExpression(single[1] as string, context);
  return renderText(input, context);
}

/** Always text: for file contents and file names. */
export function renderText(input: string, context: ExpressionContext): string {
  return input.replace(embedded, (_, expression: string) => stringify(evaluateExpression(expression, context)));
}

/** Renders every string inside a step's input, keys left alone. */
export function renderValue(input: unknown, context: ExpressionContext): unknown {
  if (typeof input === 'string') return renderString(input, context);
  if (Array.isArray(input)) return input.map((item) => renderValue(item, context));
  if (input !== null && typeof input === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) out[key] = renderValue(value, context);
    return out;
  }
  return input;
}

export function hasExpression(input: string): boolean {
  return input.includes('${{');
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
