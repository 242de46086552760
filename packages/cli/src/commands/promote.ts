import { createInterface } from 'node:readline/promises';
import { formatDiff, SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import type { PromotionPlan, PromotionRequest } from '../client.ts';
import { contextOf } from '../context.ts';
import { ExitCode, ExitWith } from '../exit-codes.ts';
import { timeoutOption } from '../follow.ts';
import { emit, printLines } from '../output.ts';
import { describeRelease, parseReleaseNumber, printWarnings } from '../releases.ts';
import { reportRelease } from './deploy.ts';

interface PromoteOptions {
  from: string;
  to: string;
  number?: number;
  reason?: string;
  yes?: boolean;
  dryRun?: boolean;
  wait?: boolean;
  timeout: number;
}

export function registerPromoteCommand(program: Command): void {
  program
    .command('promote')
    .description('Promote a healthy release of a service from one environment to another, after showing the diff')
    .argument('<service>', 'the service')
    .requiredOption('--from <env>', 'the environment whose release is promoted')
    .requiredOption('--to <env>', 'the environment it goes to')
    .option('--number <n>', 'the release in --from, by number (default: its newest healthy one)', parseReleaseNumber)
    .option('--reason <text>', 'why, kept with the new release (default: "Promotion of FROM release #N")')
    .option('-y, --yes', 'promote without asking for confirmation')
    .option('--dry-run', 'only show what would change')
    .option('--wait', 'follow the rollout of the new release until it is healthy or has failed')
    .addOption(timeoutOption())
    .addHelpText(
      'after',
      `
The same workload, image and files are rendered for the target environment under its rules
(its namespace, defaults, policies). First the change is shown, object by object, against
what runs there now; then, on a terminal, you are asked to confirm (elsewhere pass --yes).
Declining exits 1 and changes nothing.

To an environment whose type requires approval, the new release waits for someone else to
run \`slipway approve ID\`; it is not followed then (with --wait the exit code is 1).

Examples:
  $ slipway promote web --from staging --to production
  $ slipway promote web --from dev --to staging --number 7 --yes --wait
  $ slipway promote web --from staging --to production --dry-run`,
    )
    .action(promote);
}

async function promote(service: string, options: PromoteOptions, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const client = ctx.authenticated();
  const request: PromotionRequest = {
    service,
    from: options.from,
    to: options.to,
    ...(options.number !== undefined ? { number: options.number } : {}),
    ...(options.reason !== undefined ? { reason: options.reason } : {}),
  };
  const plan = await client.planPromotion(request);
  if (options.dryRun) {
    emit(ctx.output, plan, () => planLines(plan, options));
    return;
  }
  // With --output json, stdout holds only the JSON: the plan and the question go to stderr.
  const show = (lines: readonly string[]) =>
    ctx.output === 'json' ? process.stderr.write(`${lines.join('\n')}\n`) : printLines(lines);
  show(planLines(plan, options));
  if (!options.yes) await confirm(plan, options);
  const answer = await client.promote(request);
  printWarnings(answer.warnings);
  const { release } = answer;
  const headline = `Release #${release.number} of ${service} queued in ${options.to} (promoted from ${options.from} release #${answer.source.number})`;
  await reportRelease(ctx, client, release, options, headline);
}

function planLines(plan: PromotionPlan, options: PromoteOptions): string[] {
  const { source, current, diff } = plan;
  const replaces = current
    ? `where it replaces release ${describeRelease(current)}`
    : `where ${source.service} does not run yet`;
  return [
    `Promoting ${source.service} from ${options.from}: release ${describeRelease(source)}`,
    `to ${options.to}, ${replaces}:`,
    '',
    formatDiff(diff),
  ];
}

/** Asks on the terminal; refuses to guess when there is no one to ask. */
async function confirm(plan: PromotionPlan, options: PromoteOptions): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new SlipwayError('invalid_input', 'Not promoting without confirmation: standard input is not a terminal', {
      hint: 'Pass --yes to promote what is shown above, or --dry-run to only show it.',
    });
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(
      `Promote ${plan.source.service} release #${plan.source.number} of ${options.from} to ${options.to}? [y/N] `,
    );
    if (/^y(es)?$/i.test(answer.trim())) return;
  } finally {
    prompt.close();
  }
  process.stderr.write('Nothing promoted.\n');
  throw new ExitWith(ExitCode.failed);
}
