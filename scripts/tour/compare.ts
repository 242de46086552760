// Compares what a command printed with what the document shows. Both sides are masked first:
// the parts that differ from run to run (durations, times, ids, loopback ports, the CLI's token
// names) become placeholders, colour codes go, and runs of spaces count as one (columns widen
// with their values). In the document, `…` stands for any text within a line, and a line that
// is only `…` for any number of lines; without such a line the whole output must match.

const masks: [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<id>'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  [/\b(127\.0\.0\.1|localhost):\d+/g, '$1:<port>'],
  // The cluster's service addresses (the local cluster's range is 10.0.0.0/16)
  [/\b10\.0\.\d+\.\d+\b/g, '<cluster-ip>'],
  [/\bcli-[\w.-]+-\d{8}-\d{6}\b/g, 'cli-<host>-<time>'],
  // One unit (`85 ms`, `0.5s`) or kubectl's compound ages (`2m6s`, `3h4m`)
  [/\b(\d+(\.\d+)?\s?(ms|s|m|h|d))+\b/g, '<duration>'],
];

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what it removes
const colour = /\u001b\[[0-9;]*[A-Za-z]/g;

export function mask(line: string): string {
  let masked = line.replace(colour, '').replace(/\s+/g, ' ').trim();
  for (const [pattern, placeholder] of masks) masked = masked.replace(pattern, placeholder);
  return masked;
}

const anyLines = '…';

function linePattern(expected: string): RegExp {
  const parts = mask(expected)
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

/** Whether `actual` (the printed lines) is what `expected` (the document's lines) shows. */
export function matches(expected: string[], actual: string[]): boolean {
  const printed = actual.map(mask).filter((line) => line !== '');
  const wanted = expected.map((line) => (line.trim() === anyLines ? null : linePattern(line)));
  return matchFrom(wanted, 0, printed, 0);
}

function matchFrom(wanted: (RegExp | null)[], w: number, printed: string[], p: number): boolean {
  if (w === wanted.length) return p === printed.length;
  const pattern = wanted[w];
  if (pattern === null) {
    for (let next = p; next <= printed.length; next++) if (matchFrom(wanted, w + 1, printed, next)) return true;
    return false;
  }
  return (
    p < printed.length &&
    pattern !== undefined &&
    pattern.test(printed[p] ?? '') &&
    matchFrom(wanted, w + 1, printed, p + 1)
  );
}
