/**
 * Diagnostic checks, shared by the server's /doctor endpoint, the CLI's `slipway doctor` and
 * the portal: each part of the system says whether it works, in plain words.
 */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  /** Which part: server, database, cluster, ... */
  name: string;
  status: CheckStatus;
  /** One sentence a person can act on. */
  message: string;
  /** What to do about a warning or failure. */
  hint?: string;
  details?: Record<string, string | number | boolean>;
}

/** The overall verdict: the worst of the parts. */
export function overallStatus(checks: readonly CheckResult[]): CheckStatus {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  if (checks.some((c) => c.status === 'warn')) return 'warn';
  return 'ok';
}
