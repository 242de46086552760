import { TimeAgo } from '../../components/Page';
import type { LiveWorkload } from './live-api';

/**
 * A workload's rollout: ready replicas of those desired as the bar, the replicas already on
 * the newest template as a lighter bar beneath, and both in words beside it.
 */
export function WorkloadProgress({ workload: w }: { workload: LiveWorkload }) {
  if (w.kind === 'CronJob') return <CronJobRuns workload={w} />;
  const max = Math.max(w.desired, 1);
  const pct = (n: number) => `${Math.min(100, Math.round((n / max) * 100))}%`;
  const done = w.desired > 0 && w.ready >= w.desired && w.updated >= w.desired;
  const label = `${w.kind} ${w.name}: ${w.ready} of ${w.desired} ready`;
  return (
    <div className="workload" data-workload={w.name} data-ready={w.ready} data-desired={w.desired}>
      <div className="row workload-head">
        <strong>{w.name}</strong>
        <span className="muted small">{w.kind}</span>
        <span className="workload-words">
          {w.runs ? (
            <JobWords workload={w} runs={w.runs} />
          ) : w.desired === 0 ? (
            'scaled to zero'
          ) : (
            `${w.ready} of ${w.desired} ready · ${w.updated} updated · ${w.available} available`
          )}
          {done && (w.runs ? ' · done' : ' · rolled out')}
        </span>
      </div>
      <div
        className={`bar ${done ? 'done' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={w.desired}
        aria-valuenow={Math.min(w.ready, w.desired)}
        aria-valuetext={`${w.ready} of ${w.desired} ready, ${w.updated} updated`}
      >
        <span className="bar-updated" style={{ width: pct(w.updated) }} />
        <span className="bar-ready" style={{ width: pct(w.ready) }} />
      </div>
    </div>
  );
}

type Runs = NonNullable<LiveWorkload['runs']>;

/** A Job: its bar counts succeeded pods of the completions wanted (above); its words say the rest. */
function JobWords({ workload: w, runs }: { workload: LiveWorkload; runs: Runs }) {
  const { active, failed } = runs;
  return (
    <>
      {w.ready} of {w.desired} succeeded
      {active > 0 && ` · ${active} running`}
      {failed > 0 && ` · ${failed} failed`}
      {runs.lastSuccessAt && (
        <>
          {' '}
          · completed <TimeAgo at={runs.lastSuccessAt} />
        </>
      )}
    </>
  );
}

/** A CronJob has nothing to roll out: it shows its schedule, whether it is suspended, and its runs. */
function CronJobRuns({ workload: w }: { workload: LiveWorkload }) {
  const runs = w.runs;
  return (
    <div className="workload" data-workload={w.name} data-suspended={runs?.suspended ? 'true' : 'false'}>
      <div className="row workload-head">
        <strong>{w.name}</strong>
        <span className="muted small">CronJob</span>
        <span className="workload-words">
          <code>{runs?.schedule}</code>
          {runs?.suspended && ' · suspended'}
          {runs && runs.active > 0 && ` · ${runs.active} running`}
          {' · last run '}
          {runs?.lastStartAt ? <TimeAgo at={runs.lastStartAt} /> : 'not yet'}
          {runs?.lastSuccessAt && (
            <>
              {' '}
              · last success <TimeAgo at={runs.lastSuccessAt} />
            </>
          )}
        </span>
      </div>
    </div>
  );
}
