import { formatChange as change, sparkline, formatSignalValue as value } from '@slipway/core';
import { type Command, InvalidArgumentError } from 'commander';
import type { ServiceMetrics, SignalAnswer } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable } from '../output.ts';
import { parseDuration } from '../releases.ts';
import { formatSeconds } from '../time.ts';

const minSince = 60_000;
const maxSince = 30 * 86_400_000;

/** `slipway metrics`: a service's golden signals as a small table with sparklines. */
export function registerMetricsCommand(program: Command): void {
  program
    .command('metrics')
    .description("A service's golden signals in an environment: requests, errors, latency, CPU, memory, restarts")
    .argument('<service>', 'the service')
    .requiredOption('--env <name>', 'the environment')
    .option('--since <duration>', 'the range up to now: 15m, 6h, 7d … (1m to 30d; default 1h)', parseSince)
    .addHelpText(
      'after',
      `
Read from the Prometheus of the environment's cluster; docs/metrics.md has each signal's
PromQL and the labels it expects. SINCE #N compares the mean since the newest release in the
range with as long a span before it. With -o json, the server's answer as it is.

Examples:
  $ slipway metrics shop --env prod
  $ slipway metrics shop --env staging --since 7d
  $ slipway metrics shop --env prod --since 15m -o json`,
    )
    .action(async (service: string, options: { env: string; since?: number }, command: Command) => {
      const ctx = contextOf(command);
      const sinceSeconds = Math.round((options.since ?? 3_600_000) / 1000);
      const answer = await ctx.authenticated().serviceMetrics(service, options.env, sinceSeconds);
      emit(ctx.output, answer, () => metricsLines(answer, sinceSeconds));
    });
}

/** A duration as `slipway logs` takes it, or whole days (`7d`), from a minute to 30 days. */
function parseSince(value: string): number {
  const days = /^(\d+)d$/.exec(value.trim());
  const ms = days ? Number(days[1]) * 86_400_000 : parseDuration(value);
  if (ms < minSince || ms > maxSince) throw new InvalidArgumentError('It must be from 1m to 30d.');
  return ms;
}

/** What a person reads: the range, a row per series with a sparkline, the releases, the problems. */
export function metricsLines(answer: ServiceMetrics, sinceSeconds: number): string[] {
  const compared = answer.comparedWith;
  const lines = [
    `${answer.service} in ${answer.environment}, the last ${formatSeconds(sinceSeconds)} (a point every ${formatSeconds(answer.stepSeconds)})` +
      (compared ? `; SINCE #${compared.number} compares with before release ${compared.number}` : ''),
    '',
    ...formatTable(
      ['SIGNAL', 'NOW', 'MEAN', 'MAX', compared ? `SINCE #${compared.number}` : 'SINCE', 'TREND'],
      answer.signals.flatMap(signalRows),
    ),
  ];
  const problems = answer.signals.filter((s) => s.status === 'invalid' || s.status === 'unavailable');
  const messages = [...new Set(problems.map((s) => s.message))];
  if (messages.length > 0) lines.push('', ...messages.map((m) => `! ${m}`));
  if (answer.releases.length > 0) {
    lines.push(
      '',
      'Releases in the range:',
      ...answer.releases
        .slice(-5)
        .map((r) => `  #${r.number} ${r.status} by ${r.createdBy}, ${r.createdAt.slice(0, 16).replace('T', ' ')} UTC`),
    );
  }
  return lines;
}

function signalRows(signal: SignalAnswer): string[][] {
  if (signal.status !== 'ok') return [[signal.title, statusText(signal), '', '', '', '']];
  return signal.series.map((series) => {
    const name = signal.series.length > 1 ? `${signal.title} ${labelText(series.labels)}` : signal.title;
    const points = series.points.map((p) => ({ time: p.t, value: p.v ?? Number.NaN }));
    return [
      name,
      value(series.summary.last, signal.unit),
      value(series.summary.mean, signal.unit),
      value(series.summary.max, signal.unit),
      change(series.sinceRelease?.change ?? null),
      sparkline(points, 24),
    ];
  });
}

function statusText(signal: SignalAnswer): string {
  if (signal.status === 'no_data') return 'no data';
  return signal.status === 'invalid' ? 'invalid query' : 'unavailable';
}

function labelText(labels: Record<string, string>): string {
  const shown = Object.entries(labels).filter(([k]) => k !== '__name__');
  return `{${shown.map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}
