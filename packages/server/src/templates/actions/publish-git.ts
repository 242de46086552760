/**
 * `publish:git`: the workspace becomes a repository with one commit, pushed to any remote the
 * git client reaches, or to the repository a RepoUrlPicker value names (over https, with the
 * token of its host's integration). The remote passes the catalog's allow-list first: remote
 * helpers such as `ext::` (which run commands) and internal addresses are refused before git
 * sees them.
 *
 * The branch: the step's `defaultBranch`, else the branch the remote's HEAD names, else main.
 * It is recorded for the run, so catalog:register reads that branch whatever HEAD names.
 */
import { workspacePath } from '@slipway/core';
import { type GitOptions, runGit } from '../../catalog/git.ts';
import { remoteBranches, unbornHead } from '../../catalog/remote-branches.ts';
import { type ActionContext, stringInput, type TemplateAction } from './context.ts';
import { resolveRemote } from './remote.ts';

export const publishGit: TemplateAction = {
  safeInDryRun: false,
  async run(context) {
    const field = typeof context.input.remoteUrl === 'string' ? '/input/remoteUrl' : '/input/repoUrl';
    const repoUrl = stringInput(
      context,
      'remoteUrl',
      typeof context.input.repoUrl === 'string' ? context.input.repoUrl : undefined,
    );
    // A RepoUrlPicker value (host?owner=&repo=) is that repository over https, with its host's token.
    const { remote, git: remoteOptions } = await resolveRemote(context, repoUrl, field);
    const branch = stringInput(context, 'defaultBranch', '') || (await remoteHead(remote, remoteOptions)) || 'main';
    const commit = await commitAndPush(context, remote, branch, remoteOptions, 'Initial commit');
    context.pushedBranches.set(remote, branch);
    await noteOtherHead(context, remote, branch, remoteOptions);
    return { remoteUrl: remote, repoContentsUrl: remote, defaultBranch: branch, commitHash: commit };
  },
};

/**
 * The workspace (its `sourcePath`) as a new repository with one commit on `branch`, pushed to
 * the remote: publish:git's and the providers' publish actions end the same way.
 */
export async function commitAndPush(
  context: ActionContext,
  remote: string,
  branch: string,
  remoteOptions: GitOptions,
  defaultMessage: string,
): Promise<string> {
  const cwd = await context.workspace.resolve(workspacePath(stringInput(context, 'sourcePath', './')));
  const git = (args: string[]) => runGit(args, { cwd, ...remoteOptions });
  const author = stringInput(context, 'gitAuthorName', context.run.createdBy);
  const email = stringInput(context, 'gitAuthorEmail', `${context.run.createdBy}@users.slipway.invalid`);
  await git(['init', '--quiet', `--initial-branch=${branch}`]);
  await git(['add', '--all']);
  await git(
    authorFlags(author, email).concat([
      'commit',
      '--quiet',
      '-m',
      stringInput(context, 'gitCommitMessage', defaultMessage),
    ]),
  );
  const commit = (await git(['rev-parse', 'HEAD'])).toString('utf8').trim();
  await context.log(`committed ${commit.slice(0, 12)} as ${author}`);
  await git(['push', '--quiet', remote, `HEAD:refs/heads/${branch}`]);
  await context.log(`pushed ${branch} to ${remote}`);
  return commit;
}

/** Who a commit is by, for one git command; never signed (there is no key to sign with). */
export function authorFlags(name: string, email: string): string[] {
  return ['-c', `user.name=${name}`, '-c', `user.email=${email}`, '-c', 'commit.gpgsign=false'];
}

/**
 * The branch the remote's HEAD names: listed when it has commits, learnt from a clone when it
 * is empty (a plain `git init --bare` names master, a GitHub repository its default branch);
 * null when the remote does not say.
 */
async function remoteHead(remote: string, options: GitOptions): Promise<string | null> {
  const heads = await remoteBranches(remote, options).catch(() => null);
  if (!heads) return null;
  if (heads.head) return heads.head;
  const empty = heads.branches.length === 0 && heads.tags.length === 0;
  return empty ? await unbornHead(remote, options).catch(() => null) : null;
}

/** Says so when the remote's HEAD does not name the pushed branch: a plain `git clone` would not check it out. */
async function noteOtherHead(context: ActionContext, remote: string, branch: string, options: GitOptions) {
  const heads = await remoteBranches(remote, options).catch(() => null);
  if (!heads || heads.head === branch) return;
  const names = heads.head ? `names ${heads.head}` : 'names no branch it has (made by plain git init --bare?)';
  await context.log(
    `the remote's HEAD ${names}: Slipway reads ${branch}, the branch it pushed; ` +
      `to make ${branch} the default, set it on the Git host (a bare repository: git symbolic-ref HEAD refs/heads/${branch})`,
  );
}
