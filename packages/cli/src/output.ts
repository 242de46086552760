import type { CheckResult, CheckStatus, SlipwayError } from '@slipway/core';

export const outputFormats = ['text', 'json'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export function printLines(lines: readonly string[]): void {
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints a result: the data itself as JSON, or the lines a person reads. */
export function emit(format: OutputFormat, data: unknown, text: () => readonly string[]): void {
  if (format === 'json') printJson(data);
  else printLines(text());
}

/** Errors go to stderr for people; with --output json they keep the API's wire shape on stdout. */
export function printError(error: SlipwayError, format: OutputFormat): void {
  if (format === 'json') printJson({ error: error.toBody() });
  else process.stderr.write(`${formatError(error).join('\n')}\n`);
}

export function formatError(error: SlipwayError): string[] {
  const lines = [`error: ${error.message}`];
  for (const field of error.fields ?? []) lines.push(`  ${field.path || '(root)'}${placeOf(field)}: ${field.message}`);
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return lines;
}

/** Where in a file a field is, when the error says (Score file problems carry line and column). */
function placeOf(field: { path: string; line?: unknown; column?: unknown }): string {
  if (!field.path || typeof field.line !== 'number') return '';
  return typeof field.column === 'number' ? ` (line ${field.line}, column ${field.column})` : ` (line ${field.line})`;
}

/** Left-aligned columns separated by two spaces, with a header row. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

const markers: Record<CheckStatus, string> = { ok: '✔', warn: '!', fail: '✖' };

/** One line per check; the hint of a check that is not ok goes indented below it. */
export function formatChecks(checks: readonly CheckResult[]): string[] {
  const width = Math.max(0, ...checks.map((c) => c.name.length));
  const indent = ' '.repeat(width + 4);
  return checks.flatMap((c) => {
    const line = `${markers[c.status]} ${c.name.padEnd(width)}  ${c.message}`;
    return c.hint && c.status !== 'ok' ? [line, `${indent}hint: ${c.hint}`] : [line];
  });
}

/** A date from the API as a short UTC time, or a word for "none". */
export function formatTime(iso: string | null, none: string): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : none;
}
