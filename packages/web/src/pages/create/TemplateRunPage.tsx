/**
 * One template run, live: its steps go pending → running → done (or failed) as the server's
 * event stream says, each with its log lines, and at the end the outcome with its links.
 * The stream replays every event from the start, so a reload (or StrictMode's second
 * connection) rebuilds the same picture; events are kept by sequence number, once each.
 */
import './create.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useEventStream } from '../../api/event-stream';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading, PageHeader, TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { DryRunFiles } from './DryRunFiles';
import { createKeys, shortRef, type TemplateRunView } from './queries';
import { RunOutcome } from './RunOutcome';
import { RunSteps } from './RunSteps';

interface RunEvent {
  seq: number;
  type: 'step' | 'log' | 'run';
  stepId: string;
  message: string;
}

const isRunEvent = (data: unknown): data is RunEvent =>
  typeof data === 'object' && data !== null && typeof (data as RunEvent).seq === 'number';

export default function TemplateRunPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const run = useQuery({
    queryKey: createKeys.run(id),
    queryFn: () => call(api.GET('/api/v1/template-runs/{id}', { params: { path: { id } } })),
  });
  const [events, setEvents] = useState<ReadonlyMap<number, RunEvent>>(new Map());
  const onEvent = useCallback(
    (name: string, data: unknown) => {
      if (!isRunEvent(data)) return;
      setEvents((current) => (current.has(data.seq) ? current : new Map(current).set(data.seq, data)));
      // Timings and outputs are on the run itself: read it again when a step or the run ends.
      if (name === 'run' || (name === 'step' && data.message !== 'running'))
        void queryClient.invalidateQueries({ queryKey: createKeys.runs });
    },
    [queryClient],
  );
  const stream = useEventStream(
    run.data ? `/api/v1/template-runs/${encodeURIComponent(id)}/events` : null,
    ['step', 'log', 'run'],
    onEvent,
    ['run'],
  );

  if (!run.data) {
    return (
      <>
        <PageHeader title="Template run" />
        <ErrorNotice error={run.error} title="The run could not be read" />
        {run.isPending && <Loading what="the run" />}
      </>
    );
  }
  const view = run.data.run;
  const { statuses, logs, ended } = replay(events);
  const name = typeof view.parameters.name === 'string' ? view.parameters.name : null;
  return (
    <>
      <PageHeader
        title={view.dryRun ? `Dry run${name ? ` of ${name}` : ''}` : name ? `Creating ${name}` : 'Template run'}
        summary={
          <>
            {shortRef(view.templateRef)}
            {view.dryRun && ' (dry run)'} · started by {view.createdBy} <TimeAgo at={view.createdAt} />
          </>
        }
        actions={
          <Link to="/create" className="button">
            All templates
          </Link>
        }
      />
      <div className="run-status row">
        <StatusBadge status={ended ? (ended.startsWith('failed') ? 'failed' : 'succeeded') : view.status} />
        <Progress run={view} statuses={statuses} stream={stream} />
      </div>
      <section aria-labelledby="run-steps-title">
        <h2 id="run-steps-title">Steps</h2>
        <RunSteps steps={view.steps} statuses={statuses} logs={logs} />
      </section>
      {/* A dry run's outcome is its files; a real run's, the new service and its links. */}
      {view.dryRun && view.status === 'succeeded' ? <DryRunFiles run={view} /> : <RunOutcome run={view} />}
    </>
  );
}

/** The steps' latest statuses and their log lines, from the events in order. */
export function replay(events: ReadonlyMap<number, RunEvent>) {
  const statuses: Record<string, string> = {};
  const logs: Record<string, string[]> = {};
  let ended: string | null = null;
  for (const event of [...events.values()].sort((a, b) => a.seq - b.seq)) {
    if (event.type === 'step') statuses[event.stepId] = event.message;
    if (event.type === 'log') logs[event.stepId] = [...(logs[event.stepId] ?? []), event.message];
    if (event.type === 'run') ended = event.message;
  }
  return { statuses, logs, ended };
}

/** "Step 2 of 4: Push to the repository", announced politely as the run moves on. */
function Progress({
  run,
  statuses,
  stream,
}: {
  run: TemplateRunView;
  statuses: Record<string, string>;
  stream: string;
}) {
  const status = (s: TemplateRunView['steps'][number]) => statuses[s.id] ?? s.status;
  const finished = run.steps.filter((s) => ['succeeded', 'failed', 'skipped'].includes(status(s))).length;
  const running = run.steps.find((s) => status(s) === 'running');
  const index = running ? run.steps.indexOf(running) + 1 : 0;
  let text = `${finished} of ${run.steps.length} steps finished`;
  if (running) text = `Step ${index} of ${run.steps.length}: ${running.name}`;
  if (run.finishedAt) text = `Finished: ${finished} of ${run.steps.length} steps ran or were skipped`;
  return (
    <p className="muted run-progress" role="status" aria-live="polite">
      {text}
      {stream === 'error' && !run.finishedAt && ' · connection lost, reconnecting…'}
    </p>
  );
}
