import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { ReleaseView } from '../client.ts';
import { contextOf } from '../context.ts';
import { timeoutOption, waitFor } from '../follow.ts';
import { emit } from '../output.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface DecisionOptions {
  comment?: string;
  wait?: boolean;
  timeout: number;
}

/** The second pair of eyes: releases to protected environment types wait for someone else's decision. */
export function registerApprovalCommands(program: Command): void {
  program
    .command('approve')
    .description('Approve a release that waits for approval (someone other than who asked for it must)')
    .argument(
      '<release-id>',
      'the id of the release, as deploy and promote print it (and releases -o json)',
      parseReleaseId,
    )
    .option('--comment <text>', 'why, kept with the decision')
    .option('--wait', 'follow the rollout of the release until it is healthy or has failed')
    .addOption(timeoutOption())
    .addHelpText(
      'after',
      `
The release is queued at once and rolls out (unless a deploy freeze blocks it now). The
person who asked for the release cannot approve it: that is the point.

Examples:
  $ slipway approve 0b7f6a2e-3c1d-4e5f-8a9b-1c2d3e4f5a6b
  $ slipway approve 0b7f6a2e-3c1d-4e5f-8a9b-1c2d3e4f5a6b --comment "Checked the diff" --wait`,
    )
    .action(async (id: string, options: DecisionOptions, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.authenticated();
      const release = await client.approveRelease(id, options.comment);
      if (options.wait) {
        const headline = `Approved release #${release.number} of ${release.service} in ${release.environment}`;
        await waitFor(ctx, client, release, options.timeout, [headline]);
        return;
      }
      emit(ctx.output, release, () => [
        `Approved release #${release.number} of ${release.service} in ${release.environment}: it is ${release.status} now.`,
        `Follow it with: slipway status ${release.service} --env ${release.environment}`,
      ]);
    });

  program
    .command('reject')
    .description('Reject a release that waits for approval; it never rolls out')
    .argument(
      '<release-id>',
      'the id of the release, as deploy and promote print it (and releases -o json)',
      parseReleaseId,
    )
    .option('--comment <text>', 'why, kept with the decision and shown with the release')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway reject 0b7f6a2e-3c1d-4e5f-8a9b-1c2d3e4f5a6b --comment "Wait until after the sale"`,
    )
    .action(async (id: string, options: { comment?: string }, command: Command) => {
      const ctx = contextOf(command);
      const release = await ctx.authenticated().rejectRelease(id, options.comment);
      emit(ctx.output, release, () => [decided(release)]);
    });
}

function decided(release: ReleaseView): string {
  const name = `release #${release.number} of ${release.service} in ${release.environment}`;
  return `Rejected ${name}: it is ${release.status} now${release.message ? ` (${release.message})` : ''}.`;
}

function parseReleaseId(value: string): string {
  if (!uuidPattern.test(value)) {
    throw new InvalidArgumentError(
      'It must be the id of a release (a UUID), as `slipway deploy` and `slipway promote` print it.',
    );
  }
  return value.toLowerCase();
}
