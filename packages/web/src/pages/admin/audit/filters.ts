/**
 * The audit filters live in the address (?actor=…&since=…), so a filtered view can be
 * reloaded and shared. Times are kept as the datetime-local inputs hold them (the viewer's
 * time zone) and turned into ISO instants for the API.
 */
export interface AuditFilter {
  actor: string;
  action: string;
  target: string;
  since: string;
  until: string;
}

export const filterNames = ['actor', 'action', 'target', 'since', 'until'] as const;

export function filterOf(params: URLSearchParams): AuditFilter {
  return {
    actor: params.get('actor') ?? '',
    action: params.get('action') ?? '',
    target: params.get('target') ?? '',
    since: params.get('since') ?? '',
    until: params.get('until') ?? '',
  };
}

const instant = (local: string) => {
  const t = new Date(local).getTime();
  return Number.isFinite(t) ? new Date(t).toISOString() : local;
};

/** The API's query for a filter: only what is set, times as ISO instants. */
export function apiQuery(f: AuditFilter): {
  actor?: string;
  action?: string;
  target?: string;
  since?: string;
  until?: string;
} {
  return {
    ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    ...(f.action.trim() ? { action: f.action.trim() } : {}),
    ...(f.target.trim() ? { target: f.target.trim() } : {}),
    ...(f.since ? { since: instant(f.since) } : {}),
    ...(f.until ? { until: instant(f.until) } : {}),
  };
}

export function searchOf(f: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of filterNames) if (f[name].trim()) params.set(name, f[name].trim());
  return params;
}
