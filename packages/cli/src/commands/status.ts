import type { Command } from 'commander';
import type { ReleaseView, ServiceStatus } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable } from '../output.ts';
import {
  approvalLines,
  assessmentOf,
  describeRelease,
  failureLines,
  formatAge,
  healthMarks,
  refusalOf,
} from '../releases.ts';

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('Show what a service runs in an environment: its current release, health and problems')
    .argument('<service>', 'the service')
    .requiredOption('--env <name>', 'the environment')
    .addHelpText(
      'after',
      `
Shows the current (newest) release: its status, the health of each of its objects, what its
pods suffer from with a fix for each, and the last release that was healthy.

Examples:
  $ slipway status web --env dev
  $ slipway status web --env production -o json`,
    )
    .action(async (service: string, options: { env: string }, command: Command) => {
      const ctx = contextOf(command);
      const status = await ctx.authenticated().serviceStatus(service, options.env);
      emit(ctx.output, status, () => describe(status));
    });
}

function describe(status: ServiceStatus): string[] {
  const { current, lastHealthy } = status;
  if (!current) return [`${status.service} has no releases in ${status.environment}.`];
  const lines = [`${status.service} in ${status.environment}`, '', `Release ${describeRelease(current)}`];
  lines.push(...details(current));
  lines.push('', `Last healthy release: ${lastHealthyLine(current, lastHealthy)}`);
  return lines;
}

function details(release: ReleaseView): string[] {
  const lines: string[] = [];
  if (release.message) lines.push(`  ${release.message}`);
  if (release.reason) lines.push(`  reason: ${release.reason}`);
  if (release.commit) lines.push(`  commit: ${release.commit}`);
  for (const a of release.approvals ?? []) {
    lines.push(`  ${a.decision} by ${a.actor} ${formatAge(a.at)} ago${a.comment ? `: ${a.comment}` : ''}`);
  }
  if (release.status === 'pending_approval') lines.push(...approvalLines(release).slice(1));
  const refusal = refusalOf(release);
  if (refusal?.hint) lines.push(`  hint: ${refusal.hint}`);
  const health = assessmentOf(release);
  if (!health) return lines;
  const { progress } = health;
  if (progress.desired > 0) {
    lines.push(
      `  replicas: ${progress.ready} of ${progress.desired} ready, ${progress.updated} updated, ${progress.available} available`,
    );
  }
  if (health.resources.length > 0) {
    const rows = health.resources.map((r) => [healthMarks[r.status] ?? '?', r.kind, r.name, r.status, r.message]);
    const table = formatTable(['', 'KIND', 'NAME', 'HEALTH', 'MESSAGE'], rows).map((line) => `  ${line}`);
    lines.push('', ...table);
  }
  if (health.failures.length > 0) {
    lines.push('', 'Problems:', ...health.failures.flatMap((f) => failureLines(f)));
  }
  return lines;
}

function lastHealthyLine(current: ReleaseView, lastHealthy: ReleaseView | null): string {
  if (!lastHealthy) return 'none yet';
  if (lastHealthy.id === current.id) return `#${lastHealthy.number} (the current one)`;
  return describeRelease(lastHealthy);
}
