import { setTimeout as sleep } from 'node:timers/promises';
import { SlipwayError } from '@slipway/core';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CloneAnswer, CloneRequest, EnvironmentInput, EnvironmentView, SlipwayClient } from '../client.ts';
import { contextOf } from '../context.ts';
import { ExitCode, ExitWith } from '../exit-codes.ts';
import { endedHealthy, followReleases, timeoutOption } from '../follow.ts';
import { emit, printJson } from '../output.ts';
import { formatDuration, maxListed, parseWholeNumber, printWarnings } from '../releases.ts';
import { formatUntil, parseTtl } from '../time.ts';
import {
  count,
  currentPerService,
  describeEnvironment,
  environmentTable,
  expiryLine,
  pauseLine,
  scheduleLines,
  summary,
} from './env-views.ts';

/** Options shared by `env set` and `env create`. */
interface SettingOptions {
  type: string;
  cluster?: string;
  namespace?: string;
  domain?: string;
  routeKind?: 'Ingress' | 'HTTPRoute';
  replicas?: number;
  progressDeadline?: number;
  ttl?: number;
  pauseAt?: string;
  resumeAt?: string;
  timezone?: string;
  gitopsRepo?: string;
  gitopsBranch?: string;
  gitopsPath?: string;
  /** false with --no-schedule (env set only). */
  schedule?: boolean;
}

interface CloneOptions {
  owner?: string;
  type?: string;
  cluster?: string;
  namespace?: string;
  image?: Record<string, string>;
  ttl?: number;
  wait?: boolean;
  timeout: number;
}

interface WaitOptions {
  wait?: boolean;
  timeout: number;
}

/** Environments: where services are deployed, on which cluster, and for how long. */
export function registerEnvCommands(program: Command): void {
  const env = program
    .command('env')
    .description('Manage environments: create, clone, pause, resume and delete them')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway env list
  $ slipway env create pr-42 --type preview --ttl 3d
  $ slipway env clone staging qa --image web=ghcr.io/acme/web:1.5.0 --wait
  $ slipway env pause qa
  $ slipway env delete pr-42 --wait`,
    );

  settingOptions(
    env
      .command('create')
      .description('Create an environment: its namespace, quota and limits on its cluster')
      .argument('<name>', 'its name, a DNS label such as dev or pr-42')
      .option('--owner <team>', 'the team that owns it (default: your only team; none: a shared one, for admins)'),
  )
    .addHelpText(
      'after',
      `
The namespace is made on the cluster before the answer, with the quota and limits of the
type (see them with \`slipway env-type show TYPE\`). An environment with a time-to-live is
deleted when it runs out, with everything in it; its releases stay as history.

Examples:
  $ slipway env create dev --type development
  $ slipway env create pr-42 --type preview --ttl 3d
  $ slipway env create qa --type staging --cluster eu-west --replicas 1
  $ slipway env create demo --type development --pause-at "0 20 * * 1-5" --resume-at "0 7 * * 1-5" --timezone Europe/Paris`,
    )
    .action(async (name: string, options: SettingOptions & { owner?: string }, command: Command) => {
      const ctx = contextOf(command);
      const owner = options.owner ? { owner: options.owner } : {};
      const environment = await ctx.authenticated().createEnvironment({ name, ...environmentInput(options), ...owner });
      emit(ctx.output, { environment }, () => [
        `Created environment ${name} (type ${environment.type}) on cluster ${environment.cluster}, in namespace ${environment.namespace}.`,
        expiryLine(environment),
        ...scheduleLines(environment),
        `Deploy to it with: slipway deploy -f score.yaml --env ${name}`,
      ]);
    });

  settingOptions(
    env
      .command('set')
      .description('Create an environment, or change the settings of one')
      .argument('<name>', 'its name, a DNS label such as dev or pr-42'),
  )
    .option('--no-schedule', 'remove the pause schedule')
    .addHelpText(
      'after',
      `
Every setting is replaced: one left out takes its default again. The pause schedule and the
time-to-live are kept unless given (--no-schedule removes the schedule, --ttl 0 the expiry; a
new --ttl counts from now). The cluster and namespace of an environment cannot change: clone it.

Examples:
  $ slipway env set dev --type development
  $ slipway env set staging --type staging --namespace shop-staging --replicas 2 --progress-deadline 300
  $ slipway env set prod --type production --domain shop.example.com --route-kind HTTPRoute
  $ slipway env set pr-42 --type preview --ttl 7d`,
    )
    .action(async (name: string, options: SettingOptions, command: Command) => {
      const ctx = contextOf(command);
      const environment = await ctx.authenticated().putEnvironment(name, environmentInput(options));
      emit(ctx.output, { environment }, () => [`Saved environment ${name}: ${summary(environment)}.`]);
    });

  env
    .command('list')
    .alias('ls')
    .description('List environments')
    .option('--deleted', 'include deleted environments (their releases stay as history)')
    .addHelpText('after', '\nExamples:\n  $ slipway env list\n  $ slipway env list --deleted -o json')
    .action(async (options: { deleted?: boolean }, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listEnvironments({ deleted: options.deleted === true });
      emit(ctx.output, { items }, () => (items.length === 0 ? ['No environments yet.'] : environmentTable(items)));
    });

  env
    .command('show')
    .description('Show an environment: its settings, expiry, schedule and the services running in it')
    .argument('<name>', 'the environment')
    .addHelpText('after', '\nExamples:\n  $ slipway env show dev\n  $ slipway env show pr-42 -o json')
    .action(async (name: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.authenticated();
      const environment = await client.getEnvironment(name);
      const services = currentPerService(await client.listReleases({ environment: name, limit: maxListed }));
      emit(ctx.output, { environment, services }, () => describeEnvironment(environment, services));
    });

  env
    .command('clone')
    .description('Clone an environment: a new one with its services, each redeployed from its current release')
    .argument('<source>', 'the environment to copy')
    .argument('<name>', 'the new environment')
    .option('--type <type>', "the new environment's type (default: the source's)")
    .option('--owner <team>', 'the team that owns the clone (default: your only team)')
    .option('--cluster <name>', "the cluster it lives on (default: the source's); see `slipway cluster list`")
    .option('--namespace <ns>', 'its Kubernetes namespace (default: one made from the name)')
    .option(
      '--image <service=image>',
      'deploy SERVICE with IMAGE instead of the image it runs in the source; repeat for more',
      collectImage,
    )
    .option('--ttl <duration>', "delete it after this long: 30m, 2h, 7d; 0 never (default: the type's)", parseTtl)
    .option('--wait', 'follow the releases of the clone until they are healthy or have failed')
    .addOption(timeoutOption())
    .addHelpText(
      'after',
      `
The clone gets the source's settings (domain, routes, overrides, schedule) unless told
otherwise, and each service of the source is rendered again for it under its type's rules.
If any service cannot be deployed there, nothing is kept. With --wait, the exit code is 0
only when every release of the clone became healthy.

Examples:
  $ slipway env clone staging qa
  $ slipway env clone dev dev-eu --cluster eu-west --wait
  $ slipway env clone staging pr-42 --type preview --ttl 3d --image web=ghcr.io/acme/web:pr-42`,
    )
    .action(clone);

  env
    .command('delete')
    .alias('rm')
    .description('Delete an environment with everything in it; its releases stay as history')
    .argument('<name>', 'the environment')
    .option('--wait', 'wait until it is gone from the cluster')
    .addOption(timeoutOption())
    .addHelpText(
      'after',
      `
The server removes the services' objects and the namespace in the background; with --wait the
command follows it (progress on standard error) and ends when the environment is gone.

Examples:
  $ slipway env delete pr-42
  $ slipway env delete qa --wait --timeout 5m`,
    )
    .action(remove);

  for (const action of ['pause', 'resume'] as const) {
    env
      .command(action)
      .description(
        action === 'pause'
          ? 'Pause an environment: its workloads scale to zero and its CronJobs are suspended'
          : 'Resume a paused environment: its workloads and CronJobs come back as they were',
      )
      .argument('<name>', 'the environment')
      .addHelpText(
        'after',
        action === 'pause'
          ? `
A paused environment takes no deploys until it is resumed.

Examples:
  $ slipway env pause qa
  $ slipway env pause qa -o json`
          : '\nExamples:\n  $ slipway env resume qa',
      )
      .action(async (name: string, _options: unknown, command: Command) => {
        const ctx = contextOf(command);
        const client = ctx.authenticated();
        const answer = action === 'pause' ? await client.pauseEnvironment(name) : await client.resumeEnvironment(name);
        emit(ctx.output, answer, () => [pauseLine(action, answer)]);
      });
  }
}

/** The options of the settings an environment is created or changed with. */
function settingOptions(command: Command): Command {
  return command
    .requiredOption(
      '--type <type>',
      'its type: development, preview, staging, production, or one of yours (see `slipway env-type list`)',
    )
    .option('--cluster <name>', "the cluster it lives on (default: Slipway's own); see `slipway cluster list`")
    .option('--namespace <ns>', 'its Kubernetes namespace (default: one made from the name)')
    .option('--domain <domain>', 'base DNS domain of the routes of its services')
    .addOption(new Option('--route-kind <kind>', 'how routes are made').choices(['Ingress', 'HTTPRoute']))
    .option(
      '--replicas <n>',
      "replicas of a service that does not say (default: the type's)",
      parseWholeNumber(0, 1000),
    )
    .option(
      '--progress-deadline <seconds>',
      "seconds a rollout may take before it counts as failed (default: the type's)",
      parseWholeNumber(5, 86_400),
    )
    .option('--ttl <duration>', "delete it after this long: 30m, 2h, 7d; 0 never (default: the type's)", parseTtl)
    .option('--pause-at <cron>', 'pause it on this schedule, e.g. "0 20 * * 1-5" (with --resume-at)')
    .option('--resume-at <cron>', 'resume it on this schedule, e.g. "0 7 * * 1-5" (with --pause-at)')
    .option('--timezone <tz>', 'the time zone of the schedule, e.g. Europe/Paris (default: UTC)')
    .option('--gitops-repo <url>', 'GitOps mode: commit releases to this Git remote for Argo CD or Flux to apply')
    .option('--gitops-branch <branch>', 'the branch releases are committed to (default: main)')
    .option('--gitops-path <folder>', "the environment's folder in the repository (default: its name)");
}

function gitopsOf(options: SettingOptions): Pick<EnvironmentInput, 'gitops'> {
  const { gitopsRepo: repository, gitopsBranch: branch, gitopsPath: path } = options;
  if (!repository) {
    if (branch || path) throw usage('--gitops-branch and --gitops-path go with --gitops-repo');
    return {};
  }
  return { gitops: { repository, ...(branch ? { branch } : {}), ...(path ? { path } : {}) } };
}

function environmentInput(options: SettingOptions): EnvironmentInput {
  const defaults = {
    ...(options.replicas !== undefined ? { replicas: options.replicas } : {}),
    ...(options.progressDeadline !== undefined ? { progressDeadlineSeconds: options.progressDeadline } : {}),
  };
  const schedule = scheduleOf(options);
  return {
    type: options.type,
    ...(options.cluster ? { cluster: options.cluster } : {}),
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.domain ? { domain: options.domain } : {}),
    ...(options.routeKind ? { routeKind: options.routeKind } : {}),
    ...(Object.keys(defaults).length > 0 ? { defaults } : {}),
    ...(schedule !== undefined ? { schedule } : {}),
    ...(options.ttl !== undefined ? { ttlSeconds: options.ttl } : {}),
    ...gitopsOf(options),
  };
}

/** The pause schedule the options give: undefined when they say nothing, null with --no-schedule. */
function scheduleOf(options: SettingOptions): EnvironmentInput['schedule'] {
  const { pauseAt, resumeAt, timezone } = options;
  const given = pauseAt !== undefined || resumeAt !== undefined || timezone !== undefined;
  if (options.schedule === false) {
    if (given) throw usage('--no-schedule removes the schedule: leave out --pause-at, --resume-at and --timezone');
    return null;
  }
  if (!given) return undefined;
  if (pauseAt === undefined || resumeAt === undefined) {
    throw usage('--pause-at and --resume-at go together: a paused environment needs a time to resume', {
      hint: 'For example: --pause-at "0 20 * * 1-5" --resume-at "0 7 * * 1-5" (weekdays, 20:00 to 07:00).',
    });
  }
  return { pause: pauseAt, resume: resumeAt, ...(timezone ? { timezone } : {}) };
}

function usage(message: string, options: { hint?: string } = {}): SlipwayError {
  return new SlipwayError('invalid_input', message, options);
}

/** Commander parser for repeated `--image SERVICE=IMAGE`. */
function collectImage(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)=(\S+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('It must be SERVICE=IMAGE, e.g. web=ghcr.io/acme/web:1.4.2.');
  const [, service = '', , image = ''] = match;
  if (previous?.[service]) throw new InvalidArgumentError(`${service} is given an image twice.`);
  return { ...previous, [service]: image };
}

async function clone(source: string, name: string, options: CloneOptions, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const client = ctx.authenticated();
  const request: CloneRequest = {
    name,
    ...(options.type ? { type: options.type } : {}),
    ...(options.owner ? { owner: options.owner } : {}),
    ...(options.cluster ? { cluster: options.cluster } : {}),
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.ttl !== undefined ? { ttlSeconds: options.ttl } : {}),
    ...(options.image ? { images: options.image } : {}),
  };
  const answer = await client.cloneEnvironment(source, request);
  printWarnings(answer.warnings);
  const line = cloneLine(source, answer);
  if (!options.wait || answer.releases === 0) {
    emit(ctx.output, answer, () => [
      `${line}.`,
      ...(answer.releases > 0 ? [`Follow them with: slipway env show ${name}`] : []),
    ]);
    return;
  }
  const releases = currentPerService(await client.listReleases({ environment: name, limit: maxListed }));
  const results = await followReleases(ctx, client, releases, options.timeout, [line]);
  if (ctx.output === 'json') printJson({ ...answer, followed: results.map((r) => r.release) });
  if (!results.every(endedHealthy)) throw new ExitWith(ExitCode.failed);
}

/** One sentence, without its full stop, so that --wait can go on with "; following them". */
function cloneLine(source: string, answer: CloneAnswer): string {
  const e = answer.environment;
  const expiry = e.expiresAt ? `expires ${formatUntil(e.expiresAt)}` : 'does not expire';
  const services =
    answer.releases === 0
      ? `no services to redeploy (${source} runs none)`
      : `${count(answer.releases, 'service')} redeployed`;
  return `Cloned ${source} into ${e.name} (type ${e.type}, ${expiry}) on cluster ${e.cluster}, in namespace ${e.namespace}: ${services}`;
}

async function remove(name: string, options: WaitOptions, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const client = ctx.authenticated();
  const environment = await client.deleteEnvironment(name);
  const what = `namespace ${environment.namespace} on cluster ${environment.cluster}`;
  if (!options.wait) {
    emit(ctx.output, { environment }, () => [
      `Deleting environment ${name}: ${what} and everything in it are being removed; its releases stay as history.`,
      `Check on it with: slipway env show ${name}`,
    ]);
    return;
  }
  process.stderr.write(`Deleting environment ${name} (${what}); waiting until it is gone.\n`);
  const last = await waitUntilGone(client, environment, options.timeout);
  if (last) {
    process.stderr.write(
      `✖ Stopped waiting after ${formatDuration(options.timeout)}: ${name} is still ${last.status}. ` +
        `The server keeps going; check with: slipway env show ${name}\n`,
    );
    if (ctx.output === 'json') printJson({ environment: last });
    throw new ExitWith(ExitCode.failed);
  }
  const deleted = (await client.listEnvironments({ deleted: true }))
    .filter((e) => e.name === name && e.status === 'deleted')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  emit(ctx.output, { environment: deleted ?? { ...environment, status: 'deleted' } }, () => [
    `Deleted environment ${name}: ${what} is gone; its releases stay as history.`,
  ]);
}

const pollMs = 500;
const toleratedFailures = 5;

/**
 * Polls the environment until the server answers not found; shows the time it takes on
 * stderr. Returns undefined once it is gone, or the environment as last seen at the timeout.
 */
async function waitUntilGone(
  client: SlipwayClient,
  environment: EnvironmentView,
  timeoutMs: number,
): Promise<EnvironmentView | undefined> {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let last = environment;
  let failures = 0;
  let reported = Number.NEGATIVE_INFINITY;
  const show = (line: string) => {
    if (tty) process.stderr.write(`\r\x1b[2K${line}`);
    else process.stderr.write(`${line}\n`);
  };
  try {
    for (;;) {
      const elapsed = Date.now() - started;
      if (elapsed >= timeoutMs) return last;
      // A line every 5 s off a terminal; a live one on it.
      if (tty || elapsed - reported >= 5000) {
        show(`  ${(elapsed / 1000).toFixed(1).padStart(5)}s  ${environment.name} is ${last.status}`);
        reported = elapsed;
      }
      await sleep(Math.min(pollMs, timeoutMs - elapsed));
      try {
        last = await client.getEnvironment(environment.name);
        failures = 0;
      } catch (error) {
        if (error instanceof SlipwayError && error.code === 'not_found') return undefined;
        if (!(error instanceof SlipwayError) || error.code !== 'unavailable' || ++failures > toleratedFailures) {
          throw error;
        }
      }
    }
  } finally {
    if (tty) process.stderr.write('\r\x1b[2K');
  }
}
