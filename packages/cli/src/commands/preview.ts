import { readFileSync } from 'node:fs';
import { SlipwayError } from '@slipway/core';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { contextOf } from '../context.ts';
import { type PullRequestAction, pullRequestActions, signedPullRequest } from '../github-event.ts';
import { emit } from '../output.ts';

interface TestOptions {
  repo: string;
  pr: number;
  action: PullRequestAction;
  sha?: string;
  branch?: string;
  base: string;
  sender: string;
  delivery?: string;
  secretStdin?: boolean;
}

/** The variable the server reads the secret from, read here too. */
const secretVariable = 'SLIPWAY_GITHUB_WEBHOOK_SECRET';

/** Preview environments: trying the GitHub webhook that makes them, without GitHub. */
export function registerPreviewCommands(program: Command): void {
  const preview = program
    .command('preview')
    .description('Preview environments per pull request: send a test webhook as GitHub would')
    .addHelpText(
      'after',
      `
Previews are made by GitHub's pull_request webhook (docs/environments.md). The preview
environments themselves are environments: list them with \`slipway env list\`.

Examples:
  $ slipway preview test --repo acme/shop --pr 7`,
    );

  preview
    .command('test')
    .description('Send a signed pull_request event to the server, exactly as GitHub sends it (no token needed)')
    .requiredOption('--repo <owner/name>', 'the repository, as the preview source names it', repository)
    .requiredOption('--pr <number>', 'the pull request number', positive)
    .addOption(
      new Option('--action <action>', 'what happened to the pull request')
        .choices(pullRequestActions)
        .default('opened'),
    )
    .option('--sha <commit>', 'the head commit (40 hex digits); default a random one', commitId)
    .option('--branch <name>', 'the head branch; default pr-NUMBER')
    .option('--base <name>', 'the branch it goes into', 'main')
    .option('--sender <login>', 'the GitHub user who acted', 'slipway-preview-test')
    .option('--delivery <id>', 'X-GitHub-Delivery; default a new UUID (the same id again is a redelivery)')
    .option('--secret-stdin', `read the webhook secret from standard input (else $${secretVariable})`)
    .addHelpText(
      'after',
      `
The body is signed with HMAC-SHA256 keyed with the webhook secret (X-Hub-Signature-256), the
same secret as the server's github.webhookSecret. The event's updated_at is now: Slipway acts
on the events of a pull request in that order. Set SLIPWAY_GITHUB_WEBHOOK_SECRET to the
server's secret first, or pipe it in.

Examples:
  $ slipway preview test --repo acme/shop --pr 7
  $ slipway preview test --repo acme/shop --pr 7 --action synchronize --sha $(git rev-parse HEAD)
  $ slipway preview test --repo acme/shop --pr 7 --action closed --secret-stdin < webhook-secret`,
    )
    .action(async (options: TestOptions, command: Command) => {
      const ctx = contextOf(command);
      const signed = signedPullRequest(
        {
          repository: options.repo,
          number: options.pr,
          action: options.action,
          sha: options.sha,
          branch: options.branch ?? `pr-${options.pr}`,
          base: options.base,
          updatedAt: new Date(),
          sender: options.sender,
        },
        webhookSecret(options.secretStdin ?? false),
        options.delivery,
      );
      const answer = await ctx.anonymous().sendGithubWebhook(signed);
      const head = signed.payload.pull_request.head;
      emit(ctx.output, { delivery: signed.delivery, sha: head.sha, ...answer }, () => [
        `Sent pull_request ${options.action} for ${options.repo}#${options.pr} (${head.ref} at ${head.sha.slice(0, 12)}), delivery ${signed.delivery}`,
        `${answer.result}${answer.environment ? ` ${answer.environment}` : ''}: ${answer.message}`,
      ]);
    });
}

function webhookSecret(fromStdin: boolean): string {
  const secret = fromStdin ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : (process.env[secretVariable] ?? '');
  if (secret !== '') return secret;
  throw new SlipwayError(
    'invalid_input',
    fromStdin ? 'No webhook secret on standard input' : `No webhook secret: ${secretVariable} is not set`,
    { hint: `Give the server's github.webhookSecret in ${secretVariable}, or pipe it in with --secret-stdin.` },
  );
}

function repository(value: string): string {
  if (/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(value)) return value;
  throw new InvalidArgumentError('expected owner/name, e.g. acme/shop');
}

function positive(value: string): number {
  const n = Number(value);
  if (Number.isInteger(n) && n > 0) return n;
  throw new InvalidArgumentError('expected a pull request number, e.g. 7');
}

function commitId(value: string): string {
  if (/^[0-9a-f]{40}$/.test(value)) return value;
  throw new InvalidArgumentError('expected a commit id of 40 hex digits');
}
