/** The tone of each status word Slipway uses, so the same word looks the same everywhere. */
const tones: Record<string, 'ok' | 'warn' | 'bad' | 'info' | 'neutral'> = {
  healthy: 'ok',
  ready: 'ok',
  running: 'info',
  succeeded: 'ok',
  completed: 'ok',
  active: 'ok',
  progressing: 'info',
  verifying: 'info',
  passed: 'ok',
  stopped: 'neutral',
  applying: 'info',
  queued: 'info',
  pending: 'info',
  pending_approval: 'warn',
  paused: 'warn',
  drifted: 'warn',
  degraded: 'bad',
  failed: 'bad',
  rejected: 'bad',
  error: 'bad',
  unreachable: 'bad',
  expired: 'neutral',
  superseded: 'neutral',
  missing: 'neutral',
  unknown: 'neutral',
};

/** A coloured pill with the status in words (colour is never the only signal). */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const key = status.toLowerCase();
  const tone = tones[key] ?? 'neutral';
  return (
    <span className={`badge ${tone}`} data-status={key}>
      {label ?? key.replace(/_/g, ' ')}
    </span>
  );
}
