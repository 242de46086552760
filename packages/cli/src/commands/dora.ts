import { type Command, InvalidArgumentError, Option } from 'commander';
import type { DoraAnswer, DoraBands, DoraFigures, DoraQuery } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable } from '../output.ts';
import { parseWholeNumber } from '../releases.ts';
import { formatSeconds } from '../time.ts';

interface DoraOptions {
  service?: string;
  team?: string;
  envType?: string;
  weeks?: number;
  from?: string;
  to?: string;
  fixWindow?: number;
  by?: 'service' | 'team' | 'environmentType';
}

/** `slipway dora`: the four DORA figures with their bands, and a line per ISO week. */
export function registerDoraCommand(program: Command): void {
  program
    .command('dora')
    .description('Delivery analytics: deployment frequency, lead time, change failure rate, time to restore')
    .option('--service <name>', 'one service')
    .option('--team <name>', 'the services this team owns')
    .option('--env-type <type>', 'whose environments count (default: production)')
    .option('--weeks <n>', 'the last N ISO weeks, this one included (default 12)', parseWholeNumber(1, 104))
    .option('--from <date>', 'instead of --weeks: the first day (YYYY-MM-DD, UTC), with --to', parseDay)
    .option('--to <date>', 'the last day, included', parseDay)
    .option(
      '--fix-window <hours>',
      'a change followed by another within this many hours needed a fix (default 1)',
      parseHours,
    )
    .addOption(
      new Option('--by <grouping>', 'also a line per service, team or environment type').choices([
        'service',
        'team',
        'environmentType',
      ]),
    )
    .addHelpText(
      'after',
      `
Each figure is defined in docs/analytics.md; the bands are those of the 2023 DORA report.
Lead time needs commit times: deploy with --commit-time "$(git show -s --format=%cI HEAD)".

Examples:
  $ slipway dora
  $ slipway dora --team payments --weeks 4
  $ slipway dora --service shop --from 2026-10-01 --to 2026-12-31 -o json
  $ slipway dora --by team`,
    )
    .action(async (options: DoraOptions, command: Command) => {
      const ctx = contextOf(command);
      const answer = await ctx.authenticated().getDora(queryOf(options));
      emit(ctx.output, answer, () => doraLines(answer));
    });
}

function queryOf(options: DoraOptions): DoraQuery {
  return {
    service: options.service,
    team: options.team,
    environmentType: options.envType,
    weeks: options.weeks,
    from: options.from,
    to: options.to,
    fixWindowHours: options.fixWindow,
    groupBy: options.by,
  };
}

function parseDay(value: string): string {
  if (!/^\d{4}-\d\d-\d\d$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError('It must be a day, YYYY-MM-DD.');
  }
  return value;
}

function parseHours(value: string): number {
  const hours = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(hours >= 0 && hours <= 168)) throw new InvalidArgumentError('It must be a number of hours from 0 to 168.');
  return hours;
}

/** What a person reads: the window, the four figures with their bands, a line per week. */
export function doraLines(answer: DoraAnswer): string[] {
  const last = new Date(Date.parse(answer.to) - 86_400_000).toISOString().slice(0, 10);
  const lines = [
    `Delivery to ${answer.environmentTypes.join(', ')}, ${answer.from.slice(0, 10)} … ${last}` +
      ` (as of ${answer.now.slice(0, 16).replace('T', ' ')} UTC; fix window ${answer.fixWindowHours}h)`,
    '',
    ...formatTable(['FIGURE', 'VALUE', 'BAND', 'COUNTED'], figureRows(answer.figures, answer.bands)),
    '',
    ...formatTable(
      ['WEEK', 'DEPLOYS', 'LEAD TIME', 'FAILURE RATE', 'RESTORE'],
      answer.weeks.map((w) => [
        w.week,
        String(w.figures.deployments),
        duration(w.figures.leadTime.medianSeconds),
        failure(w.figures),
        restore(w.figures),
      ]),
    ),
  ];
  if (answer.groups) {
    lines.push(
      '',
      ...formatTable(
        ['GROUP', 'DEPLOYS/DAY', 'LEAD TIME', 'FAILURE RATE', 'RESTORE'],
        answer.groups.map((g) => [
          g.key ?? '(no team)',
          `${perDay(g.figures)} ${g.bands.deploymentFrequency ?? ''}`.trim(),
          `${duration(g.figures.leadTime.medianSeconds)} ${g.bands.leadTime ?? ''}`.trim(),
          `${failure(g.figures)} ${g.bands.changeFailureRate ?? ''}`.trim(),
          `${restore(g.figures)} ${g.bands.timeToRestore ?? ''}`.trim(),
        ]),
      ),
    );
  }
  return lines;
}

function figureRows(f: DoraFigures, bands: DoraBands): string[][] {
  const band = (b: string | null) => b ?? '—';
  return [
    ['Deployment frequency', perDay(f), band(bands.deploymentFrequency), `${f.deployments} deployments`],
    [
      'Lead time for changes',
      `${duration(f.leadTime.medianSeconds)} median`,
      band(bands.leadTime),
      `${f.leadTime.count} with a commit time, ${f.leadTime.withoutCommitTime} without`,
    ],
    [
      'Change failure rate',
      percent(f.changeFailure.rate),
      band(bands.changeFailureRate),
      `${f.changeFailure.failed} of ${f.changeFailure.changes} changes`,
    ],
    [
      'Time to restore',
      `${duration(f.timeToRestore.medianSeconds)} median`,
      band(bands.timeToRestore),
      `${f.timeToRestore.restored} restored, ${f.timeToRestore.open} still open`,
    ],
  ];
}

/** Per day from one a day up, else per week: `2.5/day`, `0.4/week`. */
function perDay(f: DoraFigures): string {
  if (f.deploymentsPerDay === null) return '—';
  if (f.deploymentsPerDay >= 1) return `${round(f.deploymentsPerDay)}/day`;
  return `${round(f.deploymentsPerDay * 7)}/week`;
}

function duration(seconds: number | null): string {
  return seconds === null ? '—' : formatSeconds(seconds);
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${round(rate * 100)}%`;
}

function failure(f: DoraFigures): string {
  const c = f.changeFailure;
  return c.rate === null ? '—' : `${percent(c.rate)} (${c.failed}/${c.changes})`;
}

function restore(f: DoraFigures): string {
  const open = f.timeToRestore.open > 0 ? ` (${f.timeToRestore.open} open)` : '';
  return `${duration(f.timeToRestore.medianSeconds)}${open}`;
}

/** One decimal at most: 54.5, 2.6, 3. */
function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}
