import { SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import type { AuditEntry, AuditQuery } from '../client.ts';
import { contextOf } from '../context.ts';
import { ExitCode, ExitWith } from '../exit-codes.ts';
import { emit, formatTable, formatTime } from '../output.ts';
import { parseWholeNumber } from '../releases.ts';
import { parseInstant } from '../time.ts';

interface FilterOptions {
  actor?: string;
  target?: string;
  action?: string;
  since?: string;
  until?: string;
  limit?: number;
}

/** The audit log: who changed what, when, from where; its export; and the check of its chain. */
export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description('Read the audit log: every change, who made it, from where, and how it ended')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway audit list --target environments/production
  $ slipway audit list --actor alice --since 2026-11-24T00:00:00Z
  $ slipway audit export > audit.jsonl
  $ slipway audit verify`,
    );

  filters(audit.command('list').alias('ls').description('Audit entries, newest first'))
    .option('--limit <n>', 'at most this many (1 to 1000)', parseWholeNumber(1, 1000), 50)
    .addHelpText('after', '\nExamples:\n  $ slipway audit list --action promote\n  $ slipway audit list -o json')
    .action(async (options: FilterOptions, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listAudit(queryOf(options));
      emit(ctx.output, { items }, () => (items.length === 0 ? ['No audit entries match.'] : table(items)));
    });

  filters(audit.command('export').description('The audit log as JSON lines, oldest first, on standard output'))
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway audit export > audit.jsonl\n  $ slipway audit export --target clusters',
    )
    .action(async (options: FilterOptions, command: Command) => {
      const ctx = contextOf(command);
      process.stdout.write(await ctx.authenticated().exportAudit(queryOf(options)));
    });

  audit
    .command('verify')
    .description('Check the hash chain of the audit log: exit 0 when intact, 1 with the first bad entry otherwise')
    .addHelpText('after', '\nExamples:\n  $ slipway audit verify')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const verdict = await ctx.authenticated().verifyAudit();
      emit(ctx.output, verdict, () =>
        verdict.ok
          ? [`✔ The audit log is intact: ${verdict.checked} entries, each fits the one before.`]
          : [`✖ The audit log was tampered with at entry ${verdict.broken?.seq}: ${verdict.broken?.reason}.`],
      );
      if (!verdict.ok) throw new ExitWith(ExitCode.failed);
    });
}

function filters(command: Command): Command {
  return command
    .option('--actor <user>', 'only what this user did')
    .option('--target <path>', 'only this target and what is below it, e.g. environments/dev')
    .option('--action <operation>', 'only this operation, e.g. createDeploy, promote, approveRelease')
    .option('--since <time>', 'from this time (a date and time, or now)', parseInstant)
    .option('--until <time>', 'before this time', parseInstant);
}

function queryOf(options: FilterOptions): AuditQuery {
  if (options.since && options.until && Date.parse(options.until) <= Date.parse(options.since)) {
    throw new SlipwayError('invalid_input', '--until must be after --since');
  }
  return {
    actor: options.actor,
    target: options.target,
    action: options.action,
    since: options.since,
    until: options.until,
    limit: options.limit,
  };
}

function table(items: AuditEntry[]): string[] {
  return formatTable(
    ['#', 'AT', 'ACTOR', 'VIA', 'ACTION', 'TARGET', 'RESULT'],
    items.map((e) => [
      String(e.seq),
      formatTime(e.at, '-'),
      e.actor,
      e.via,
      e.action,
      e.target,
      `${e.result} (${e.status})`,
    ]),
  );
}
