import type { LivePod } from './live-api';

/** The words for a pod's state: its reason when it has one (CrashLoopBackOff…), else its phase. */
function podState(pod: LivePod): { tone: 'ok' | 'warn' | 'bad' | 'info'; words: string } {
  if (pod.reason === 'Terminating') return { tone: 'info', words: 'Terminating' };
  if (pod.ready) return { tone: 'ok', words: 'Ready' };
  if (pod.phase === 'Failed' || (pod.reason && /BackOff|Err|Error|OOM|Evicted|Invalid/.test(pod.reason))) {
    return { tone: 'bad', words: pod.reason ?? pod.phase };
  }
  return { tone: 'warn', words: pod.reason ?? (pod.phase === 'Running' ? 'Not ready' : pod.phase) };
}

/** The part of a pod's name that tells it apart from its siblings (web-7c9d-x2k4p → x2k4p). */
function shortName(pod: LivePod): string {
  if (pod.workload && pod.name.startsWith(`${pod.workload}-`)) return pod.name.slice(pod.workload.length + 1);
  return pod.name;
}

/**
 * One small tile per pod: ready or not (in words, colour repeats it), its phase, restarts and
 * why it is not running. data-pod / data-ready let tests and benchmarks see a change arrive.
 */
export function PodGrid({ pods }: { pods: LivePod[] }) {
  if (pods.length === 0) return <p className="muted">No pods right now.</p>;
  return (
    <ul className="pods" aria-label="Pods">
      {pods.map((pod) => {
        const state = podState(pod);
        const details = [pod.name, `phase ${pod.phase}`, pod.node ? `on node ${pod.node}` : null, pod.message].filter(
          Boolean,
        );
        return (
          <li
            key={pod.name}
            className={`pod ${state.tone}`}
            data-pod={pod.name}
            data-ready={pod.ready ? 'true' : 'false'}
            data-reason={pod.reason ?? ''}
            title={details.join('\n')}
          >
            <span className="pod-name mono">{shortName(pod)}</span>
            <span className="pod-state">
              <span aria-hidden="true">{pod.ready ? '✓ ' : state.tone === 'bad' ? '✕ ' : '… '}</span>
              {state.words}
            </span>
            <span className="pod-meta small">
              {pod.phase}
              {pod.restarts > 0 && ` · ${pod.restarts} restart${pod.restarts === 1 ? '' : 's'}`}
            </span>
            {pod.message && state.tone === 'bad' && <span className="pod-message small">{pod.message}</span>}
          </li>
        );
      })}
    </ul>
  );
}
