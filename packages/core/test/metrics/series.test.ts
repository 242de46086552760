import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compareAround,
  formatChange,
  formatSignalValue,
  rateWindowFor,
  sparkline,
  stepFor,
  summarize,
} from '../../src/index.ts';

const at = (values: number[], start = 0, every = 60_000) =>
  values.map((value, i) => ({ time: start + i * every, value }));

describe('metric series', () => {
  it('samples any range with about 120 points, never finer than 5 s; rate() looks back at least a minute', () => {
    assert.equal(stepFor(15 * 60), 8);
    assert.equal(stepFor(60), 5);
    assert.equal(stepFor(30 * 86_400), 21_600);
    assert.equal(rateWindowFor(8), '60s');
    assert.equal(rateWindowFor(21_600), '21600s');
  });

  it('sums a series up without counting NaN as a value', () => {
    assert.deepEqual(summarize(at([1, Number.NaN, 3, 2])), { last: 2, mean: 2, min: 1, max: 3 });
    assert.deepEqual(summarize(at([Number.NaN])), { last: null, mean: null, min: null, max: null });
  });

  it('compares the mean since a release with as long a span before it', () => {
    // Minutes 0..9: 1 before minute 6, 3 from minute 6 on. After: minutes 6..9 (4 points, mean 3);
    // before: minutes 3..5 (the 3 minutes before, mean 1).
    const points = at([5, 5, 5, 1, 1, 1, 3, 3, 3, 3]);
    assert.deepEqual(compareAround(points, 6 * 60_000), { after: 3, before: 1, change: 2 });
    assert.deepEqual(compareAround(points, 20 * 60_000), { after: null, before: null, change: null });
    assert.equal(compareAround(at([0, 0, 1, 1]), 2 * 60_000).change, null, 'no ratio to a zero');
  });

  it('draws sparklines from the lowest to the highest value, gaps as spaces', () => {
    assert.equal(sparkline(at([0, 1, 2, 3, 4, 5, 6, 7])), '▁▂▃▄▅▆▇█');
    assert.equal(sparkline(at([2, 2, 2])), '▁▁▁');
    assert.equal(sparkline(at([10, 9.999999999999998, 10])), '▁▁▁', 'float noise is no trend');
    assert.equal(sparkline(at([0, Number.NaN, 7])), '▁ █');
    const wide = sparkline(at(Array.from({ length: 50 }, (_, i) => i)), 24);
    assert.equal([...wide].length, 24);
    assert.equal(wide.at(0), '▁');
    assert.equal(wide.at(-1), '█');
  });
});

describe('signal values as people read them', () => {
  it('uses the unit a person expects, three significant digits at most', () => {
    assert.equal(formatSignalValue(10.34, 'requests/s'), '10.3/s');
    assert.equal(formatSignalValue(1 / 110, 'ratio'), '0.909%');
    assert.equal(formatSignalValue(0.0625, 'seconds'), '62.5ms');
    assert.equal(formatSignalValue(2.5, 'seconds'), '2.5s');
    assert.equal(formatSignalValue(0.25, 'cores'), '250m');
    assert.equal(formatSignalValue(2 * 96 * 1024 * 1024, 'bytes'), '192MiB');
    assert.equal(formatSignalValue(null, 'bytes'), '—');
    assert.equal(formatChange(0.0961), '+9.6%');
    assert.equal(formatChange(-8.88e-16), '+0%');
    assert.equal(formatChange(null), '—');
  });
});
