import { SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import type { ReleaseView } from '../client.ts';
import { contextOf } from '../context.ts';
import { ExitCode, ExitWith } from '../exit-codes.ts';
import { timeoutOption, waitFor } from '../follow.ts';
import { emit } from '../output.ts';
import {
  approvalLines,
  describeRelease,
  maxListed,
  noReleases,
  parseReleaseNumber,
  printWarnings,
  releaseNumbered,
} from '../releases.ts';

interface RollbackOptions {
  env: string;
  to?: number;
  reason?: string;
  wait?: boolean;
  timeout: number;
}

export function registerRollbackCommand(program: Command): void {
  program
    .command('rollback')
    .description('Go back to an earlier release: a new release that re-applies its objects exactly')
    .argument('<service>', 'the service')
    .requiredOption('--env <name>', 'the environment')
    .option(
      '--to <n>',
      'the release to go back to, by number (default: the last healthy one before the current)',
      parseReleaseNumber,
    )
    .option('--reason <text>', 'why, kept with the new release')
    .option('--wait', 'follow the rollout until the new release is healthy or has failed')
    .addOption(timeoutOption())
    .addHelpText(
      'after',
      `
A rollback is a new release (with the next number) made of the earlier release's objects as
they were rendered then: nothing is rendered again. With --wait, exits 0 when it is healthy
and 1 otherwise, like \`slipway deploy --wait\`.

Examples:
  $ slipway rollback web --env production --wait
  $ slipway rollback web --env dev --to 3 --reason "3 was the last good one"`,
    )
    .action(async (service: string, options: RollbackOptions, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.authenticated();
      const releases = await client.listReleases({ service, environment: options.env, limit: maxListed });
      const current = releases[0];
      if (!current) throw noReleases(service, options.env);
      const target = chooseTarget(releases, current, options.to);
      const from = `Rolling back ${service} in ${options.env} from release ${describeRelease(current)}`;
      const to = `to release ${describeRelease(target)}`;
      const { release, warnings } = await client.rollback(target.id, options.reason);
      printWarnings(warnings);
      if (release.status === 'pending_approval') {
        // Only going back to a release that was healthy here skips approval.
        emit(ctx.output, release, () => [from, `${to}.`, ...approvalLines(release)]);
        if (options.wait) throw new ExitWith(ExitCode.failed);
        return;
      }
      if (!options.wait) {
        emit(ctx.output, release, () => [
          `${from}`,
          `${to}.`,
          `Release #${release.number} is queued; it re-applies release #${target.number}'s objects.`,
          `Follow it with: slipway status ${service} --env ${options.env}`,
        ]);
        return;
      }
      const headline = `Release #${release.number} re-applies release #${target.number}'s objects`;
      await waitFor(ctx, client, release, options.timeout, [from, `${to}.`, headline]);
    });
}

/** The release named by --to, else the newest healthy release before the current one. */
function chooseTarget(releases: ReleaseView[], current: ReleaseView, to: number | undefined): ReleaseView {
  const where = `${current.service} in ${current.environment}`;
  if (to !== undefined) {
    const target = releaseNumbered(releases, to, where);
    if (target.id === current.id) {
      throw new SlipwayError(
        'release_is_current',
        `Release #${to} is the current release of ${where}; there is nothing to go back to`,
        {
          hint: 'Name an earlier one with --to N; `slipway releases` lists them.',
        },
      );
    }
    return target;
  }
  const target = releases.find((r) => r.number < current.number && r.status === 'healthy');
  if (target) return target;
  throw new SlipwayError(
    'no_healthy_release',
    `No release of ${where} before the current one (#${current.number}) was healthy`,
    {
      hint: `Name the release to go back to with --to N; see them with \`slipway releases ${current.service} --env ${current.environment}\`.`,
    },
  );
}
