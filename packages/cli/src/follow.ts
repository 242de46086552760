/**
 * Follows a release live until it finishes: polls the API, redraws one status line on a
 * terminal (a line per change otherwise), reports pod problems with their fix as they appear,
 * and, when a failed release is rolled back automatically, follows the rollback too.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SlipwayError } from '@slipway/core';
import { Option } from 'commander';
import type { ReleaseView, SlipwayClient } from './client.ts';
import type { Context } from './context.ts';
import { ExitCode, ExitWith } from './exit-codes.ts';
import { printJson } from './output.ts';
import {
  assessmentOf,
  failureKey,
  failureLines,
  formatDuration,
  isFinished,
  isSettled,
  parseDuration,
  refusalOf,
  verdictLine,
} from './releases.ts';

/** How often the release is polled. */
const pollMs = 400;
/** Polls may fail for a moment (a restarting server, a network blip) before the follower gives up. */
const toleratedFailures = 5;
/** How long the engine may take to store the automatic rollback after a release fails. */
const rollbackAppearsWithinMs = 10_000;

/** The --timeout of the commands that --wait: how long to follow a release. */
export function timeoutOption(): Option {
  return new Option('--timeout <duration>', 'with --wait: how long to wait, e.g. 90s, 10m, 1h')
    .argParser(parseDuration)
    .default(10 * 60_000, '10m');
}

/**
 * Follows a release to its end for a command run with --wait: the headline and the progress
 * (on stderr with --output json, so that stdout holds only the JSON), then the verdict. Ends the
 * command with exit 1 unless the release became healthy.
 */
export async function waitFor(
  ctx: Context,
  client: SlipwayClient,
  release: ReleaseView,
  timeoutMs: number,
  headline: readonly string[],
): Promise<void> {
  const [result] = await followReleases(ctx, client, [release], timeoutMs, headline);
  if (!result) return;
  if (ctx.output === 'json') printJson(result.release);
  if (!endedHealthy(result)) throw new ExitWith(ExitCode.failed);
}

/**
 * Follows releases one after the other within one --timeout (those a clone made, one per
 * service), printing the headline and the progress; the caller prints the result and decides
 * the exit code (`endedHealthy`).
 */
export async function followReleases(
  ctx: Context,
  client: SlipwayClient,
  releases: readonly ReleaseView[],
  timeoutMs: number,
  headline: readonly string[],
): Promise<FollowResult[]> {
  const out = ctx.output === 'json' ? process.stderr : process.stdout;
  const them = releases.length === 1 ? 'it' : `them (${releases.length} releases)`;
  out.write(`${headline.join('\n')}; following ${them} (up to ${formatDuration(timeoutMs)}).\n`);
  const deadline = Date.now() + timeoutMs;
  const results: FollowResult[] = [];
  for (const release of releases) results.push(await followRelease(client, release, { deadline, out, timeoutMs }));
  return results;
}

/** Whether a followed release became healthy (an automatic rollback, even healthy, is not success). */
export const endedHealthy = (result: FollowResult): boolean => !result.timedOut && result.release.status === 'healthy';

export interface FollowOptions {
  /** When to stop waiting (epoch ms); the release keeps going on the server. */
  deadline: number;
  /** The stream progress is written to (stdout for text, stderr with --output json). */
  out: NodeJS.WriteStream;
  /** The --timeout, named when it passes. */
  timeoutMs: number;
}

export interface FollowResult {
  /** The release as last seen: finished, unless the wait timed out. */
  release: ReleaseView;
  timedOut: boolean;
  /** The automatic rollback that followed a failed release, as last seen. */
  rollback?: ReleaseView;
  /** Whether the automatic rollback's wait timed out. */
  rollbackTimedOut?: boolean;
}

/** Whether the engine rolls this release back: a failed rollout, or failed metric checks. */
function rolledBackAutomatically(release: ReleaseView): boolean {
  const failedChecks = release.status === 'failed' && release.verification?.state === 'failed';
  return release.autoRollback && (release.status === 'degraded' || failedChecks);
}

/** Follows `release` and, if it fails and Slipway rolls it back, the rollback; prints as it goes. */
export async function followRelease(
  client: SlipwayClient,
  release: ReleaseView,
  options: FollowOptions,
): Promise<FollowResult> {
  const view = new ProgressView(options.out);
  const first = await followOne(client, release, options, view, 'Release');
  if (first.timedOut) {
    view.print(timeoutLines(first.release, options.timeoutMs));
    return first;
  }
  view.print([verdictLine(first.release), ...refusalLines(first.release)]);
  if (!rolledBackAutomatically(first.release)) return first;

  const rollback = await automaticRollback(client, first.release, options.deadline);
  if (rollback === 'none') {
    view.print(['No automatic rollback: there is no earlier healthy release to go back to.']);
    return first;
  }
  if (rollback === undefined) {
    view.print([
      'Slipway did not start an automatic rollback in time; see `slipway releases ' +
        `${first.release.service} --env ${first.release.environment}\`.`,
    ]);
    return first;
  }
  view.print([`↩ Automatic rollback: release #${rollback.number} goes back to ${rollbackTarget(rollback)}.`]);
  const second = await followOne(client, rollback, options, view, 'Rollback release');
  if (second.timedOut) view.print(timeoutLines(second.release, options.timeoutMs, 'Rollback release'));
  else view.print([verdictLine(second.release, 'Rollback release'), ...refusalLines(second.release)]);
  return { ...first, rollback: second.release, rollbackTimedOut: second.timedOut };
}

async function followOne(
  client: SlipwayClient,
  release: ReleaseView,
  options: FollowOptions,
  view: ProgressView,
  label: string,
): Promise<{ release: ReleaseView; timedOut: boolean }> {
  let current = release;
  let failures = 0;
  view.begin(label);
  for (;;) {
    view.update(current);
    if (isSettled(current.status)) {
      view.end();
      return { release: current, timedOut: false };
    }
    const left = options.deadline - Date.now();
    if (left <= 0) {
      view.end();
      return { release: current, timedOut: true };
    }
    await sleep(Math.min(pollMs, left));
    try {
      current = await client.getRelease(release.id);
      failures = 0;
    } catch (error) {
      if (!(error instanceof SlipwayError) || error.code !== 'unavailable' || ++failures > toleratedFailures) {
        view.end();
        throw error;
      }
    }
  }
}

/**
 * The release the engine creates to roll a failed one back: a newer release that is a
 * rollback and was made by Slipway, not a person. `none` when no healthy release came before.
 */
async function automaticRollback(
  client: SlipwayClient,
  failed: ReleaseView,
  deadline: number,
): Promise<ReleaseView | 'none' | undefined> {
  const { service, environment } = failed;
  const until = Math.min(deadline, Date.now() + rollbackAppearsWithinMs);
  const ofThisFailure = (r: ReleaseView) =>
    r.number > failed.number &&
    r.rollbackOf !== null &&
    (r.createdBy === 'slipway' || (r.reason ?? '').includes(`release #${failed.number} failed`));
  for (;;) {
    const releases = await client.listReleases({ service, environment, limit: 20 });
    const rollback = releases.filter(ofThisFailure).at(-1);
    if (rollback) return rollback;
    // Nothing was ever healthy here: the engine has nothing to roll back to.
    if (!(await client.serviceStatus(service, environment)).lastHealthy) return 'none';
    if (Date.now() >= until) return undefined;
    await sleep(pollMs);
  }
}

function rollbackTarget(rollback: ReleaseView): string {
  const to = rollback.reason?.match(/release #(\d+)/)?.[1];
  const image = rollback.image ? ` (${rollback.image})` : '';
  return to ? `release #${to}${image}` : `an earlier healthy release${image}`;
}

function timeoutLines(release: ReleaseView, timeoutMs: number, label = 'Release'): string[] {
  return [
    `✖ Stopped waiting after ${formatDuration(timeoutMs)}: ${label.toLowerCase()} #${release.number} is still ${release.status}` +
      (release.message ? ` (${release.message})` : '') +
      '.',
    `  It keeps going on the server; follow it with: slipway status ${release.service} --env ${release.environment}`,
  ];
}

function refusalLines(release: ReleaseView): string[] {
  const refusal = refusalOf(release);
  const lines = (refusal?.fields ?? []).map((f) => `  ${f.path || '(root)'}: ${f.message}`);
  if (refusal?.hint) lines.push(`  hint: ${refusal.hint}`);
  return lines;
}

const spinner = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const barWidth = 16;

/**
 * The display: on a terminal, one line redrawn in place (spinner, status, progress bar,
 * message); elsewhere (a CI log, a pipe) a line whenever something changes. Pod problems are
 * printed once each, above the live line.
 */
class ProgressView {
  readonly #out: NodeJS.WriteStream;
  readonly #tty: boolean;
  readonly #reported = new Set<string>();
  #label = 'Release';
  #last = '';
  #started = Date.now();
  #frame = 0;
  #drawn = false;

  constructor(out: NodeJS.WriteStream) {
    this.#out = out;
    this.#tty = out.isTTY === true;
  }

  begin(label: string): void {
    this.#label = label;
    this.#last = '';
    this.#started = Date.now();
  }

  update(release: ReleaseView): void {
    const fresh = (assessmentOf(release)?.failures ?? []).filter((f) => !this.#reported.has(failureKey(f)));
    if (fresh.length > 0) {
      for (const f of fresh) this.#reported.add(failureKey(f));
      this.print(fresh.flatMap((f) => failureLines(f)));
    }
    const state = stateOf(release);
    if (this.#tty) {
      this.#draw(this.#ttyLine(release));
    } else if (state !== this.#last) {
      this.#out.write(`  ${elapsed(this.#started)}  #${release.number} ${state}\n`);
    }
    this.#last = state;
  }

  end(): void {
    this.#clear();
  }

  /** Lines printed for good, above the live line (which is redrawn on the next update). */
  print(lines: readonly string[]): void {
    this.#clear();
    if (lines.length > 0) this.#out.write(`${lines.join('\n')}\n`);
  }

  #ttyLine(release: ReleaseView): string {
    const mark = isFinished(release.status) ? ' ' : spinner[this.#frame++ % spinner.length];
    const progress = assessmentOf(release)?.progress;
    const bar =
      progress && progress.desired > 0
        ? `${progressBar(progress.ready, progress.desired)} ${replicasOf(release)}  `
        : '';
    const line = `${mark} ${elapsed(this.#started)} ${this.#label} #${release.number} ${release.status} ${bar}${release.message}`;
    const width = Math.max(20, (this.#out.columns ?? 80) - 1);
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
  }

  #draw(line: string): void {
    this.#out.write(`\r\x1b[2K${line}`);
    this.#drawn = true;
  }

  #clear(): void {
    if (this.#tty && this.#drawn) this.#out.write('\r\x1b[2K');
    this.#drawn = false;
  }
}

/** What a change is: the status, the replicas ready (and updated, while not all are), the server's message. */
function stateOf(release: ReleaseView): string {
  const replicas = replicasOf(release);
  return `${release.status.padEnd(11)} ${replicas ? `${replicas}  ` : ''}${release.message}`.trimEnd();
}

function replicasOf(release: ReleaseView): string {
  const progress = assessmentOf(release)?.progress;
  if (!progress || progress.desired === 0) return '';
  const { desired, ready, updated } = progress;
  return `${ready}/${desired} ready${updated < desired ? `, ${updated}/${desired} updated` : ''}`;
}

function progressBar(ready: number, desired: number): string {
  const filled = Math.round((Math.min(ready, desired) / desired) * barWidth);
  return `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}]`;
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1).padStart(5)}s`;
}
