/**
 * The error-code table of the API reference, rendered from core's catalogue of codes (the same
 * one the OpenAPI document's error schema enumerates), so a code cannot be added, removed or
 * change its status without the reference following.
 */
import { type ErrorCodeInfo, errorCodes } from '@slipway/core';

export function errorCodesMarkdown(catalogue: Record<string, ErrorCodeInfo> = errorCodes): string[] {
  const entries = Object.entries(catalogue);
  const rows = entries.map(
    ([code, e]) => `| \`${code}\` | ${e.status} | **${cell(e.title)}.** ${cell(e.when)} | ${cell(e.action)} |`,
  );
  return [
    '## Error codes',
    '',
    'Every error answer has the shape `{ "error": { "code", "message", "fields"?, "hint"? } }`. Branch on',
    '`code`: it is stable, never renamed nor reused, and each distinct refusal has its own; `message` and',
    '`hint` are written for people and may change. A client that meets a code it does not know yet',
    `treats it as the generic code of its HTTP status (${genericCodes(entries)}).`,
    '',
    '| code | HTTP | when it happens | what to do |',
    '|---|---|---|---|',
    ...rows,
    '',
  ];
}

/** The first code of each status shared by several codes: the one unknown answers map to. */
function genericCodes(entries: [string, ErrorCodeInfo][]): string {
  const byStatus = new Map<number, string[]>();
  for (const [code, e] of entries) byStatus.set(e.status, [...(byStatus.get(e.status) ?? []), code]);
  return [...byStatus]
    .filter(([, codes]) => codes.length > 1)
    .map(([status, codes]) => `\`${codes[0]}\` for ${status}`)
    .join(', ');
}

/** Table cells cannot hold a pipe or a line break. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
