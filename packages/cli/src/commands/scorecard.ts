import { readFileSync } from 'node:fs';
import { styleText } from 'node:util';
import { SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import { parse } from 'yaml';
import type { ScorecardBody, ScorecardGrid, ScorecardResultView, ScorecardView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable, formatTime } from '../output.ts';

type Style = Parameters<typeof styleText>[0];

/** Colour on a terminal only, and never with NO_COLOR set (no-color.org). */
function paint(style: Style, text: string): string {
  return process.stdout.isTTY && !process.env.NO_COLOR ? styleText(style, text) : text;
}

const mark = { pass: () => paint('green', '✓'), fail: () => paint('red', '✗'), error: () => paint('yellow', '!') };

/** `slipway score SERVICE` and `slipway scorecard …`: levelled CEL rules about services (docs/scorecards.md). */
export function registerScorecardCommands(program: Command): void {
  program
    .command('score')
    .description("A service's level and score on every scorecard, and what to do about each failed rule")
    .argument('<service>', 'the service')
    .addHelpText('after', '\nExamples:\n  $ slipway score cart\n  $ slipway score cart -o json')
    .action(async (service: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().getServiceScorecards(service);
      emit(ctx.output, { service, items }, () =>
        items.length === 0
          ? ['No scorecards yet: an admin applies them with slipway scorecard apply.']
          : scoreLines(items),
      );
    });

  const scorecard = program
    .command('scorecard')
    .description('Manage scorecards: rules about services in CEL, grouped into levels such as bronze, silver, gold')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway scorecard apply -f scorecards/documentation.yaml
  $ slipway scorecard list
  $ slipway scorecard grid documentation --team payments
  $ slipway scorecard delete documentation`,
    );

  scorecard
    .command('list')
    .alias('ls')
    .description('List scorecards')
    .addHelpText('after', '\nExamples:\n  $ slipway scorecard list\n  $ slipway scorecard list -o json')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listScorecards();
      emit(ctx.output, { items }, () => (items.length === 0 ? ['No scorecards.'] : listLines(items)));
    });

  scorecard
    .command('apply')
    .description('Create or replace a scorecard from a YAML or JSON file (admins)')
    .requiredOption('-f, --file <path>', 'the scorecard; - reads standard input')
    .addHelpText(
      'after',
      `
Every rule is compiled on save: a rule that does not parse or type-check is refused with
its field (e.g. /rules/2/expression) and the line:column in the expression.

Examples:
  $ slipway scorecard apply -f scorecards/production-readiness.yaml`,
    )
    .action(async (options: { file: string }, command: Command) => {
      const ctx = contextOf(command);
      const body = readScorecardFile(options.file);
      const saved = await ctx.authenticated().putScorecard(nameOf(body, options.file), body);
      emit(ctx.output, { scorecard: saved }, () => [
        `Applied scorecard ${saved.name}: ${saved.rules.length} rules over ${saved.levels.join(' < ')}. Every service is being evaluated on it.`,
      ]);
    });

  scorecard
    .command('delete')
    .alias('rm')
    .description('Delete a scorecard and its history (admins)')
    .addHelpText('after', '\nExamples:\n  $ slipway scorecard delete documentation')
    .argument('<name>', 'the scorecard')
    .action(async (name: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      await ctx.authenticated().deleteScorecard(name);
      emit(ctx.output, { deleted: name }, () => [`Deleted scorecard ${name} and its history.`]);
    });

  scorecard
    .command('grid')
    .description('Every service on a scorecard: its level, score, and each rule passed or failed')
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway scorecard grid production-readiness\n  $ slipway scorecard grid documentation --team payments',
    )
    .argument('<name>', 'the scorecard')
    .option('--team <team>', "only this team's services")
    .action(async (name: string, options: { team?: string }, command: Command) => {
      const ctx = contextOf(command);
      const grid = await ctx.authenticated().getScorecardGrid(name, options.team);
      emit(ctx.output, grid, () => gridLines(grid));
    });
}

function scoreLines(items: ScorecardResultView[]): string[] {
  const lines: string[] = [];
  for (const card of items) {
    if (lines.length > 0) lines.push('');
    const level = card.level ? paint('bold', card.level) : paint('dim', 'no level');
    lines.push(`${paint('bold', card.title)} (${card.scorecard}): ${level}, score ${card.score}%`);
    const failed = card.rules.filter((r) => r.status !== 'pass');
    const passed = card.rules.length - failed.length;
    lines.push(`  ${passed} of ${card.rules.length} rules pass; evaluated ${formatTime(card.evaluatedAt, '-')}`);
    for (const rule of failed) {
      const why = rule.status === 'error' ? ` (error: ${rule.message ?? 'unknown'})` : '';
      lines.push(`  ${mark[rule.status]()} [${rule.level}] ${rule.title}${why}`);
      if (rule.remedy) lines.push(`      → ${rule.remedy}`);
    }
  }
  return lines;
}

function listLines(items: ScorecardView[]): string[] {
  const rows = items.map((s) => [s.name, s.levels.join(' < '), String(s.rules.length), s.title]);
  return formatTable(['NAME', 'LEVELS', 'RULES', 'TITLE'], rows);
}

function gridLines(grid: ScorecardGrid): string[] {
  if (grid.services.length === 0) return [`No services on ${grid.scorecard}.`];
  const rows = grid.services.map((s) => [
    s.service,
    s.level ?? '-',
    s.score === null ? '-' : `${s.score}%`,
    ...s.cells.map((c) => (c === null ? '-' : mark[c]())),
  ]);
  const legend = grid.rules.map((r, i) => `  ${i + 1}. [${r.level}] ${r.id}: ${r.title}`);
  return [
    ...formatTable(['SERVICE', 'LEVEL', 'SCORE', ...grid.rules.map((_, i) => String(i + 1))], rows),
    '',
    'Rules:',
    ...legend,
  ];
}

function readScorecardFile(file: string): ScorecardBody {
  const label = file === '-' ? 'standard input' : file;
  let value: unknown;
  try {
    value = parse(readFileSync(file === '-' ? 0 : file, 'utf8'), { maxAliasCount: 100 });
  } catch (error) {
    throw new SlipwayError('invalid_input', `Cannot read the scorecard in ${label}: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SlipwayError('invalid_input', `${label} does not hold a scorecard (an object with name, levels, rules)`);
  return value as ScorecardBody;
}

function nameOf(body: ScorecardBody, file: string): string {
  if (typeof body.name === 'string' && body.name !== '') return body.name;
  throw new SlipwayError('invalid_input', `The scorecard in ${file} has no name`, {
    fields: [{ path: '/name', message: 'required' }],
  });
}
