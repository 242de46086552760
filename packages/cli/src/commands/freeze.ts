import { SlipwayError } from '@slipway/core';
import { type Command, Option } from 'commander';
import type { FreezeMode, FreezeView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable, formatTime } from '../output.ts';
import { formatSeconds, formatUntil, parseInstant, parseInstantOrSpan } from '../time.ts';

interface CreateOptions {
  from: string;
  until: { at: string } | { seconds: number };
  mode: FreezeMode;
  reason?: string;
  type?: string[];
  env?: string[];
}

/** Deploy freezes: windows in which deploys stop (block) or go ahead with a warning (warn). */
export function registerFreezeCommands(program: Command): void {
  const freeze = program
    .command('freeze')
    .description('Manage deploy freezes: times when deploys to some environments stop, or go ahead with a warning')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway freeze list
  $ slipway freeze create black-friday --from 2026-11-27T00:00:00Z --until 2026-11-30T23:59:00Z --type production
  $ slipway freeze create incident-42 --until 2h --reason "Database failover in progress"
  $ slipway freeze delete incident-42`,
    );

  freeze
    .command('create')
    .description('Declare a deploy freeze')
    .argument('<name>', 'a name for it, a DNS label such as black-friday')
    .option(
      '--from <time>',
      'when it starts: now, or a date and time such as 2026-12-24T18:00:00Z',
      parseInstant,
      'now',
    )
    .requiredOption(
      '--until <time>',
      'when it ends: a date and time, or how long after --from, e.g. 2h or 3d',
      parseInstantOrSpan,
    )
    .addOption(
      new Option('--mode <mode>', 'block refuses deploys; warn lets them through with a warning')
        .choices(['block', 'warn'])
        .default('block'),
    )
    .option('--reason <text>', 'why, shown to whoever deploys during it')
    .option('--type <type>', 'cover the environments of this type; repeat for more', collect)
    .option('--env <name>', 'cover this environment; repeat for more', collect)
    .addHelpText(
      'after',
      `
Without --type and --env, the freeze covers every environment. Deploys, promotions, clones
and approvals are all held by a blocking freeze; rolling back to a release that was healthy
is not. A date and time without Z or an offset is in this machine's time zone.

Examples:
  $ slipway freeze create holidays --from 2026-12-24 --until 2027-01-02 --type production --reason "Holidays"
  $ slipway freeze create migration --until 90m --env staging --mode warn`,
    )
    .action(async (name: string, options: CreateOptions, command: Command) => {
      // `--from now` is read when commander parses; compute the end from the same instant.
      const startsAt = options.from === 'now' ? new Date().toISOString() : options.from;
      const endsAt =
        'at' in options.until
          ? options.until.at
          : new Date(Date.parse(startsAt) + options.until.seconds * 1000).toISOString();
      if (Date.parse(endsAt) <= Date.parse(startsAt)) {
        throw new SlipwayError('invalid_input', `The freeze would end (${endsAt}) before it starts (${startsAt})`, {
          hint: 'Give --until a later time, or a duration such as 2h.',
        });
      }
      const ctx = contextOf(command);
      const created = await ctx.authenticated().createFreeze({
        name,
        startsAt,
        endsAt,
        mode: options.mode,
        reason: options.reason ?? '',
        environmentTypes: unique(options.type),
        environments: unique(options.env),
      });
      emit(ctx.output, { freeze: created }, () => [`Declared freeze ${name}: ${describeFreeze(created)}.`]);
    });

  freeze
    .command('list')
    .alias('ls')
    .description('List deploy freezes, newest first')
    .addHelpText('after', '\nExamples:\n  $ slipway freeze list\n  $ slipway freeze list -o json')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listFreezes();
      emit(ctx.output, { items }, () => (items.length === 0 ? ['No deploy freezes.'] : freezeTable(items)));
    });

  freeze
    .command('delete')
    .alias('rm')
    .description('End a deploy freeze and remove it')
    .argument('<name>', 'the freeze')
    .addHelpText('after', '\nExamples:\n  $ slipway freeze delete black-friday')
    .action(async (name: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      await ctx.authenticated().deleteFreeze(name);
      emit(ctx.output, { deleted: name }, () => [`Deleted freeze ${name}: deploys it held go ahead again.`]);
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const unique = (values: string[] | undefined): string[] => [...new Set(values ?? [])];

function scopeOf(f: FreezeView): string {
  const parts: string[] = [];
  if (f.environmentTypes.length > 0) parts.push(`environments of type ${f.environmentTypes.join(', ')}`);
  if (f.environments.length > 0)
    parts.push(`${f.environments.length === 1 ? 'environment' : 'environments'} ${f.environments.join(', ')}`);
  return parts.length > 0 ? parts.join(' and ') : 'every environment';
}

function stateOf(f: FreezeView, now = Date.now()): 'active' | 'upcoming' | 'over' {
  if (Date.parse(f.endsAt) <= now) return 'over';
  return Date.parse(f.startsAt) <= now ? 'active' : 'upcoming';
}

function describeFreeze(f: FreezeView): string {
  const what = f.mode === 'block' ? 'blocks deploys to' : 'warns about deploys to';
  const span = formatSeconds((Date.parse(f.endsAt) - Date.parse(f.startsAt)) / 1000);
  const when =
    stateOf(f) === 'active'
      ? `now until ${formatTime(f.endsAt, '-')} (${formatUntil(f.endsAt)})`
      : `from ${formatTime(f.startsAt, '-')} until ${formatTime(f.endsAt, '-')} (${span})`;
  return `${what} ${scopeOf(f)} ${when}${f.reason ? `: ${f.reason}` : ''}`;
}

function freezeTable(items: FreezeView[]): string[] {
  const now = Date.now();
  const rows = items.map((f) => [
    f.name,
    f.mode,
    stateOf(f, now),
    formatTime(f.startsAt, '-'),
    formatTime(f.endsAt, '-'),
    scopeOf(f),
    f.reason || '-',
  ]);
  return formatTable(['NAME', 'MODE', 'STATE', 'FROM', 'UNTIL', 'COVERS', 'REASON'], rows);
}
