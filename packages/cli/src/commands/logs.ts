/**
 * `slipway logs` and `slipway events`: a service's container logs and its Kubernetes Events in
 * an environment, read from the same endpoints the portal's Logs and Events tabs use.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import type { LogLine, LogsQuery, LogUnavailable, ServiceEvent, SlipwayClient } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable, formatTime } from '../output.ts';
import { parseDuration, parseWholeNumber } from '../releases.ts';
import { readEvents } from '../sse.ts';

interface LogsOptions {
  env: string;
  follow?: boolean;
  pod?: string;
  container?: string;
  since?: number;
  tail?: number;
  search?: string;
  previous?: boolean;
  timestamps?: boolean;
}

export function registerLogsCommands(program: Command): void {
  program
    .command('logs')
    .description("Print a service's container logs in an environment; -f follows them as they are written")
    .argument('<service>', 'the service')
    .requiredOption('--env <name>', 'the environment')
    .option('-f, --follow', 'keep printing new lines until the logs end or Ctrl-C')
    .option('--pod <name>', 'one pod (default: the first pods of the service)')
    .option('-c, --container <name>', 'one container (default: all of them)')
    .option('--since <duration>', 'lines written in the last 90s, 10m, 1h30m …', parseDuration)
    .option('--tail <lines>', 'the last N lines of each container (default 200)', parseWholeNumber(1, 10_000))
    .option('--search <text>', 'only lines containing the text (any case)')
    .option('-p, --previous', "the container's previous instance: why a crashing one crashed")
    .option('--timestamps', 'start each line with the time it was written')
    .addHelpText(
      'after',
      `
Each line starts with its pod and container. With -o json, one JSON object per line
({ pod, container, at, text }), as it arrives with --follow.

Examples:
  $ slipway logs shop --env dev
  $ slipway logs shop --env dev -f --container web
  $ slipway logs shop --env prod --since 15m --search timeout
  $ slipway logs shop --env dev --previous`,
    )
    .action(async (service: string, options: LogsOptions, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.authenticated();
      const query = logsQuery(options);
      const print = lineWriter(ctx.output === 'json', options.timestamps === true);
      if (options.follow) return followLogs(client, service, options.env, query, print);
      const { lines, unavailable } = await client.serviceLogs(service, options.env, query);
      for (const line of lines) print.line(line);
      for (const u of unavailable) print.unavailable(u);
      if (lines.length === 0 && ctx.output !== 'json') process.stderr.write('No log lines.\n');
    });

  program
    .command('events')
    .description("List the Kubernetes Events of a service's workloads and pods in an environment, newest first")
    .argument('<service>', 'the service')
    .requiredOption('--env <name>', 'the environment')
    .option('--limit <n>', 'at most N events (default 100)', parseWholeNumber(1, 1000))
    .option('-f, --follow', 'keep printing events as they happen (or recur), oldest first, until Ctrl-C')
    .addHelpText(
      'after',
      `
With -f, each event is a line as it is first seen or seen again (its count grew); with -o json,
one JSON object per line.

Examples:
  $ slipway events shop --env dev
  $ slipway events shop --env dev -f
  $ slipway events shop --env prod -o json`,
    )
    .action(async (service: string, options: { env: string; limit?: number; follow?: boolean }, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.authenticated();
      const limit = options.limit ?? 100;
      if (options.follow) return followEvents(client, service, options.env, limit, ctx.output === 'json');
      const items = await client.serviceEvents(service, options.env, limit);
      emit(ctx.output, { items }, () => (items.length === 0 ? ['No events.'] : eventTable(items)));
    });
}

function logsQuery(options: LogsOptions): LogsQuery {
  return {
    ...(options.pod ? { pod: options.pod } : {}),
    ...(options.container ? { container: options.container } : {}),
    ...(options.since ? { sinceSeconds: Math.max(1, Math.round(options.since / 1000)) } : {}),
    ...(options.tail ? { tailLines: options.tail } : {}),
    ...(options.search ? { search: options.search } : {}),
    ...(options.previous ? { previous: true } : {}),
  };
}

interface LineWriter {
  line(line: LogLine): void;
  unavailable(u: LogUnavailable): void;
}

/** Text: `pod/container  text`, the source dimmed on a terminal; JSON: one object per line. */
function lineWriter(json: boolean, timestamps: boolean): LineWriter {
  if (json) {
    // JSON lines, not one document: a follow never ends, and scripts read it line by line.
    const jsonLine = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
    return { line: jsonLine, unavailable: (u) => jsonLine({ unavailable: u }) };
  }
  const dim = process.stdout.isTTY ? (s: string) => `\u001b[2m${s}\u001b[0m` : (s: string) => s;
  return {
    line: (line) => {
      const at = timestamps && line.at ? `${line.at} ` : '';
      process.stdout.write(`${dim(`${line.pod}/${line.container}`)}  ${at}${line.text}\n`);
    },
    unavailable: (u) => process.stderr.write(`${u.pod}/${u.container}: no logs: ${u.message}\n`),
  };
}

/** Prints lines as the server sends them, until the logs end or the user presses Ctrl-C. */
async function followLogs(client: SlipwayClient, service: string, env: string, query: LogsQuery, print: LineWriter) {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  try {
    const response = await client.serviceLogStream(service, env, query, abort.signal);
    for await (const event of readEvents(response.body as ReadableStream<Uint8Array>)) {
      if (event.event === 'line') print.line(JSON.parse(event.data) as LogLine);
      else if (event.event === 'unavailable') print.unavailable(JSON.parse(event.data) as LogUnavailable);
      else if (event.event === 'end') break;
    }
  } catch (error) {
    // Ctrl-C ends a follow: that is how it is meant to end, not a failure.
    if (!abort.signal.aborted) throw error;
  } finally {
    process.off('SIGINT', stop);
  }
}

/** How often `events -f` asks again: Kubernetes records events within a second or two. */
const eventPollMs = 2_000;

/**
 * Prints events as they appear: the endpoint is a list, so it is read again every 2 s and an
 * event is printed when it is new or its count grew (Kubernetes folds repeats into one event).
 * A read that fails for a moment is retried; Ctrl-C ends it (exit 0).
 */
async function followEvents(client: SlipwayClient, service: string, env: string, limit: number, json: boolean) {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  const seen = new Map<string, number>();
  const print = json
    ? (e: ServiceEvent) => process.stdout.write(`${JSON.stringify(e)}\n`)
    : (e: ServiceEvent) => process.stdout.write(`${eventLine(e)}\n`);
  let failures = 0;
  try {
    while (!abort.signal.aborted) {
      try {
        const items = await client.serviceEvents(service, env, limit);
        failures = 0;
        for (const e of [...items].reverse()) {
          const key = `${e.object}|${e.reason}|${e.firstAt}|${e.message}`;
          if ((seen.get(key) ?? 0) >= e.count) continue;
          seen.set(key, e.count);
          print(e);
        }
      } catch (error) {
        // An unknown service stays unknown; a blip of the server or the network passes.
        if (!(error instanceof SlipwayError) || !['unavailable', 'timeout'].includes(error.code) || ++failures > 5) {
          throw error;
        }
      }
      await sleep(eventPollMs, undefined, { signal: abort.signal }).catch(() => undefined);
    }
  } finally {
    process.off('SIGINT', stop);
  }
}

function eventLine(e: ServiceEvent): string {
  const count = e.count > 1 ? ` (×${e.count})` : '';
  return `${formatTime(e.lastAt ?? e.firstAt, '-')}  ${e.type}  ${e.reason}  ${e.object}  ${e.message}${count}`;
}

function eventTable(items: readonly ServiceEvent[]): string[] {
  const rows = items.map((e) => [
    formatTime(e.lastAt ?? e.firstAt, '-'),
    e.type,
    e.reason,
    e.object,
    e.count > 1 ? `${e.message} (×${e.count})` : e.message,
  ]);
  return formatTable(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], rows);
}
