import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  containerFiles,
  fileSources,
  invalidInput,
  jsonPointer,
  parseScore,
  type ScoreWorkload,
  SlipwayError,
} from '@slipway/core';
import type { Command } from 'commander';
import type { ReleaseView, SlipwayClient } from '../client.ts';
import { type Context, contextOf } from '../context.ts';
import { ExitCode, ExitWith } from '../exit-codes.ts';
import { timeoutOption, waitFor } from '../follow.ts';
import { emit } from '../output.ts';
import { approvalLines, printWarnings } from '../releases.ts';

interface DeployOptions {
  file: string;
  env: string;
  owner?: string;
  image?: string;
  service?: string;
  commit?: string;
  commitTime?: string;
  reason?: string;
  autoRollback: boolean;
  wait?: boolean;
  timeout: number;
}

/** A Score file read from disk, checked, with the files it names beside it. */
interface ScoreInput {
  text: string;
  workload: ScoreWorkload;
  files: Record<string, string>;
}

export function registerDeployCommand(program: Command): void {
  program
    .command('deploy')
    .description('Deploy a Score workload to an environment; with --wait, follow the rollout live')
    .option('-f, --file <path>', 'the Score file (- reads standard input)', 'score.yaml')
    .requiredOption('--env <name>', 'the environment to deploy to')
    .option('--image <image>', "the image of containers whose image is '.' (or of the only container)")
    .option('--service <name>', "the service's name (default: the Score file's metadata.name)")
    .option('--owner <team>', 'the team that owns the service, on its first deploy (default: your only team)')
    .option('--commit <sha>', 'the commit being deployed, kept with the release')
    .option(
      '--commit-time <time>',
      'when that commit was made (RFC 3339, e.g. from git show -s --format=%cI): the start of the lead time',
    )
    .option('--reason <text>', 'why, kept with the release')
    .option(
      '--no-auto-rollback',
      'if the release fails, leave it in place instead of going back to the last healthy one',
    )
    .option('--wait', 'follow the rollout until the release is healthy or has failed')
    .addOption(timeoutOption())
    .addHelpText(
      'after',
      `
The Score file is checked here first: a mistake is reported with its place in the file and
nothing is sent. Files the Score file names by \`source\` are read relative to it and sent along.
Release numbers count up per service and environment.

With --wait, the rollout is shown live (the replicas ready, problems of the pods with what to
do about them) and the exit code says how it ended: 0 healthy; 1 degraded, failed or
superseded (a failed release is rolled back to the last healthy one unless --no-auto-rollback;
the rollback is followed too, and the exit code is still 1), or --timeout passed (the release
keeps going on the server). Where the environment type has metric checks, waiting goes on while
the release is verifying: a failed check fails it, and it is rolled back the same way. With --output json the release is printed as JSON at the end and
the progress goes to standard error.

To an environment whose type requires approval, the release waits for someone else to run
\`slipway approve ID\`; the command says so and does not follow it (with --wait it exits 1).
A deploy freeze refuses the deploy (exit 1), or lets it through with a warning on standard error.

Examples:
  $ slipway deploy --env dev
  $ slipway deploy -f services/web/score.yaml --env staging --image ghcr.io/acme/web:1.4.2 --wait
  $ slipway deploy --env dev --commit "$(git rev-parse HEAD)" --reason "Fix the login page" --wait --timeout 5m
  $ slipway deploy --env production --commit "$(git rev-parse HEAD)" --commit-time "$(git show -s --format=%cI HEAD)"
  $ cat score.yaml | slipway deploy -f - --env dev --wait -o json`,
    )
    .action(deploy);
}

async function deploy(options: DeployOptions, command: Command): Promise<void> {
  // Checked before anything else, so that a bad file is refused without any request.
  const score = readScore(options.file);
  const ctx = contextOf(command);
  const client = ctx.authenticated();
  const { release, warnings } = await client.deploy({
    environment: options.env,
    workload: score.text,
    ...(options.service ? { service: options.service } : {}),
    ...(options.owner ? { owner: options.owner } : {}),
    ...(options.image ? { image: options.image } : {}),
    ...(options.commit ? { commit: options.commit } : {}),
    ...(options.commitTime ? { commitTime: options.commitTime } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
    autoRollback: options.autoRollback,
    ...(Object.keys(score.files).length > 0 ? { files: score.files } : {}),
  });
  printWarnings(warnings);
  await reportRelease(ctx, client, release, options);
}

/**
 * What deploy and promote say about the release they made: queued (followed with
 * --wait), or waiting for someone's approval — never followed, since that can take a day.
 */
export async function reportRelease(
  ctx: Context,
  client: SlipwayClient,
  release: ReleaseView,
  options: { wait?: boolean | undefined; timeout: number },
  headline = `Release #${release.number} of ${release.service} queued in ${release.environment}`,
): Promise<void> {
  if (release.status === 'pending_approval') {
    emit(ctx.output, release, () => approvalLines(release));
    if (options.wait) {
      process.stderr.write('Not following it: it waits for approval (the exit code is 1, as it is not healthy yet).\n');
      throw new ExitWith(ExitCode.failed);
    }
    return;
  }
  if (!options.wait) {
    emit(ctx.output, release, () => [
      `Release #${release.number} of ${release.service} is ${release.status} in ${release.environment} (id ${release.id}).`,
      `Follow it with: slipway status ${release.service} --env ${release.environment}`,
    ]);
    return;
  }
  await waitFor(ctx, client, release, options.timeout, [headline]);
}

/** Reads and checks the Score file, then reads the files it names (relative to it). */
export function readScore(file: string): ScoreInput {
  const label = file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new SlipwayError('invalid_input', `Cannot read the Score file ${label}: ${fileProblem(error)}`, {
      hint: 'Name it with -f PATH (- reads standard input); the default is score.yaml in this directory.',
    });
  }
  const workload = parseScore(text, label);
  const dir = file === '-' ? process.cwd() : dirname(resolve(file));
  const files: Record<string, string> = {};
  for (const source of fileSources(workload)) {
    // A path with a placeholder is known only once the server expands it.
    if (source.includes('${')) continue;
    try {
      files[source] = readFileSync(resolve(dir, source), 'utf8');
    } catch (error) {
      throw invalidInput(
        `Cannot read the file "${source}" that ${label} names: ${fileProblem(error)}`,
        fieldsNaming(workload, source),
        `Paths in files[].source are relative to the Score file (${dir}).`,
      );
    }
  }
  return { text, workload, files };
}

/** The places in the Score file that name a source file. */
function fieldsNaming(workload: ScoreWorkload, source: string) {
  return Object.entries(workload.containers).flatMap(([name, container]) =>
    containerFiles(name, container)
      .filter((entry) => entry.file.source === source)
      .map((entry) => ({ path: jsonPointer([...entry.at, 'source']), message: `"${source}" cannot be read` })),
  );
}

function fileProblem(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
      return 'permission denied';
    default:
      return e.message;
  }
}
