import { Link } from 'react-router';
import { EmptyState, TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { Table } from '../../components/Table';
import { typeOf, useServiceContext } from './context';
import { type EnvironmentSummary, type Release, rollbackTarget } from './model';
import { ReleaseFacts, releaseOrigin } from './ReleaseFacts';
import { ServiceChecks } from './ServiceChecks';

/**
 * The environments × releases matrix: for each environment the service runs in, what runs
 * now, the last release that was healthy, and what waits for approval — what is where.
 */
export function OverviewTab() {
  const ctx = useServiceContext();
  const deployed = new Set(ctx.summaries.map((s) => s.environment));
  const elsewhere = ctx.environments.filter((e) => !deployed.has(e.name) && e.status !== 'deleted');
  if (ctx.summaries.length === 0) {
    return (
      <EmptyState title={`${ctx.service} is not deployed anywhere yet`}>
        <p>
          Deploy its Score workload to an environment to see it here:{' '}
          <button type="button" className="primary" onClick={() => ctx.act({ kind: 'deploy' })}>
            Deploy…
          </button>
        </p>
        <p>
          From a terminal: <code>slipway deploy --env dev</code> in the directory of its <code>score.yaml</code>.
        </p>
      </EmptyState>
    );
  }
  return (
    <section aria-labelledby="matrix-title">
      <h2 id="matrix-title">Where {ctx.service} runs</h2>
      <Table
        caption={`Releases of ${ctx.service} in each environment`}
        className="matrix"
        columns={[
          'Environment',
          'Running now',
          'Last healthy',
          'Waiting for approval',
          { label: 'Actions', hidden: true },
        ]}
        items={ctx.summaries}
        empty={null}
      >
        {(s) => <MatrixRow key={s.environment} summary={s} />}
      </Table>
      {elsewhere.length > 0 && (
        <p className="muted">
          Not deployed to {elsewhere.map((e) => e.name).join(', ')}.{' '}
          <button type="button" className="link-button" onClick={() => ctx.act({ kind: 'promote' })}>
            Promote a healthy release there…
          </button>
        </p>
      )}
      <ServiceChecks service={ctx.service} />
    </section>
  );
}

/**
 * What the periodic drift scan found in the cluster that the running release did not set: the
 * objects and fields, when it looked, and where to see the values (the Releases tab).
 */
function DriftNote({ release, environment }: { release: Release; environment: string }) {
  const ctx = useServiceContext();
  const drift = release.drift;
  if (drift?.status !== 'drifted') return null;
  return (
    <div className="small drift-note" data-testid={`drift-note-${environment}`}>
      <StatusBadge status="drifted" /> The cluster differs from #{release.number}:{' '}
      {drift.objects.map(describeDrift).join('; ')}. Checked <TimeAgo at={drift.checkedAt} />;{' '}
      <Link to={`/services/${ctx.service}/releases?env=${environment}`}>see the changes</Link>
    </div>
  );
}

/** "Deployment web: /spec/replicas" or "Service web is missing". */
function describeDrift(object: NonNullable<Release['drift']>['objects'][number]): string {
  const [, kind, , name] = object.key.split('/');
  if (object.state === 'missing') return `${kind} ${name} is missing`;
  return `${kind} ${name}: ${object.paths.join(', ')}`;
}

function MatrixRow({ summary }: { summary: EnvironmentSummary }) {
  const ctx = useServiceContext();
  const { env, type } = typeOf(ctx, summary.environment);
  const { current, lastHealthy, pending } = summary;
  const target = rollbackTarget(summary);
  const all = ctx.summaries.flatMap((s) => s.history);
  return (
    <tr
      data-environment={summary.environment}
      aria-current={ctx.environment === summary.environment ? 'true' : undefined}
    >
      <th scope="row" data-label="Environment">
        <div className="stack tight">
          <strong>{summary.environment}</strong>
          <span className="muted small">
            {type?.name ?? env?.type ?? 'unknown type'}
            {type?.requiresApproval ? ' · approval required' : ''}
          </span>
          {env?.status === 'paused' && <StatusBadge status="paused" />}
        </div>
      </th>
      <td data-label="Running now" className="running" data-status={current?.status}>
        {current ? (
          <>
            <ReleaseFacts release={current} />
            <div className="muted small">{releaseOrigin(current, all)}</div>
            {current.status !== 'healthy' && current.message && <div className="small">{current.message}</div>}
            <DriftNote release={current} environment={summary.environment} />
            {summary.lastFailure && summary.lastFailure.id !== current.id && (
              <div className="small failure-note">
                <StatusBadge
                  status={summary.lastFailure.status}
                  label={`#${summary.lastFailure.number} ${summary.lastFailure.status}`}
                />{' '}
                {summary.lastFailure.message}
              </div>
            )}
          </>
        ) : (
          <span className="muted">Nothing yet</span>
        )}
      </td>
      <td data-label="Last healthy">
        {lastHealthy && lastHealthy.id === current?.id ? (
          <span className="muted">The one running now</span>
        ) : lastHealthy ? (
          <ReleaseFacts release={lastHealthy} compact />
        ) : (
          <span className="muted">None yet</span>
        )}
      </td>
      <td data-label="Waiting for approval">
        {pending.length === 0 ? (
          <span className="muted">Nothing waiting</span>
        ) : (
          <ul className="plain stack tight">
            {pending.map((r) => (
              <li key={r.id}>
                <ReleaseFacts release={r} compact />
                <div className="row">
                  <button type="button" className="primary" onClick={() => ctx.act({ kind: 'approve', release: r })}>
                    Approve #{r.number}…
                  </button>
                  <button type="button" className="danger" onClick={() => ctx.act({ kind: 'reject', release: r })}>
                    Reject…
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td data-label="Actions">
        <div className="matrix-actions">
          <Link className="button" to={`/services/${ctx.service}/live?env=${summary.environment}`}>
            Live
          </Link>
          <button type="button" onClick={() => ctx.act({ kind: 'deploy', environment: summary.environment })}>
            Deploy…
          </button>
          {lastHealthy && ctx.environments.length > 1 && (
            <button type="button" onClick={() => ctx.act({ kind: 'promote', from: summary.environment })}>
              Promote…
            </button>
          )}
          {target && (
            <button
              type="button"
              onClick={() => ctx.act({ kind: 'rollback', environment: summary.environment, target })}
            >
              Roll back to #{target.number}…
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
