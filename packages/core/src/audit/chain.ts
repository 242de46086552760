import { canonicalJson } from '../workload/canonical.ts';
import { sha256Hex } from '../workload/hash.ts';

/**
 * The audit log is a hash chain: each entry's hash covers its own fields and the hash of the
 * entry before it. Editing, removing or reordering any entry changes a hash that every later
 * entry depends on, so a verification pass finds the first entry that no longer fits.
 */
export interface AuditFields {
  seq: number;
  at: string;
  actor: string;
  via: string;
  action: string;
  method: string;
  route: string;
  target: string;
  status: number;
  result: 'success' | 'failure';
  requestId: string;
  ip: string;
  detail: Record<string, unknown>;
}

export interface ChainedEntry extends AuditFields {
  prevHash: string;
  hash: string;
}

/** The hash before the first entry. */
export const genesisHash = '0'.repeat(64);

export function auditHash(prevHash: string, fields: AuditFields): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(fields)}`);
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** The first entry that does not fit, and why. */
  broken?: { seq: number; reason: string };
  /** The hash of the last entry checked: the next batch continues from it. */
  lastHash: string;
  lastSeq: number;
}

/**
 * Checks entries in order, continuing from `from` (the previous batch's end), so a long log is
 * verified in batches without holding it all.
 */
export function verifyChain(
  entries: readonly ChainedEntry[],
  from: { hash: string; seq: number } = { hash: genesisHash, seq: 0 },
): ChainVerdict {
  let prev = from.hash;
  let lastSeq = from.seq;
  let checked = 0;
  for (const entry of entries) {
    const { prevHash, hash, ...fields } = entry;
    const fail = (reason: string): ChainVerdict => ({
      ok: false,
      checked,
      broken: { seq: entry.seq, reason },
      lastHash: prev,
      lastSeq,
    });
    if (entry.seq !== lastSeq + 1) return fail(`entry ${lastSeq + 1} is missing (found ${entry.seq} next)`);
    if (prevHash !== prev) return fail('it does not point at the entry before it');
    if (auditHash(prevHash, fields) !== hash) return fail('its content does not match its hash');
    prev = hash;
    lastSeq = entry.seq;
    checked++;
  }
  return { ok: true, checked, lastHash: prev, lastSeq };
}
