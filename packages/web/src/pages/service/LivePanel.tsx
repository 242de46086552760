/**
 * A service in one environment as it runs, pushed by the server (GET …/live, `status` events):
 * the newest release and its verdict, a progress bar per workload, and a tile per pod. Each
 * new status replaces the last; when the release or its status changes, the rest of the page
 * (matrix, history) is refreshed too.
 */
import { useEffect, useState } from 'react';
import type { SlipwayError } from '../../api/client';
import { type StreamState, useEventStream } from '../../api/event-stream';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { type LiveStatus, liveUrl } from './live-api';
import { shortCommit, shortImage } from './model';
import { PodGrid } from './PodGrid';
import { useRefreshService } from './queries';
import { streamProblem } from './stream-problem';
import { WorkloadProgress } from './WorkloadProgress';

interface Failure {
  pod?: string;
  container?: string;
  reason?: string;
  message?: string;
  fix?: string;
}

export function LivePanel({ service, environment }: { service: string; environment: string }) {
  const [status, setStatus] = useState<LiveStatus | null>(null);
  const [problem, setProblem] = useState<SlipwayError | null>(null);
  const url = liveUrl(service, environment);
  const state = useEventStream(url, ['status'], (_name, data) => {
    setStatus(data as LiveStatus);
    setProblem(null);
  });
  const refresh = useRefreshService(service);

  // The stream closed for good (EventSource gives up on an error answer): say why in words.
  useEffect(() => {
    if (state !== 'closed') return;
    let active = true;
    void streamProblem(url).then((p) => active && setProblem(p));
    return () => {
      active = false;
    };
  }, [state, url]);

  // A new release or a new verdict changes the matrix and the history as well.
  const releaseKey = status?.release ? `${status.release.id}:${status.release.status}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh on a new release or verdict only
  useEffect(() => {
    if (releaseKey) refresh();
  }, [releaseKey]);

  const release = status?.release ?? null;
  const failures = ((release?.health as { failures?: Failure[] } | null)?.failures ?? []).slice(0, 5);
  return (
    <section className="live card" aria-labelledby="live-title" data-testid="live-panel" data-environment={environment}>
      <div className="live-head">
        <h2 id="live-title">
          {service} in {environment}
        </h2>
        <StreamIndicator state={state} />
      </div>
      <ErrorNotice error={problem} title="The live status could not be followed" />
      {!status && !problem && (
        <p className="muted" role="status">
          Waiting for the first status from the cluster…
        </p>
      )}
      {status && (
        <>
          <div className="live-release" data-testid="live-release" data-status={release?.status}>
            {release ? (
              <>
                <div className="row">
                  <strong>Release #{release.number}</strong>
                  <StatusBadge status={release.status} />
                  <span className="mono">{shortImage(release.image)}</span>
                  {release.commit && (
                    <span className="muted small">
                      commit <code>{shortCommit(release.commit)}</code>
                    </span>
                  )}
                </div>
                <p className="muted small live-message">{release.message}</p>
              </>
            ) : (
              <p className="muted">
                No release of {service} in {environment} yet.
              </p>
            )}
          </div>
          {failures.length > 0 && (
            <div className="notice bad">
              <strong>What is wrong</strong>
              <ul>
                {failures.map((f) => (
                  <li key={`${f.pod}/${f.container}/${f.reason}`}>
                    {f.message} {f.fix && <span className="muted">{f.fix}</span>}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <h3>Workloads</h3>
          {status.workloads.length === 0 ? (
            <p className="muted">
              No Deployment, StatefulSet, CronJob or Job of {service} runs in {environment}.
            </p>
          ) : (
            <ul className="plain stack">
              {status.workloads.map((w) => (
                <li key={`${w.kind}/${w.name}`}>
                  <WorkloadProgress workload={w} />
                </li>
              ))}
            </ul>
          )}
          <h3>
            Pods{' '}
            <span className="muted small">
              ({status.pods.filter((p) => p.ready).length} of {status.pods.length} ready)
            </span>
          </h3>
          <PodGrid pods={status.pods} />
          <p className="muted small">
            Namespace <code>{status.namespace}</code> on cluster <code>{status.cluster}</code> · updated{' '}
            <TimeAgo at={status.at} />
          </p>
        </>
      )}
    </section>
  );
}

const stateWords: Record<StreamState, string> = {
  connecting: 'Connecting…',
  open: 'Live',
  error: 'Reconnecting…',
  closed: 'Not live',
};

/** Whether the page is receiving updates, in words (the dot's colour only repeats them). */
function StreamIndicator({ state }: { state: StreamState }) {
  return (
    <span className={`stream-state ${state}`} data-testid="stream-state" data-state={state}>
      <span className="stream-dot" aria-hidden="true" />
      {stateWords[state]}
    </span>
  );
}
