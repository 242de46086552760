import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runConformance } from '../../scripts/cel-conformance-lib.ts';

// Figures measured with @marcbachmann/cel-js 8.0.0 against @bufbuild/cel-spec 0.6.1 (docs/cel.md).
describe('CEL conformance of the chosen library', () => {
  it('passes at least the measured share of the cel-spec simple tests we run', async () => {
    const tally = await runConformance('@marcbachmann/cel-js');
    assert.ok((tally.total?.passed ?? 0) >= 961, JSON.stringify(tally.total));
    for (const section of ['string', 'fp_math'] as const) {
      const t = tally[section];
      assert.equal(t?.failed, 0, section);
      assert.equal(t?.errored, 0, section);
    }
    assert.ok((tally.macros?.passed ?? 0) >= 42);
    assert.ok((tally.lists?.passed ?? 0) >= 34);
  });
});
