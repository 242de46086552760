/**
 * The live routes of a service in an environment (GET …/live, …/events, …/logs). Events and
 * logs go through the typed client; the live status and followed logs are server-sent event
 * streams, opened by URL (useEventStream), their payloads typed from the API document.
 */

import type { operations } from '@slipway/api-client';
import { api, call, type Schemas } from '../../api/client';

export type LiveStatus = Schemas['LiveStatus'];
export type LiveWorkload = LiveStatus['workloads'][number];
export type LivePod = LiveStatus['pods'][number];
type LogsAnswer = operations['getServiceLogs']['responses'][200]['content']['application/json'];
export type LiveEvent =
  operations['listServiceEvents']['responses'][200]['content']['application/json']['items'][number];
export type LogLine = LogsAnswer['lines'][number];
export type LogUnavailable = LogsAnswer['unavailable'][number];

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

export function fetchEvents(service: string, environment: string, limit = 100) {
  return call(
    api.GET('/api/v1/services/{service}/environments/{environment}/events', {
      params: { path: { service, environment }, query: { limit } },
    }),
  );
}

export function fetchLogs(service: string, environment: string, query: LogQuery): Promise<LogsAnswer> {
  // An empty box means "no filter", not "match the empty string".
  const given = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
  return call(
    api.GET('/api/v1/services/{service}/environments/{environment}/logs', {
      params: { path: { service, environment }, query: { ...given, follow: false } },
    }),
  ) as Promise<LogsAnswer>;
}
