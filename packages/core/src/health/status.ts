/**
 * Health of a Kubernetes object, in the vocabulary of Argo CD's gitops-engine so that people
 * who know Argo read Slipway's verdicts the same way.
 */
export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';

export interface HealthResult {
  status: HealthStatus;
  /** One plain sentence; empty only when there is nothing worth saying. */
  message: string;
}

/**
 * From least to most severe. Argo puts Unknown last (an assessment that failed is the most
 * conservative verdict). Slipway puts Degraded last: worstOf() decides a release's verdict and
 * whether to roll back, and a definite failure must not be hidden behind "cannot tell".
 */
export const healthOrder: readonly HealthStatus[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Unknown',
  'Degraded',
];

export function severity(status: HealthStatus): number {
  return healthOrder.indexOf(status);
}

/** True when `candidate` is worse than `current`. */
export function isWorse(current: HealthStatus, candidate: HealthStatus): boolean {
  return severity(candidate) > severity(current);
}

/** The most severe result; the first one wins a tie, so callers control which message shows. */
export function worstOf(results: Iterable<HealthResult>): HealthResult {
  let worst: HealthResult = { status: 'Healthy', message: '' };
  for (const r of results) if (isWorse(worst.status, r.status)) worst = r;
  return worst;
}

export const healthResult = (status: HealthStatus, message = ''): HealthResult => ({ status, message });
