/**
 * Container log text as the pods/log API returns it with `timestamps=true`: one line per
 * line written, each prefixed by the RFC 3339 time the container wrote it and a space.
 */
import type { LogLine } from './types.ts';

const stamped = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) (.*)$/s;

/** One line (no newline) of a container's log, its timestamp split off when it has one. */
export function parseLogLine(pod: string, container: string, raw: string): LogLine {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const match = stamped.exec(line);
  return match
    ? { pod, container, at: match[1] ?? null, text: match[2] ?? '' }
    : { pod, container, at: null, text: line };
}

/**
 * Splits a chunk of log text into whole lines, returning them and the unfinished rest to
 * prepend to the next chunk (a stream cuts lines anywhere).
 */
export function splitLines(buffered: string, chunk: string): { lines: string[]; rest: string } {
  const lines = (buffered + chunk).split('\n');
  const rest = lines.pop() ?? '';
  return { lines, rest };
}

/** A case-insensitive substring test; no search matches every line. */
export function lineMatcher(search: string | undefined): (line: LogLine) => boolean {
  const needle = search?.toLowerCase();
  if (!needle) return () => true;
  return (line) => line.text.toLowerCase().includes(needle);
}

/**
 * Lines of several containers in the order they were written (stable for equal or missing
 * times, so one container's lines keep their order).
 */
export function interleaveLines(sources: readonly LogLine[][]): LogLine[] {
  const all = sources.flatMap((lines, source) => lines.map((line, index) => ({ line, source, index })));
  const time = (l: LogLine) => (l.at ? Date.parse(l.at) : Number.NaN);
  return all
    .sort((a, b) => {
      const ta = time(a.line);
      const tb = time(b.line);
      if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
      return a.source - b.source || a.index - b.index;
    })
    .map((x) => x.line);
}
