/**
 * A run's steps as a vertical progress list: each step's status in words, how long it took,
 * and the log lines it wrote, as they arrive.
 */
import { StatusBadge } from '../../components/StatusBadge';
import type { TemplateRunView } from './queries';
import { ScrollablePre } from './ScrollablePre';

type Step = TemplateRunView['steps'][number];

/** The badge of a step status; a finished step reads "done". */
export function stepBadge(status: string): { status: string; label?: string } {
  if (status === 'succeeded') return { status, label: 'done' };
  return { status };
}

const marks: Record<string, string> = { succeeded: '✓', failed: '✕', skipped: '–', running: '…' };

export function seconds(from: string | null, to: string | null): string | null {
  if (!from || !to) return null;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return ms >= 0 ? `${(ms / 1000).toFixed(1)}s` : null;
}

export function RunSteps({
  steps,
  statuses,
  logs,
}: {
  steps: readonly Step[];
  /** Live statuses from the event stream, by step id; they win over the fetched ones. */
  statuses: Readonly<Record<string, string>>;
  logs: Readonly<Record<string, readonly string[]>>;
}) {
  return (
    <ol className="run-steps">
      {steps.map((step, i) => {
        const status = statuses[step.id] ?? step.status;
        const lines = logs[step.id] ?? [];
        const took = seconds(step.startedAt, step.finishedAt);
        return (
          <li key={step.id} className="run-step" data-status={status} data-testid={`step-${step.id}`}>
            <span className="run-step-mark" aria-hidden="true">
              {marks[status] ?? i + 1}
            </span>
            <div className="run-step-body">
              <div className="run-step-head">
                <h3>{step.name}</h3>
                <StatusBadge {...stepBadge(status)} />
                <code className="muted">{step.action}</code>
                {took && status !== 'skipped' && <span className="muted">{took}</span>}
              </div>
              {lines.length > 0 && (
                <ScrollablePre className="run-step-log" label={`Log of ${step.name}`}>
                  {lines.join('\n')}
                </ScrollablePre>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
