/**
 * What a remote says of its branches: the branch its HEAD names and the branches it has. A
 * remote made with plain `git init --bare` keeps HEAD → master (or init.defaultBranch) even
 * when only main was pushed; git then answers "couldn't find remote ref HEAD". These turn
 * that into a message naming the branch looked for and the branches the remote has.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/core';
import { type GitOptions, runGit } from './git.ts';

export interface RemoteBranches {
  /** The branch HEAD names, when it names one the remote has (git lists no dangling HEAD). */
  head: string | null;
  branches: string[];
  tags: string[];
}

/** One `git ls-remote --symref`: HEAD, the branches and tags, not pull-request refs. */
export async function remoteBranches(url: string, options: GitOptions): Promise<RemoteBranches> {
  const out = (
    await runGit(['ls-remote', '--symref', '--', url, 'HEAD', 'refs/heads/*', 'refs/tags/*'], options)
  ).toString('utf8');
  let head: string | null = null;
  const branches: string[] = [];
  const tags: string[] = [];
  for (const line of out.split('\n')) {
    const symref = /^ref: refs\/heads\/(\S+)\tHEAD$/.exec(line);
    if (symref) head = symref[1] as string;
    const branch = /^[0-9a-f]+\trefs\/heads\/(\S+)$/.exec(line);
    if (branch) branches.push(branch[1] as string);
    const tag = /^[0-9a-f]+\trefs\/tags\/([^\s^]+)$/.exec(line);
    if (tag) tags.push(tag[1] as string);
  }
  return { head, branches, tags };
}

/** What a clone of a remote that advertises no HEAD gets instead: never a branch name anyone uses. */
const noAdvertisedHead = 'slipway-no-remote-head';

/**
 * The branch HEAD names in an empty remote (nothing pushed yet), which ls-remote does not show:
 * a clone of it learns it (git protocol v2 advertises an unborn HEAD). Null when the remote
 * does not say. Clone only empty remotes: there is nothing to download.
 */
export async function unbornHead(url: string, options: GitOptions): Promise<string | null> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-remote-head-'));
  try {
    await runGit(
      ['-c', `init.defaultBranch=${noAdvertisedHead}`, 'clone', '--quiet', '--bare', '--', url, dir],
      options,
    );
    const head = (await runGit(['symbolic-ref', '--short', 'HEAD'], { ...options, cwd: dir })).toString('utf8').trim();
    return head && head !== noAdvertisedHead ? head : null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Why `ref` ('' for the remote's HEAD) cannot be read from `url`, when the reason is a branch
 * the remote does not have; null when it has it (the failure was something else).
 */
export function missingBranch(url: string, ref: string, remote: RemoteBranches): SlipwayError | null {
  const has = remote.branches.length > 0 ? `its branches: ${remote.branches.join(', ')}` : 'it has no branches yet';
  if (ref === '') {
    if (remote.head) return null;
    return new SlipwayError(
      'not_found',
      `Slipway looked for the default branch of ${url}, but its HEAD names no branch it has; ${has}`,
      {
        hint:
          remote.branches.length > 0
            ? `Name the branch to read (ref: ${remote.branches[0]}), or point the remote's HEAD at it (in a bare repository: git symbolic-ref HEAD refs/heads/${remote.branches[0]}).`
            : 'Push a branch to the repository first.',
      },
    );
  }
  // A full ref name or a commit id is git's to judge; a name the remote has failed for another reason.
  if (ref.startsWith('refs/') || /^[0-9a-f]{7,64}$/.test(ref)) return null;
  if (remote.branches.includes(ref) || remote.tags.includes(ref)) return null;
  const head = remote.head ? `its default branch is ${remote.head}; ` : '';
  return new SlipwayError('not_found', `Slipway looked for the branch ${ref}, which is not in ${url}; ${head}${has}`, {
    hint: 'Name a branch the remote has as the ref, or push that branch.',
  });
}

/**
 * Runs a git read of `ref`; when it fails, asks the remote which branches it has and, if the
 * branch is what is missing, fails with that instead of git's own words.
 */
export async function explainingMissingBranch<T>(
  url: string,
  ref: string,
  options: GitOptions,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const remote = await remoteBranches(url, options).catch(() => null);
    throw (remote && missingBranch(url, ref, remote)) ?? error;
  }
}
