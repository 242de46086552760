import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interleaveLines, lineMatcher, parseLogLine, splitLines } from '../../src/live/log-lines.ts';

describe('log lines', () => {
  it('splits the timestamp the API server prefixes off the text', () => {
    assert.deepEqual(parseLogLine('p', 'c', '2025-06-02T10:00:00.123456789Z GET /healthz 200'), {
      pod: 'p',
      container: 'c',
      at: '2025-06-02T10:00:00.123456789Z',
      text: 'GET /healthz 200',
    });
    assert.deepEqual(parseLogLine('p', 'c', 'no time here\r'), {
      pod: 'p',
      container: 'c',
      at: null,
      text: 'no time here',
    });
  });

  it('keeps a line cut between two chunks whole', () => {
    const first = splitLines('', 'one\ntw');
    assert.deepEqual(first, { lines: ['one'], rest: 'tw' });
    assert.deepEqual(splitLines(first.rest, 'o\nthree\n'), { lines: ['two', 'three'], rest: '' });
  });

  it('searches without regard to case, and matches everything without a search', () => {
    const line = parseLogLine('p', 'c', 'ERROR upstream timed out');
    assert.ok(lineMatcher('error')(line));
    assert.ok(lineMatcher('Upstream')(line));
    assert.ok(!lineMatcher('warn')(line));
    assert.ok(lineMatcher(undefined)(line));
  });

  it('interleaves containers in the order lines were written, keeping each one’s order on ties', () => {
    const a = [parseLogLine('a', 'c', '2025-01-01T00:00:01Z a1'), parseLogLine('a', 'c', '2025-01-01T00:00:03Z a2')];
    const b = [parseLogLine('b', 'c', '2025-01-01T00:00:02Z b1'), parseLogLine('b', 'c', '2025-01-01T00:00:03Z b2')];
    assert.deepEqual(
      interleaveLines([a, b]).map((l) => l.text),
      ['a1', 'b1', 'a2', 'b2'],
    );
  });
});
