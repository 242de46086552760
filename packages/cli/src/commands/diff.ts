import { type Drift, type FieldChange, formatDiff, type ReleaseDiff, SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import type { DiffAnswer, DriftAnswer, SlipwayClient } from '../client.ts';
import { contextOf } from '../context.ts';
import { ExitCode, ExitWith } from '../exit-codes.ts';
import { emit } from '../output.ts';
import { maxListed, newestRelease, noReleases, parseReleaseNumber, releaseNumbered } from '../releases.ts';

interface DiffOptions {
  env: string;
  from?: number;
  to?: number;
  live?: boolean;
  all?: boolean;
}

export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('Show what changed between two releases, or how the cluster differs from the current one')
    .argument('<service>', 'the service')
    .requiredOption('--env <name>', 'the environment')
    .option('--from <n>', 'the older release, by number (default: the one before --to)', parseReleaseNumber)
    .option('--to <n>', 'the newer release, by number (default: the newest)', parseReleaseNumber)
    .option('--live', 'compare the current release with the objects live in the cluster (drift)')
    .option('--all', "also show the changes of Slipway's own release and version labels")
    .addHelpText(
      'after',
      `
Compares the Kubernetes objects the releases rendered: one line per changed field, object
added (+) or removed (-). Secret values are never shown, nor the release and version labels
Slipway rewrites on every object at each release (--all shows them). With --live, compares the current
release with what is in the cluster now, field by field for the fields Slipway sets.
Like diff(1), exits 0 when there is no difference and 1 when there is.

Examples:
  $ slipway diff web --env dev
  $ slipway diff web --env dev --from 3 --to 5
  $ slipway diff web --env production --live`,
    )
    .action(async (service: string, options: DiffOptions, command: Command) => {
      const ctx = contextOf(command);
      if (options.live && (options.from !== undefined || options.to !== undefined)) {
        throw new SlipwayError(
          'invalid_input',
          '--live compares the current release with the cluster: leave out --from and --to',
        );
      }
      const client = ctx.authenticated();
      if (options.live) {
        const drift = await driftOfCurrent(client, service, options.env);
        emit(ctx.output, drift, () => describeDrift(drift, service, options.env));
        if (drift.status !== 'in-sync') throw new ExitWith(ExitCode.failed);
        return;
      }
      const answer = await releaseDiff(client, service, options);
      emit(ctx.output, answer, () => [
        `${service} in ${options.env}: ${answer.from ? `release #${answer.from.number}` : 'nothing'} → release #${answer.to.number}`,
        '',
        formatDiff(answer.diff),
        ...(answer.diff.hidden > 0 && !options.all ? ['(--all shows them)'] : []),
      ]);
      if (hasChanges(answer.diff)) throw new ExitWith(ExitCode.failed);
    });
}

async function releaseDiff(client: SlipwayClient, service: string, options: DiffOptions): Promise<DiffAnswer> {
  const releases = await client.listReleases({ service, environment: options.env, limit: maxListed });
  const newest = releases[0];
  if (!newest) throw noReleases(service, options.env);
  const byNumber = (n: number) => releaseNumbered(releases, n, `${service} in ${options.env}`);
  const to = options.to === undefined ? newest : byNumber(options.to);
  const from = options.from === undefined ? undefined : byNumber(options.from);
  return client.diffRelease(to.id, from?.id, options.all === true);
}

const hasChanges = (diff: ReleaseDiff): boolean =>
  diff.added.length > 0 || diff.removed.length > 0 || diff.changed.length > 0;

async function driftOfCurrent(client: SlipwayClient, service: string, environment: string): Promise<DriftAnswer> {
  const current = await newestRelease(client, service, environment);
  return client.driftOf(current.id);
}

function describeDrift(drift: DriftAnswer, service: string, environment: string): string[] {
  const lines = [`${service} in ${environment}: release #${drift.release.number} against the cluster`, ''];
  const differing = drift.objects.filter((o) => o.state !== 'in-sync');
  for (const o of differing) lines.push(...driftLines(o));
  if (differing.length === 0) {
    lines.push(
      `In sync: the cluster matches release #${drift.release.number} (${count(drift.objects.length, 'object')}).`,
    );
  } else {
    const missing = differing.filter((o) => o.state === 'missing').length;
    lines.push(
      `${differing.length} of ${count(drift.objects.length, 'object')} differ from release #${drift.release.number}` +
        (missing > 0 ? ` (${missing} missing)` : '') +
        '.',
    );
  }
  return lines;
}

function driftLines(drift: Drift): string[] {
  const name = objectLabel(drift.key);
  if (drift.state === 'missing') return [`- ${name}  missing from the cluster`];
  return [`~ ${name}`, ...drift.changes.map((c) => `    ${c.path}: ${describeDriftChange(c)}`)];
}

/** In drift, `from` is what the release sets and `to` what is live. */
function describeDriftChange(c: FieldChange): string {
  if (c.op === 'remove') return `${show(c.from)} in the release, not set live`;
  if (c.op === 'add') return `${show(c.to)} live only`;
  return `${show(c.from)} in the release, ${show(c.to)} live`;
}

/** `apps/Deployment/ns/web` → `Deployment web` */
function objectLabel(key: string): string {
  const [, kind, , name] = key.split('/');
  return kind && name ? `${kind} ${name}` : key;
}

function show(value: unknown, max = 80): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
