import { createHash } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/core';
import { spawnViaHelper } from './spawner-client.ts';

export interface GitOptions {
  cwd?: string;
  input?: string;
  /** file:// is allowed only when the operator allows file locations. */
  allowFile?: boolean;
  timeoutMs?: number;
}

// Only these transports, whatever the URL says; no prompts, no redirects to other hosts.
function protocolFlags(allowFile: boolean): string[] {
  return [
    '-c',
    'protocol.allow=never',
    ...['https', 'ssh', 'git'].flatMap((p) => ['-c', `protocol.${p}.allow=always`]),
    '-c',
    `protocol.file.allow=${allowFile ? 'always' : 'never'}`,
    '-c',
    'http.followRedirects=false',
    '-c',
    'core.hooksPath=/dev/null',
  ];
}

const gitEnv = {
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_ASKPASS: 'true',
  GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Runs the real git client, no shell; stdout as bytes. Fails with git's own message. */
export async function runGit(args: string[], options: GitOptions = {}): Promise<Buffer> {
  const result = await spawnViaHelper({
    command: 'git',
    args: [...protocolFlags(options.allowFile ?? false), ...args],
    cwd: options.cwd,
    env: gitEnv,
    input: options.input,
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  if (result.code === 0) return result.stdout;
  const message = result.stderr.trim().split('\n').slice(-3).join(' ');
  throw new SlipwayError('unavailable', `git ${args[0]} failed: ${message || `exit ${result.code ?? result.signal}`}`);
}

/**
 * A local cache of one remote repository: a bare repository holding only the tip of the
 * branch read (shallow fetch), so a refresh downloads one commit and reads files from it.
 */
export class GitMirror {
  readonly dir: string;
  readonly #url: string;
  readonly #allowFile: boolean;

  constructor(cacheDir: string, url: string, ref: string, allowFile: boolean) {
    // One cache per URL and ref: two locations reading two branches never share a fetch lock.
    const key = createHash('sha256').update(`${url}\n${ref}`).digest('hex').slice(0, 32);
    this.dir = join(cacheDir, `${key}.git`);
    this.#url = url;
    this.#allowFile = allowFile;
  }

  /** The commit the remote's ref points at now, without downloading it. */
  async remoteRevision(ref: string): Promise<string> {
    const out = (await this.#git(['ls-remote', '--', this.#url, ref || 'HEAD'])).toString('utf8');
    // ls-remote with a short name may list a branch and a tag; prefer an exact branch, then any.
    const lines = out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t') as [string, string]);
    const exact =
      lines.find(([, name]) => name === `refs/heads/${ref}`) ??
      lines.find(([, name]) => name.endsWith(`^{}`)) ??
      lines[0];
    if (!exact) throw new SlipwayError('not_found', `${ref ? `The ref ${ref}` : 'HEAD'} is not in ${this.#url}`);
    return exact[0];
  }

  /** Fetches the tip of `ref` (one commit deep) and answers its commit id. */
  async fetch(ref: string): Promise<string> {
    if (!(await exists(join(this.dir, 'HEAD')))) await initBare(this.dir);
    await this.#git(
      [
        'fetch',
        '--quiet',
        '--depth',
        '1',
        '--no-tags',
        // Maintenance would start more processes after every fetch; a one-commit cache has little to pack.
        '--no-auto-maintenance',
        '--',
        this.#url,
        `+${ref || 'HEAD'}:refs/slipway/head`,
      ],
      this.dir,
    );
    return (await this.#fetchedCommit()) ?? (await this.#revParse());
  }

  /**
   * The commit just fetched, read from FETCH_HEAD instead of starting `git rev-parse`; null
   * when it may be a tag object, which only git peels.
   */
  async #fetchedCommit(): Promise<string | null> {
    const line = (await readFile(join(this.dir, 'FETCH_HEAD'), 'utf8').catch(() => '')).split('\n')[0] ?? '';
    const [id = '', , description = ''] = line.split('\t');
    return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(id) && !description.startsWith("tag '") ? id : null;
  }

  async #revParse(): Promise<string> {
    return (await this.#git(['rev-parse', 'refs/slipway/head^{commit}'], this.dir)).toString('utf8').trim();
  }

  /** Every file path of a commit. */
  async listFiles(revision: string): Promise<string[]> {
    const out = await this.#git(['ls-tree', '-r', '-z', '--name-only', revision], this.dir);
    return out.toString('utf8').split('\0').filter(Boolean);
  }

  /** The contents of files of a commit, in one `cat-file --batch` round; missing files are left out. */
  async readFiles(revision: string, paths: readonly string[]): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    if (paths.length === 0) return files;
    const out = await this.#git(['cat-file', '--batch'], this.dir, paths.map((p) => `${revision}:${p}\n`).join(''));
    let offset = 0;
    for (const path of paths) {
      const end = out.indexOf(10, offset);
      const header = out.subarray(offset, end).toString('utf8');
      offset = end + 1;
      if (header.endsWith(' missing')) continue;
      const size = Number(header.split(' ')[2]);
      if (header.split(' ')[1] === 'blob') files.set(path, out.subarray(offset, offset + size).toString('utf8'));
      offset += size + 1;
    }
    return files;
  }

  #git(args: string[], cwd?: string, input?: string): Promise<Buffer> {
    return runGit(args, { ...(cwd ? { cwd } : {}), ...(input ? { input } : {}), allowFile: this.#allowFile });
  }
}

/**
 * What `git init --bare` writes that git needs to open the repository, without a process
 * per new cache. Hooks are never run (core.hooksPath), so none are copied in.
 */
async function initBare(dir: string): Promise<void> {
  for (const sub of ['objects/info', 'objects/pack', 'refs/heads', 'refs/tags'])
    await mkdir(join(dir, sub), { recursive: true });
  await writeFile(join(dir, 'config'), '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n');
  // Written last: a directory with HEAD is taken for a finished cache on the next read.
  await writeFile(join(dir, 'HEAD'), 'ref: refs/heads/main\n');
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
