import { StatusBadge } from '../../components/StatusBadge';
import type { Release } from './model';

type Verification = NonNullable<Release['verification']>;
type Check = Verification['checks'][number];

const outcomes = [
  { key: 'pass', label: 'met' },
  { key: 'fail', label: 'missed' },
  { key: 'unknown', label: 'unknown (Prometheus did not answer)' },
  { key: 'no_data', label: 'no data' },
] as const;

/** Samples a check takes: one every interval from the start, the deadline's included. */
const expected = (c: Check) => Math.floor(c.durationSeconds / c.intervalSeconds) + 1;

/**
 * A release's metric checks: per check a bar of its samples so far — met, missed, unknown,
 * no data, and what is still to come — with the condition, the verdict's reason and the
 * values of the last sample. The bar says at a glance how far it is and how it goes.
 */
export function VerificationChecks({ verification }: { verification: Verification }) {
  return (
    <section className="verification" aria-label="Verification" data-verification={verification.state}>
      <div className="row">
        <strong>Verification</strong>
        <StatusBadge status={verification.state} />
        <span className="muted small">until {new Date(verification.deadline).toLocaleString()}</span>
      </div>
      <ul className="verification-checks">
        {verification.checks.map((c) => (
          <li key={c.name} data-check={c.name} data-check-state={c.state}>
            <div className="row">
              <code>{c.name}</code>
              <span className="muted small" data-check-origin={c.origin}>
                {c.origin === 'service' ? "the service's" : "the environment type's"}
              </span>
              <span className="muted small">
                {c.condition.op} {c.condition.threshold}, every {c.intervalSeconds} s for {c.durationSeconds} s
                {c.failureLimit > 0 ? `, ${c.failureLimit} failures tolerated` : ''}
              </span>
            </div>
            <SampleBar check={c} />
            <p className="small">{c.reason}</p>
            {c.last && c.last.values.length > 0 && (
              <p className="muted small">
                last values:{' '}
                <span className="mono">{c.last.values.map((v) => Number(v.toPrecision(4))).join(', ')}</span>
              </p>
            )}
            <details>
              <summary className="small">Query</summary>
              <pre className="mono small">{c.query}</pre>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SampleBar({ check }: { check: Check }) {
  const taken = outcomes.reduce((n, o) => n + check.counts[o.key], 0);
  const total = Math.max(expected(check), taken);
  const summary = outcomes
    .filter((o) => check.counts[o.key] > 0)
    .map((o) => `${check.counts[o.key]} ${o.label}`)
    .join(', ');
  return (
    <div className="sample-bar" role="img" aria-label={`${summary || 'no samples yet'} of ${total} samples`}>
      {outcomes.map((o) =>
        check.counts[o.key] > 0 ? (
          <span
            key={o.key}
            className={`sample-bar-${o.key}`}
            style={{ flexGrow: check.counts[o.key] }}
            title={`${check.counts[o.key]} ${o.label}`}
          />
        ) : null,
      )}
      <span className="sample-bar-rest" style={{ flexGrow: total - taken }} />
    </div>
  );
}
