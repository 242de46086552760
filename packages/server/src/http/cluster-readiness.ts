import { type KubeConfig, VersionApi } from '@kubernetes/client-node';
import { describeFailure } from '../kube/api-errors.ts';
import { withTimeout } from '../util/with-timeout.ts';

export interface ReadinessCheck {
  ok: boolean;
  message: string;
  latencyMs?: number;
}

export interface ClusterReadinessOptions {
  /** How long one answer is reused: every replica's probe must not become a call to the API server. */
  cacheMs?: number;
  timeoutMs?: number;
  /** A monotonic clock in milliseconds (default: performance.now). */
  now?: () => number;
}

/**
 * Whether the cluster Slipway deploys to answers, for `/readyz`: `GET /version`, the cheapest
 * call every identity may make. Answers are cached for a few seconds and concurrent probes
 * share one call in flight. Without a configured cluster there is nothing to wait for.
 */
export function clusterReadiness(kc: KubeConfig | null, options: ClusterReadinessOptions = {}) {
  const cacheMs = options.cacheMs ?? 5000;
  const timeoutMs = options.timeoutMs ?? 2000;
  const now = options.now ?? (() => performance.now());
  let cached: { at: number; check: Promise<ReadinessCheck> } | undefined;

  return function check(): Promise<ReadinessCheck> {
    if (!kc) return Promise.resolve({ ok: true, message: 'no cluster configured' });
    if (cached && now() - cached.at < cacheMs) return cached.check;
    cached = { at: now(), check: askVersion(kc, timeoutMs, now) };
    return cached.check;
  };
}

async function askVersion(kc: KubeConfig, timeoutMs: number, now: () => number): Promise<ReadinessCheck> {
  const server = kc.getCurrentCluster()?.server ?? 'unknown';
  const started = now();
  try {
    const version = await withTimeout(kc.makeApiClient(VersionApi).getCode(), timeoutMs);
    return { ok: true, message: `${server} answers (${version.gitVersion})`, latencyMs: Math.round(now() - started) };
  } catch (error) {
    return { ok: false, message: `${server} does not answer: ${describeFailure(error)}` };
  }
}
