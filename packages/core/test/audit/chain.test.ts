import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AuditFields, auditHash, type ChainedEntry, genesisHash, verifyChain } from '../../src/audit/chain.ts';

function chain(n: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let prev = genesisHash;
  for (let seq = 1; seq <= n; seq++) {
    const fields: AuditFields = {
      seq,
      at: `2026-11-24T08:00:0${seq}.000Z`,
      actor: seq % 2 ? 'alice' : 'bob',
      via: 'cli',
      action: 'createDeploy',
      method: 'POST',
      route: '/api/v1/deploys',
      target: '/api/v1/deploys',
      status: 202,
      result: 'success',
      requestId: `req-${seq}`,
      ip: '127.0.0.1',
      detail: { environment: 'dev' },
    };
    const hash = auditHash(prev, fields);
    entries.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

describe('the audit hash chain', () => {
  it('verifies an untouched chain, also in batches', () => {
    const entries = chain(5);
    assert.deepEqual(verifyChain(entries), { ok: true, checked: 5, lastHash: entries[4]?.hash, lastSeq: 5 });
    const first = verifyChain(entries.slice(0, 2));
    const rest = verifyChain(entries.slice(2), { hash: first.lastHash, seq: first.lastSeq });
    assert.equal(rest.ok, true);
    assert.equal(rest.checked, 3);
  });

  it('finds an edited entry', () => {
    const entries = chain(4);
    (entries[2] as ChainedEntry).actor = 'mallory';
    const verdict = verifyChain(entries);
    assert.equal(verdict.ok, false);
    assert.deepEqual(verdict.broken, { seq: 3, reason: 'its content does not match its hash' });
    assert.equal(verdict.checked, 2);
  });

  it('finds an edit whose hash was recomputed: the next entry no longer points at it', () => {
    const entries = chain(4);
    const edited = { ...(entries[1] as ChainedEntry), status: 403 };
    const { prevHash, hash: _old, ...fields } = edited;
    entries[1] = { ...edited, hash: auditHash(prevHash, fields) };
    assert.deepEqual(verifyChain(entries).broken, { seq: 3, reason: 'it does not point at the entry before it' });
  });

  it('finds a removed entry and a reordering', () => {
    const entries = chain(4);
    assert.deepEqual(verifyChain([entries[0], entries[2], entries[3]] as ChainedEntry[]).broken, {
      seq: 3,
      reason: 'entry 2 is missing (found 3 next)',
    });
    const swapped = [entries[0], entries[1], entries[3], entries[2]] as ChainedEntry[];
    assert.equal(verifyChain(swapped).broken?.seq, 4);
  });
});
