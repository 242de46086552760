import { type Document, LineCounter, parseDocument } from 'yaml';
import { type FieldIssue, maxNestingDepth, parseJsonPointer, SlipwayError, yamlValue } from '../errors/index.ts';
import { nestingIssue, scoreLimits, validateScore } from './score-schema.ts';
import type { ScoreWorkload } from './types.ts';

/** A problem in a Score file; line and column (1-based) when it was read from text. */
export interface ScoreIssue extends FieldIssue {
  line?: number;
  column?: number;
}

/**
 * Reads a Score workload from YAML or JSON text (JSON is YAML) or from an already parsed
 * value, and checks it against `score.dev/v1b1`. Throws `invalid_input` listing every problem.
 */
export function parseScore(input: unknown, source = 'score.yaml'): ScoreWorkload {
  if (typeof input !== 'string') return parseObject(input, source);
  if (input.length > scoreLimits.document) throw invalid(source, [tooLarge(input.length)]);
  const lines = new LineCounter();
  const doc = parseDocument(input, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors.map((e): ScoreIssue => {
    const { line, col } = lines.linePos(e.pos[0]);
    // The YAML library stops composing where the stack runs out, and says only that.
    const message =
      e.code === 'RESOURCE_EXHAUSTION'
        ? `it is nested deeper than ${maxNestingDepth} levels of mappings and lists, more than Slipway reads`
        : (e.message.split('\n')[0] ?? e.message);
    return { path: '', message: `YAML syntax error at line ${line}, column ${col}: ${message}`, line, column: col };
  });
  if (syntax.length) throw invalid(source, syntax);
  const read = yamlValue(doc);
  if ('refused' in read) throw invalid(source, [{ path: '', message: read.refused }]);
  const value = read.value;
  if (value === null || value === undefined) {
    throw invalid(source, [{ path: '', message: 'The Score file is empty' }]);
  }
  return checked(value, source, (issue) => locate(issue, doc, lines));
}

/**
 * A workload sent as an object (a JSON body) meets the limits of one sent as text: its depth
 * first (so nothing below recurses too far), then every field (so a field too long is named),
 * then its size as JSON.
 */
function parseObject(input: unknown, source: string): ScoreWorkload {
  const deep = nestingIssue(input);
  if (deep) throw invalid(source, [deep]);
  const workload = checked(structuredClone(input), source);
  const size = JSON.stringify(workload).length;
  if (size > scoreLimits.document) throw invalid(source, [tooLarge(size)]);
  return workload;
}

function tooLarge(size: number): ScoreIssue {
  const n = (v: number) => v.toLocaleString('en-US');
  return {
    path: '',
    message: `The Score file is ${n(size)} characters long; at most ${n(scoreLimits.document)} are allowed`,
  };
}

function checked(value: unknown, source: string, place = (i: ScoreIssue) => i): ScoreWorkload {
  const issues = validateScore(value);
  if (issues.length) throw invalid(source, issues.map(place));
  return value as ScoreWorkload;
}

/** The message names the first problem, and how many more there are. */
function invalid(source: string, fields: ScoreIssue[]): SlipwayError {
  const [first] = fields;
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more)` : '';
  const what = first ? `${first.path || 'the document'}: ${first.message}${more}` : 'it does not match the format';
  return new SlipwayError('invalid_input', `${source} is not a valid Score workload: ${what}`, {
    fields,
    hint: 'Each problem names its place in the file as a JSON Pointer; see https://docs.score.dev for the format.',
  });
}

/** Adds the line and column of the field an issue points at (or of its nearest parent that exists). */
function locate(issue: ScoreIssue, doc: Document, lines: LineCounter): ScoreIssue {
  const segments = parseJsonPointer(issue.path);
  for (let n = segments.length; n >= 0; n--) {
    const node = doc.getIn(keyPath(segments.slice(0, n)), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return { ...issue, line, column: col };
    }
  }
  return issue;
}

/** Pointer segments that index lists must be numbers for `getIn`. */
function keyPath(segments: string[]): Array<string | number> {
  return segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
