import type { Readable } from 'node:stream';
import {
  containerNames,
  interleaveLines,
  type LogLine,
  lineMatcher,
  notFound,
  parseLogLine,
  SlipwayError,
  splitLines,
} from '@slipway/core';
import { openPodLog, PodLogRefused } from '../kube/pod-logs.ts';
import { readFailed, readServiceObjects } from './namespace-objects.ts';
import type { LiveScope, ReleaseScope } from './scope.ts';

export interface LogQuery {
  pod?: string | undefined;
  container?: string | undefined;
  tailLines?: number | undefined;
  sinceSeconds?: number | undefined;
  search?: string | undefined;
  /** The container's previous instance: why a crashing one crashed. */
  previous?: boolean | undefined;
}

/** One container's log. */
export interface LogSource {
  pod: string;
  container: string;
}

/** A container whose log the cluster would not serve, and its reason. */
export interface LogUnavailable extends LogSource {
  message: string;
}

/** Without a pod, the logs of at most this many of the service's pods. */
export const maxLogPods = 10;
/** Without tailLines or sinceSeconds, this many lines per container. */
export const defaultTailLines = 200;
/** What one container's log may weigh in a JSON answer, so ten pods cannot flood memory. */
const maxBytesPerContainer = 1024 * 1024;

/**
 * Which containers' logs a query asks for: one pod's (which must be one of the service's:
 * reading the service's logs must not reach its neighbours'), or the first pods of the
 * service, all their containers or the one named.
 */
export async function logSources(scope: LiveScope, release: ReleaseScope, query: LogQuery): Promise<LogSource[]> {
  const { pods } = await readServiceObjects(scope, release);
  const chosen = query.pod ? pods.filter((p) => p.pod.metadata.name === query.pod) : pods.slice(0, maxLogPods);
  if (query.pod && chosen.length === 0) {
    throw notFound(
      `Pod ${query.pod} of service ${scope.service} in ${scope.environment}`,
      'GET …/live lists the pods the service runs now.',
    );
  }
  const sources = chosen.flatMap(({ pod }) =>
    containerNames(pod, query.pod !== undefined && query.container !== undefined)
      .filter((c) => query.container === undefined || c === query.container)
      .map((container) => ({ pod: pod.metadata.name, container })),
  );
  if (query.container && sources.length === 0 && chosen.length > 0) {
    const known = [...new Set(chosen.flatMap(({ pod }) => containerNames(pod, true)))];
    throw new SlipwayError('invalid_input', `No container named ${query.container} in the pods asked for`, {
      fields: [{ path: '/container', in: 'query', message: `not one of: ${known.join(', ')}` }],
    });
  }
  return sources;
}

export interface OpenedLog extends LogSource {
  body: Readable;
}

/**
 * Opens every source's log. Those the cluster refuses are reported with Kubernetes' reason;
 * when it refuses them all, that is the answer: `logs_unavailable`.
 */
export async function openLogs(
  scope: LiveScope,
  sources: readonly LogSource[],
  query: LogQuery & { follow: boolean },
  signal: AbortSignal,
): Promise<{ opened: OpenedLog[]; unavailable: LogUnavailable[] }> {
  const tailLines = query.tailLines ?? (query.sinceSeconds === undefined ? defaultTailLines : undefined);
  const results = await Promise.allSettled(
    sources.map(async (source) => {
      const body = await openPodLog(
        scope.cluster.kube,
        {
          namespace: scope.namespace,
          ...source,
          timestamps: true,
          follow: query.follow,
          ...(query.previous ? { previous: true } : {}),
          ...(tailLines !== undefined ? { tailLines } : {}),
          ...(query.sinceSeconds !== undefined ? { sinceSeconds: query.sinceSeconds } : {}),
          ...(query.follow ? {} : { limitBytes: maxBytesPerContainer }),
        },
        signal,
      );
      body.setEncoding('utf8');
      return { ...source, body };
    }),
  );
  const opened: OpenedLog[] = [];
  const unavailable: LogUnavailable[] = [];
  let unreachable: SlipwayError | undefined;
  results.forEach((result, i) => {
    const source = sources[i] as LogSource;
    if (result.status === 'fulfilled') opened.push(result.value);
    else if (result.reason instanceof PodLogRefused) unavailable.push({ ...source, message: result.reason.reason });
    else unreachable ??= readFailed(result.reason, `the logs of pod ${source.pod}`);
  });
  if (unreachable) {
    for (const log of opened) log.body.destroy();
    throw unreachable;
  }
  if (opened.length === 0 && unavailable.length > 0) throw logsUnavailable(unavailable);
  return { opened, unavailable };
}

function logsUnavailable(refused: readonly LogUnavailable[]): SlipwayError {
  const [first] = refused;
  const more = refused.length > 1 ? ` (and ${refused.length - 1} more containers)` : '';
  return new SlipwayError(
    'logs_unavailable',
    `Kubernetes cannot serve the logs of pod ${first?.pod}, container ${first?.container}${more}: ${first?.message}`,
    {
      hint: 'A container has logs once it has started; the pod status and events (GET …/live, …/events) tell why it has not.',
    },
  );
}

/** Reads opened logs to their end: the matching lines, in the order they were written. */
export async function collectLines(opened: readonly OpenedLog[], search: string | undefined): Promise<LogLine[]> {
  const matches = lineMatcher(search);
  const sources = await Promise.all(
    opened.map(async (log) => {
      const lines: LogLine[] = [];
      await eachLine(log, (line) => {
        if (matches(line)) lines.push(line);
      }).catch((error) => {
        throw readFailed(error, `the logs of pod ${log.pod}, container ${log.container}`);
      });
      return lines;
    }),
  );
  return interleaveLines(sources);
}

/**
 * Passes each matching line of followed logs on as it arrives, until every log ends (its pod
 * went away) or the signal aborts. `send` returning false makes the sources wait for
 * `drained`: a slow client slows the reading instead of growing a buffer.
 */
export async function followLines(
  opened: readonly OpenedLog[],
  search: string | undefined,
  send: (line: LogLine) => boolean,
  drained: () => Promise<void>,
): Promise<void> {
  const matches = lineMatcher(search);
  await Promise.all(
    opened.map((log) =>
      eachLine(log, async (line) => {
        if (matches(line) && !send(line)) await drained();
      }).catch(() => {}),
    ),
  );
}

async function eachLine(log: OpenedLog, onLine: (line: LogLine) => void | Promise<void>): Promise<void> {
  let rest = '';
  for await (const chunk of log.body) {
    const split = splitLines(rest, chunk as string);
    rest = split.rest;
    for (const raw of split.lines) await onLine(parseLogLine(log.pod, log.container, raw));
  }
  if (rest) await onLine(parseLogLine(log.pod, log.container, rest));
}
