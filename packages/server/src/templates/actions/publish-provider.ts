/**
 * Backstage's provider publish actions — `publish:github`, `publish:gitlab`, `publish:gitea` —
 * and their pull (merge) request siblings. They take a RepoUrlPicker value; the host must be
 * one of the operator's `integrations` of that kind. The repository is created through the
 * host's API when the integration has a token, then the workspace is pushed with git, as
 * publish:git does. Inputs Backstage offers that Slipway does not act on (collaborators, topics,
 * branch protection …) are named in the run's log, never dropped silently.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invalidInput, parseRepoUrl, SlipwayError, workspacePath } from '@slipway/core';
import { runGit } from '../../catalog/git.ts';
import type { IntegrationConfig } from '../../integrations/integrations.ts';
import { type ActionContext, stringInput, type TemplateAction } from './context.ts';
import { authorFlags, commitAndPush } from './publish-git.ts';
import { type ResolvedRemote, resolveRemote } from './remote.ts';

type Provider = 'github' | 'gitlab' | 'gitea';

/** What each action takes and acts on; anything else Backstage documents is logged as ignored. */
const publishInputs = new Set([
  'repoUrl',
  'description',
  'defaultBranch',
  'repoVisibility',
  'sourcePath',
  'gitCommitMessage',
  'gitAuthorName',
  'gitAuthorEmail',
]);
const requestInputs = new Set([
  'repoUrl',
  'branchName',
  'title',
  'description',
  'targetBranchName',
  'sourcePath',
  'targetPath',
  'draft',
  'commitMessage',
  'gitAuthorName',
  'gitAuthorEmail',
]);

export function publishTo(provider: Provider): TemplateAction {
  return {
    safeInDryRun: false,
    async run(context) {
      await noteIgnored(context, publishInputs);
      const target = await providerRemote(context, provider);
      const branch = stringInput(context, 'defaultBranch', 'master');
      const visibility = visibilityOf(context.input.repoVisibility);
      let webUrl = target.remote.replace(/\.git$/, '');
      if (target.api) {
        const created = await target.api.createRepository({
          owner: target.parts.owner,
          name: target.parts.repo,
          description: optionalString(context.input.description),
          visibility,
        });
        webUrl = created.webUrl;
        await context.log(`created ${visibility} repository ${webUrl}`);
      } else {
        await context.log(`no API token for ${target.parts.host}: pushing to ${target.remote}, which must exist`);
      }
      const commit = await commitAndPush(context, target.remote, branch, target.git, 'initial commit');
      context.pushedBranches.set(target.remote, branch);
      // repoContentsUrl is the remote: catalog:register reads it with git, at the branch pushed.
      return {
        remoteUrl: target.remote,
        repoContentsUrl: target.remote,
        webUrl,
        defaultBranch: branch,
        commitHash: commit,
      };
    },
  };
}

export function requestTo(provider: Provider): TemplateAction {
  return {
    safeInDryRun: false,
    async run(context) {
      await noteIgnored(context, requestInputs);
      const target = await providerRemote(context, provider);
      if (!target.api)
        throw new SlipwayError(
          'not_configured',
          `Opening a ${provider === 'gitlab' ? 'merge' : 'pull'} request on ${target.parts.host} needs its API: give its integration a token`,
        );
      const head = stringInput(context, 'branchName');
      const base =
        optionalString(context.input.targetBranchName) ??
        (await target.api.defaultBranch(target.parts.owner, target.parts.repo));
      const title = stringInput(context, 'title');
      await pushBranch(context, target, head, base, title);
      const opened = await target.api.openPullRequest({
        owner: target.parts.owner,
        repo: target.parts.repo,
        head,
        base,
        title,
        body: optionalString(context.input.description) ?? '',
        draft: context.input.draft === true,
      });
      await context.log(`opened ${opened.webUrl}`);
      return provider === 'gitlab'
        ? {
            mergeRequestUrl: opened.webUrl,
            projectPath: `${target.parts.owner}/${target.parts.repo}`,
            targetBranchName: base,
          }
        : { remoteUrl: opened.webUrl, pullRequestNumber: opened.number, targetBranchName: base };
    },
  };
}

/** The remote of a RepoUrlPicker value whose host is an integration of this provider. */
async function providerRemote(context: ActionContext, provider: Provider): Promise<ResolvedRemote> {
  const repoUrl = stringInput(context, 'repoUrl');
  // The host first: a host Slipway has no integration for is named as such, not as a refused remote.
  const host = parseRepoUrl(repoUrl).host;
  const integration: IntegrationConfig | undefined = context.services.integrations?.forHost(host);
  if (!integration || integration.kind !== provider)
    throw invalidInput(`${host} is not a ${provider} host Slipway knows`, [
      {
        path: '/input/repoUrl',
        message: integration
          ? `its integration is of kind ${integration.kind}: use publish:${integration.kind}`
          : `add it to the server's integrations with kind: ${provider}`,
      },
    ]);
  return resolveRemote(context, repoUrl, '/input/repoUrl');
}

/**
 * The workspace's `sourcePath` copied over the base branch's `targetPath` as one commit on a
 * new branch, pushed. A clone of its own in a temporary folder, removed afterwards.
 */
async function pushBranch(context: ActionContext, target: ResolvedRemote, head: string, base: string, title: string) {
  const clone = await mkdtemp(join(tmpdir(), 'slipway-request-'));
  try {
    const git = (args: string[]) => runGit(args, { ...target.git, cwd: clone });
    await runGit(['clone', '--quiet', '--depth', '1', '--branch', base, target.remote, clone], target.git);
    await git(['checkout', '--quiet', '-b', head]);
    const source = await context.workspace.resolve(workspacePath(stringInput(context, 'sourcePath', './')));
    const into = join(clone, workspacePath(stringInput(context, 'targetPath', './')));
    await cp(source, into, { recursive: true, force: true, verbatimSymlinks: true });
    await git(['add', '--all']);
    const author = stringInput(context, 'gitAuthorName', context.run.createdBy);
    const email = stringInput(context, 'gitAuthorEmail', `${context.run.createdBy}@users.slipway.invalid`);
    await git(
      authorFlags(author, email).concat(['commit', '--quiet', '-m', stringInput(context, 'commitMessage', title)]),
    );
    await git(['push', '--quiet', 'origin', `HEAD:refs/heads/${head}`]);
    await context.log(`pushed ${head} (from ${base}) to ${target.remote}`);
  } finally {
    await rm(clone, { recursive: true, force: true });
  }
}

function visibilityOf(value: unknown): 'public' | 'private' | 'internal' {
  if (value === undefined || value === '') return 'private';
  if (value === 'public' || value === 'private' || value === 'internal') return value;
  throw invalidInput('repoVisibility must be public, private or internal', [
    { path: '/input/repoVisibility', message: 'public, private or internal' },
  ]);
}

const optionalString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

async function noteIgnored(context: ActionContext, known: ReadonlySet<string>) {
  const ignored = Object.keys(context.input).filter((k) => !known.has(k));
  if (ignored.length)
    await context.log(`inputs not acted on here (Slipway does not support them): ${ignored.join(', ')}`);
}
