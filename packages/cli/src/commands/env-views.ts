import type { EnvironmentDefaults } from '@slipway/core';
import type { EnvironmentView, PauseAnswer, ReleaseView } from '../client.ts';
import { formatTable, formatTime } from '../output.ts';
import { formatUntil } from '../time.ts';

/** How `slipway env` shows environments: one-line summaries, the list, the detail of one. */

/** The API document leaves `defaults` open (the type's defaults with overrides): core's shape. */
const defaultsOf = (e: EnvironmentView) => e.defaults as Partial<EnvironmentDefaults>;

export function pauseLine(action: 'pause' | 'resume', answer: PauseAnswer): string {
  const e = answer.environment;
  const workloads = count(answer.scaledDown, 'workload');
  const cronJobs = count(answer.suspended, 'CronJob');
  return action === 'pause'
    ? `Paused ${e.name} (namespace ${e.namespace}): ${workloads} scaled to zero, ${cronJobs} suspended. ` +
        `Resume it with: slipway env resume ${e.name}`
    : `Resumed ${e.name} (namespace ${e.namespace}): ${workloads} scaled back up, ${cronJobs} running again.`;
}

export function summary(e: EnvironmentView): string {
  const parts = [`type ${e.type}`, `cluster ${e.cluster}`, `namespace ${e.namespace}`];
  if (e.domain) parts.push(`domain ${e.domain}`);
  parts.push(`routes as ${e.routeKind}`);
  const defaults = defaultsOf(e);
  if (defaults.replicas !== undefined) parts.push(count(defaults.replicas, 'replica'));
  if (defaults.progressDeadlineSeconds !== undefined) {
    parts.push(`progress deadline ${defaults.progressDeadlineSeconds} s`);
  }
  if (e.schedule) parts.push(`paused from "${e.schedule.pause}" to "${e.schedule.resume}" (${e.schedule.timezone})`);
  parts.push(e.expiresAt ? `expires ${formatTime(e.expiresAt, '-')}` : 'does not expire');
  return parts.join(', ');
}

export function expiryLine(e: EnvironmentView): string {
  return e.expiresAt
    ? `It expires ${formatUntil(e.expiresAt)} (${formatTime(e.expiresAt, '-')}) and is deleted then.`
    : 'It does not expire.';
}

export function scheduleLines(e: EnvironmentView): string[] {
  if (!e.schedule) return [];
  const { pause, resume, timezone } = e.schedule;
  return [`It pauses at "${pause}" and resumes at "${resume}" (${timezone}).`];
}

export function environmentTable(items: EnvironmentView[]): string[] {
  const rows = items.map((e) => [
    e.name,
    e.type,
    e.cluster,
    e.namespace,
    e.status,
    e.expiresAt && e.status !== 'deleted' ? formatUntil(e.expiresAt) : 'never',
  ]);
  return formatTable(['NAME', 'TYPE', 'CLUSTER', 'NAMESPACE', 'STATUS', 'EXPIRES'], rows);
}

/** The newest release of each service, from releases listed newest first. */
export function currentPerService(releases: readonly ReleaseView[]): ReleaseView[] {
  const seen = new Map<string, ReleaseView>();
  for (const r of releases) if (!seen.has(r.service)) seen.set(r.service, r);
  return [...seen.values()].sort((a, b) => a.service.localeCompare(b.service));
}

export function describeEnvironment(e: EnvironmentView, services: readonly ReleaseView[]): string[] {
  const rows: Array<[string, string]> = [
    ['type', e.type],
    ['cluster', e.cluster],
    ['namespace', e.namespace],
    ['status', e.status === 'paused' && e.pausedAt ? `paused since ${formatTime(e.pausedAt, '-')}` : e.status],
    ['routes', `${e.routeKind}${e.domain ? ` under ${e.domain}` : ''}`],
    ['defaults', defaultsLine(e)],
    [
      'schedule',
      e.schedule ? `pause "${e.schedule.pause}", resume "${e.schedule.resume}" (${e.schedule.timezone})` : 'none',
    ],
    ['expires', e.expiresAt ? `${formatTime(e.expiresAt, '-')} (${formatUntil(e.expiresAt)})` : 'never'],
  ];
  if (e.gitops)
    rows.push([
      'gitops',
      `releases committed to ${e.gitops.repository} (${e.gitops.branch ?? 'main'}, ${e.gitops.path ?? e.name}/) for a GitOps tool to apply`,
    ]);
  if (e.origin) rows.push(['origin', originLine(e.origin)]);
  rows.push(['created', `${formatTime(e.createdAt, '-')} by ${e.createdBy}`]);
  rows.push(['owner', e.owner ? `team ${e.owner}` : 'shared (the platform)']);
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  const lines = [`Environment ${e.name}`, ...rows.map(([label, value]) => `  ${`${label}:`.padEnd(width)}  ${value}`)];
  lines.push('');
  if (services.length === 0) {
    lines.push('No services deployed yet.');
  } else {
    const table = formatTable(
      ['SERVICE', '#', 'STATUS', 'IMAGE'],
      services.map((r) => [r.service, String(r.number), r.status, r.image ?? '-']),
    );
    lines.push(...table);
  }
  return lines;
}

function defaultsLine(e: EnvironmentView): string {
  const parts: string[] = [];
  const defaults = defaultsOf(e);
  if (defaults.replicas !== undefined) parts.push(count(defaults.replicas, 'replica'));
  if (defaults.progressDeadlineSeconds !== undefined) {
    parts.push(`progress deadline ${defaults.progressDeadlineSeconds}s`);
  }
  const overridden = Object.keys(e.overrides);
  if (overridden.length > 0) parts.push(`overridden here: ${overridden.join(', ')}`);
  return parts.join(', ') || "the type's";
}

function originLine(origin: Record<string, unknown>): string {
  if (origin.kind === 'clone' && typeof origin.from === 'string') return `clone of ${origin.from}`;
  const fields = Object.entries(origin).map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return fields.join(', ');
}

export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
