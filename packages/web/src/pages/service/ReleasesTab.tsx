import { Fragment, useState } from 'react';
import { EmptyState, TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { Table } from '../../components/Table';
import { useServiceContext } from './context';
import { EnvironmentPicker } from './EnvironmentPicker';
import { shortCommit, shortImage } from './model';
import { ReleaseChanges } from './ReleaseChanges';
import { releaseOrigin } from './ReleaseFacts';
import { VerificationChecks } from './VerificationChecks';

/**
 * The release history of the service in one environment, newest first. Each release opens to
 * show what it changed against the one before it, and whether the cluster still matches it.
 */
export function ReleasesTab() {
  const ctx = useServiceContext();
  const summary = ctx.summaries.find((s) => s.environment === ctx.environment);
  const all = ctx.summaries.flatMap((s) => s.history);
  const [open, setOpen] = useState<Set<string>>(() => new Set(summary?.history[0] ? [summary.history[0].id] : []));
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  if (!summary) {
    return (
      <EmptyState title="No releases yet">
        Each deploy, promotion and rollback of {ctx.service} appears here.
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <EnvironmentPicker id="releases-env" />
      <Table
        caption={`Releases of ${ctx.service} in ${summary.environment}, newest first`}
        className="releases"
        columns={['#', 'Status', 'Image', 'What', 'By', 'When', { label: 'Details and actions', hidden: true }]}
        items={summary.history}
        empty={`No releases of ${ctx.service} in ${summary.environment} yet.`}
      >
        {(r) => {
          const expanded = open.has(r.id);
          const canRollBack = r.status === 'healthy' && summary.current !== null && r.id !== summary.current.id;
          return (
            <Fragment key={r.id}>
              <tr data-release={r.number} data-release-status={r.status}>
                <th scope="row">#{r.number}</th>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td>
                  <span className="mono">{shortImage(r.image)}</span>
                  {r.commit && (
                    <div className="muted small">
                      commit <code>{shortCommit(r.commit)}</code>
                    </div>
                  )}
                </td>
                <td>
                  {releaseOrigin(r, all)}
                  {r.reason && <div className="muted small">“{r.reason}”</div>}
                  {r.approvals.map((a) => (
                    <div key={`${a.actor}${a.at}`} className="muted small">
                      {a.decision} by {a.actor}
                      {a.comment ? `: “${a.comment}”` : ''}
                    </div>
                  ))}
                </td>
                <td>{r.createdBy}</td>
                <td>
                  <TimeAgo at={r.createdAt} />
                </td>
                <td>
                  <div className="row nowrap">
                    <button
                      type="button"
                      aria-expanded={expanded}
                      aria-controls={`changes-row-${r.id}`}
                      onClick={() => toggle(r.id)}
                    >
                      {expanded ? 'Hide changes' : 'Changes'}
                      <span className="visually-hidden"> of #{r.number}</span>
                    </button>
                    {canRollBack && (
                      <button
                        type="button"
                        onClick={() => ctx.act({ kind: 'rollback', environment: r.environment, target: r })}
                      >
                        Roll back to #{r.number}…
                      </button>
                    )}
                    {r.status === 'pending_approval' && (
                      <>
                        <button
                          type="button"
                          className="primary"
                          onClick={() => ctx.act({ kind: 'approve', release: r })}
                        >
                          Approve…
                        </button>
                        <button
                          type="button"
                          className="danger"
                          onClick={() => ctx.act({ kind: 'reject', release: r })}
                        >
                          Reject…
                        </button>
                      </>
                    )}
                  </div>
                </td>
              </tr>
              {expanded && (
                <tr id={`changes-row-${r.id}`} className="changes-row">
                  <td colSpan={7}>
                    {r.message && <p className="small">{r.message}</p>}
                    {r.verification && <VerificationChecks verification={r.verification} />}
                    <ReleaseChanges release={r} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        }}
      </Table>
    </div>
  );
}
