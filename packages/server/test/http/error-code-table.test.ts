import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { errorCodes } from '@slipway/core';
import { errorCodesMarkdown } from '../../src/http/error-codes-markdown.ts';

const reference = readFileSync(new URL('../../../../docs/api-reference.md', import.meta.url), 'utf8');

describe('the error-code table of the API reference', () => {
  it('lists every code of the catalogue with its status, and nothing else', () => {
    const rows = errorCodesMarkdown().filter((line) => line.startsWith('| `'));
    assert.deepEqual(
      rows.map((row) => /^\| `([a-z_]+)` \| (\d{3}) \|/.exec(row)?.slice(1)),
      Object.entries(errorCodes).map(([code, e]) => [code, String(e.status)]),
    );
  });

  it('is current in docs/api-reference.md (else run `npm run openapi`)', () => {
    assert.ok(reference.includes(errorCodesMarkdown().join('\n')), 'docs/api-reference.md is out of date');
  });
});
