/**
 * The live routes of a service in an environment (GET …/live, …/events, …/logs). They are newer
 * than the portal's generated API types, so they are called with fetch here and their answers
 * typed by hand after packages/server/src/http/schemas/live.ts; failures become the same
 * SlipwayError as every other call. Once schema.d.ts is regenerated these can move to `api`.
 */
import { SlipwayError } from '../../api/client';
import type { Release } from './model';

export interface LiveWorkload {
  kind: 'Deployment' | 'StatefulSet';
  name: string;
  desired: number;
  ready: number;
  updated: number;
  available: number;
}

export interface LivePod {
  name: string;
  workload: string | null;
  phase: string;
  ready: boolean;
  restarts: number;
  reason: string | null;
  message: string | null;
  node: string | null;
  startedAt: string | null;
}

export interface LiveStatus {
  service: string;
  environment: string;
  namespace: string;
  cluster: string;
  at: string;
  release: Release | null;
  workloads: LiveWorkload[];
  pods: LivePod[];
}

export interface LiveEvent {
  type: string;
  reason: string;
  message: string;
  object: string;
  count: number;
  firstAt: string | null;
  lastAt: string | null;
}

export interface LogLine {
  pod: string;
  container: string;
  at?: string | null;
  text: string;
}

export interface LogUnavailable {
  pod: string;
  container: string;
  message: string;
}

const base = (service: string, environment: string) =>
  `/api/v1/services/${encodeURIComponent(service)}/environments/${encodeURIComponent(environment)}`;

export const liveUrl = (service: string, environment: string) => `${base(service, environment)}/live`;

export interface LogQuery {
  pod?: string | undefined;
  container?: string | undefined;
  tailLines?: number | undefined;
  search?: string | undefined;
}

export function logsUrl(service: string, environment: string, query: LogQuery, follow: boolean): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (follow) params.set('follow', 'true');
  const q = params.toString();
  return `${base(service, environment)}/logs${q ? `?${q}` : ''}`;
}

async function getJson<T>(url: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch (cause) {
    throw new SlipwayError('unavailable', 'The Slipway server could not be reached.', {
      hint: 'Check your connection; the page retries on its own.',
      cause,
    });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw SlipwayError.fromBody(body, response.status);
  return body as T;
}

export function fetchEvents(service: string, environment: string, limit = 100): Promise<{ items: LiveEvent[] }> {
  return getJson(`${base(service, environment)}/events?limit=${limit}`);
}

export function fetchLogs(
  service: string,
  environment: string,
  query: LogQuery,
): Promise<{ lines: LogLine[]; unavailable: LogUnavailable[] }> {
  return getJson(logsUrl(service, environment, query, false));
}
