import type { LiveWorkload } from './live-api';

/**
 * A workload's rollout: ready replicas of those desired as the bar, the replicas already on
 * the newest template as a lighter bar beneath, and both in words beside it.
 */
export function WorkloadProgress({ workload: w }: { workload: LiveWorkload }) {
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
          {w.desired === 0
            ? 'scaled to zero'
            : `${w.ready} of ${w.desired} ready · ${w.updated} updated · ${w.available} available`}
          {done && ' · rolled out'}
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
