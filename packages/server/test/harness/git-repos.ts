/**
 * Real Git repositories for catalog tests and benchmarks: a bare repository made from a map
 * of files with the `git` CLI, which later commits can change (write, move, delete files).
 * Locations read them through `file://` URLs, the same code path as a remote.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const identity = {
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.com',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.com',
};

async function git(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('git', args, { cwd, env: { ...process.env, ...identity }, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

export interface FixtureRepo {
  /** The bare repository's file:// URL, what a location targets. */
  url: string;
  dir: string;
  /** Commits a change: files to write (path → content) and paths to delete (null). Answers the commit id. */
  commit(changes: Record<string, string | null>, message?: string): Promise<string>;
}

/** A directory holding fixture repositories; `dispose` removes them all. */
export async function fixtureRepos() {
  const root = await mkdtemp(join(tmpdir(), 'slipway-git-'));
  let count = 0;
  return {
    root,
    /** A bare repository on branch main with one commit of `files`. */
    async create(name: string, files: Record<string, string>): Promise<FixtureRepo> {
      const bare = join(root, `${name}.git`);
      const work = join(root, `work-${count++}-${name}`);
      await git(['init', '--quiet', '--bare', '--initial-branch=main', bare], root);
      await git(['init', '--quiet', '--initial-branch=main', work], root);
      await git(['remote', 'add', 'origin', bare], work);
      const commit = async (changes: Record<string, string | null>, message = 'change') => {
        for (const [path, content] of Object.entries(changes)) {
          if (content === null) await rm(join(work, path), { force: true });
          else {
            await mkdir(dirname(join(work, path)), { recursive: true });
            await writeFile(join(work, path), content);
          }
        }
        await git(['add', '--all'], work);
        await git(['commit', '--quiet', '--allow-empty', '-m', message], work);
        await git(['push', '--quiet', 'origin', 'main'], work);
        return git(['rev-parse', 'HEAD'], work);
      };
      await commit(files, 'initial');
      return { url: pathToFileURL(bare).href, dir: bare, commit };
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** YAML of one entity, for building fixtures by hand. */
export function entityYaml(
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
) {
  const apiVersion = kind === 'Template' ? 'scaffolder.backstage.io/v1beta3' : 'backstage.io/v1alpha1';
  return JSON.stringify({ apiVersion, kind, metadata: { name, ...metadata }, spec });
}
