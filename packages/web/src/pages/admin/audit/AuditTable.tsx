import { Fragment, useState } from 'react';
import type { Schemas } from '../../../api/client';
import { TimeAgo } from '../../../components/Page';
import { StatusBadge } from '../../../components/StatusBadge';
import { Table } from '../../../components/Table';

type Entry = Schemas['AuditEntry'];

/** Entries as rows; each opens to its details (request, origin, detail, hashes) below it. */
export function AuditTable({ entries }: { entries: Entry[] }) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = (seq: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  return (
    <Table
      caption="Audit entries, newest first"
      className="admin-audit"
      columns={['When', 'Actor', 'Action', 'Target', 'Result', { label: 'Details', hidden: true }]}
      items={entries}
      empty="No entries."
    >
      {(e) => {
        const isOpen = open.has(e.seq);
        const details = `audit-${e.seq}`;
        return (
          <Fragment key={e.seq}>
            <tr data-testid="audit-entry" data-action={e.action}>
              <td>
                <TimeAgo at={e.at} />
              </td>
              <td>
                {e.actor} <span className="muted small">via {e.via}</span>
              </td>
              <td>
                <code>{e.action}</code>
              </td>
              <td className="admin-break">
                <code>{e.target || '—'}</code>
              </td>
              <td>
                <StatusBadge
                  status={e.result === 'success' ? 'succeeded' : 'failed'}
                  label={`${e.result} ${e.status}`}
                />
              </td>
              <td>
                <button type="button" aria-expanded={isOpen} aria-controls={details} onClick={() => toggle(e.seq)}>
                  {isOpen ? 'Hide' : 'Details'}
                  <span className="visually-hidden"> of entry {e.seq}</span>
                </button>
              </td>
            </tr>
            <tr id={details} hidden={!isOpen} className="admin-audit-details">
              <td colSpan={6}>{isOpen && <EntryDetails entry={e} />}</td>
            </tr>
          </Fragment>
        );
      }}
    </Table>
  );
}

function EntryDetails({ entry: e }: { entry: Entry }) {
  const hasDetail = Object.keys(e.detail).length > 0;
  return (
    <div className="stack">
      <dl className="admin-facts">
        <dt>Entry</dt>
        <dd>
          #{e.seq} at <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
        </dd>
        <dt>Request</dt>
        <dd>
          <code>
            {e.method} {e.route}
          </code>{' '}
          → {e.status}, id <code>{e.requestId}</code>
        </dd>
        <dt>From</dt>
        <dd>
          {e.ip} ({e.via})
        </dd>
        <dt>Hash</dt>
        <dd className="admin-break">
          <code>{e.hash}</code>
        </dd>
        <dt>Previous hash</dt>
        <dd className="admin-break">
          <code>{e.prevHash}</code>
        </dd>
      </dl>
      {hasDetail ? (
        <pre className="log">{JSON.stringify(e.detail, null, 2)}</pre>
      ) : (
        <p className="muted small">No further detail was recorded.</p>
      )}
    </div>
  );
}
