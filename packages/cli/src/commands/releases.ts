import type { Command } from 'commander';
import type { ReleaseView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable } from '../output.ts';
import { formatAge, maxListed, parseWholeNumber } from '../releases.ts';

const reasonWidth = 60;

export function registerReleasesCommand(program: Command): void {
  program
    .command('releases')
    .description('List the releases of a service, newest first')
    .argument('<service>', 'the service')
    .option('--env <name>', 'only those of this environment (default: all environments)')
    .option('--limit <n>', `at most this many (1 to ${maxListed})`, parseWholeNumber(1, maxListed), 20)
    .addHelpText(
      'after',
      `
Examples:
  $ slipway releases web --env dev
  $ slipway releases web --limit 5 -o json`,
    )
    .action(async (service: string, options: { env?: string; limit: number }, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listReleases({
        service,
        ...(options.env ? { environment: options.env } : {}),
        limit: options.limit,
      });
      emit(ctx.output, { items }, () =>
        items.length === 0
          ? [`${service} has no releases${options.env ? ` in ${options.env}` : ''}.`]
          : releaseTable(items, !options.env),
      );
    });
}

function releaseTable(items: ReleaseView[], withEnvironment: boolean): string[] {
  const now = Date.now();
  const headers = ['#', ...(withEnvironment ? ['ENVIRONMENT'] : []), 'STATUS', 'IMAGE', 'AGE', 'BY', 'REASON'];
  const rows = items.map((r) => [
    String(r.number),
    ...(withEnvironment ? [r.environment] : []),
    r.status,
    r.image ?? '-',
    formatAge(r.createdAt, now),
    r.createdBy,
    clip(r.reason ?? '', reasonWidth),
  ]);
  return formatTable(headers, rows);
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}
