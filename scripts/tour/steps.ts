// Splits a shell block into steps: a command and the output the document shows for it. The
// output is written as comment lines indented by three spaces right under the command (`#   …`),
// so a reader can paste the whole block into a terminal; other comments are prose. A
// command spans continuation lines (a trailing `\`) and here-documents.
//
// A step must exit 0, unless its output starts with `error:` (then it must fail) or its last
// output line is `[exit N]` (then it must exit N, e.g. `slipway diff` when releases differ).

export interface Step {
  /** 1-based line in the document. */
  line: number;
  command: string;
  /** The lines the document shows as the command's output (empty: not shown, not checked). */
  expected: string[];
  /** The exit status it must end with: 0, a given one, or any but 0 (the document shows an error). */
  status: number | 'nonzero';
}

const outputLine = /^# {3}(.*)$/;
const hereDocument = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/;

export function splitSteps(text: string, firstLine: number): Step[] {
  const lines = text.replace(/\n$/, '').split('\n');
  const steps: Step[] = [];
  // The step whose output the next `#   ` line shows: only right after its command or output.
  let showing: Step | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const shown = outputLine.exec(line);
    if (shown && showing) {
      showing.expected.push(shown[1] ?? '');
      continue;
    }
    showing = undefined;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const end = commandEnd(lines, i);
    showing = { line: firstLine + i, command: lines.slice(i, end + 1).join('\n'), expected: [], status: 0 };
    steps.push(showing);
    i = end;
  }
  for (const step of steps) step.status = expectedStatus(step.expected);
  return steps;
}

const exitLine = /^\[exit (\d+)\]$/;

/** The status the shown output implies; removes an `[exit N]` line from it. */
function expectedStatus(expected: string[]): number | 'nonzero' {
  const given = exitLine.exec(expected.at(-1)?.trim() ?? '');
  if (given) {
    expected.pop();
    return Number(given[1]);
  }
  return expected[0]?.trimStart().startsWith('error:') ? 'nonzero' : 0;
}

/** The index of a command's last line: after its continuation lines and here-document. */
function commandEnd(lines: string[], start: number): number {
  let i = start;
  while ((lines[i] ?? '').endsWith('\\') && i + 1 < lines.length) i++;
  const delimiter = hereDocument.exec(lines.slice(start, i + 1).join('\n'))?.[2];
  if (!delimiter) return i;
  while (i + 1 < lines.length && (lines[i] ?? '').trim() !== delimiter) i++;
  return i;
}
