/**
 * `publish:git`: the workspace becomes a repository with one commit, pushed to any remote the
 * git client reaches. The remote passes the catalog's allow-list first: remote helpers such as
 * `ext::` (which run commands) and internal addresses are refused before git sees them.
 */
import { SlipwayError, workspacePath } from '@slipway/core';
import { runGit } from '../../catalog/git.ts';
import { checkLocationTarget } from '../../catalog/url-policy.ts';
import { stringInput, type TemplateAction } from './context.ts';

export const publishGit: TemplateAction = {
  safeInDryRun: false,
  async run(context) {
    const remote = stringInput(
      context,
      'remoteUrl',
      typeof context.input.repoUrl === 'string' ? context.input.repoUrl : undefined,
    );
    if (remote.includes('?'))
      throw new SlipwayError(
        'invalid_input',
        `"${remote}" is a provider form (host?owner=&repo=); publish:git needs a Git remote URL`,
      );
    const pin = await checkLocationTarget('git', remote, context.services.allow);
    const branch = stringInput(context, 'defaultBranch', 'main');
    const cwd = await context.workspace.resolve(workspacePath(stringInput(context, 'sourcePath', './')));
    const git = (args: string[]) => runGit(args, { cwd, allowFile: context.services.allow.allowFileUrls, pin });
    const author = stringInput(context, 'gitAuthorName', context.run.createdBy);
    const email = stringInput(context, 'gitAuthorEmail', `${context.run.createdBy}@users.slipway.invalid`);
    await git(['init', '--quiet', `--initial-branch=${branch}`]);
    await git(['add', '--all']);
    await git([
      '-c',
      `user.name=${author}`,
      '-c',
      `user.email=${email}`,
      '-c',
      'commit.gpgsign=false',
      'commit',
      '--quiet',
      '-m',
      stringInput(context, 'gitCommitMessage', 'Initial commit'),
    ]);
    const commit = (await git(['rev-parse', 'HEAD'])).toString('utf8').trim();
    await context.log(`committed ${commit.slice(0, 12)} as ${author}`);
    await git(['push', '--quiet', remote, `HEAD:refs/heads/${branch}`]);
    await context.log(`pushed ${branch} to ${remote}`);
    return { remoteUrl: remote, repoContentsUrl: remote, defaultBranch: branch, commitHash: commit };
  },
};
