import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/core';
import { GitObjectStore } from './git-object-store.ts';
import { type HelperSession, openViaHelper, spawnViaHelper } from './spawner-client.ts';
import type { VettedTarget } from './url-policy.ts';

export interface GitOptions {
  cwd?: string;
  input?: string;
  /** file:// is allowed only when the operator allows file locations. */
  allowFile?: boolean;
  timeoutMs?: number;
  /** The remote's check (checkLocationTarget): git connects to its addresses only. */
  pin?: VettedTarget | undefined;
  /** Environment for this command only: the credentials of an integration (gitCredentialEnv). */
  env?: Record<string, string> | undefined;
  /** Configuration for this command only, given as `-c name=value` before it. */
  config?: Record<string, string> | undefined;
}

// Only these transports, whatever the URL says; no prompts, no redirects to other hosts. Plain
// http only for a remote the allow-list vetted as one (an integration's http Git server).
function protocolFlags(allowFile: boolean, allowHttp: boolean): string[] {
  return [
    '-c',
    'protocol.allow=never',
    ...['https', 'ssh', 'git', ...(allowHttp ? ['http'] : [])].flatMap((p) => ['-c', `protocol.${p}.allow=always`]),
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

/** What makes one git command connect only to the addresses a check vetted. */
export interface GitPinning {
  /** `-c` options, given before the git command. */
  args: string[];
  /** Environment overrides. */
  env: Record<string, string>;
}

/**
 * Pins git's name resolution to the vetted addresses, so an answer that changed since the
 * check (DNS rebinding) is never used:
 * - https: curl's own resolve list (`http.curloptResolve`, CURLOPT_RESOLVE:
 *   `HOST:PORT:ADDR[,ADDR]`, IPv6 in brackets). TLS still checks the certificate against the
 *   host name. Through a proxy (`http.proxy`, HTTPS_PROXY) the proxy resolves the name instead.
 * - ssh: `-o HostName=ADDR` connects to the first address; `-o HostKeyAlias=HOST` (`[HOST]:PORT`
 *   off port 22, as known_hosts writes it) keeps checking the host key recorded for the name.
 *   Added to GIT_SSH_COMMAND for this command only: git prefers that variable over
 *   `core.sshCommand`, so a `-c core.sshCommand` would be ignored.
 * - git://: no TLS and no option of its own, so the URL is rewritten for this command
 *   (`url.<base>.insteadOf`) to connect to the first address. The daemon then sees the address
 *   in its `host=` field, which only servers hosting several names (`--interpolated-path`) use.
 * Nothing is pinned for file://, for a host written as an address (nothing is resolved), or
 * when the check had no addresses (a listed name that did not resolve; see VettedTarget).
 */
export function gitPinning(pin: VettedTarget | undefined, sshCommand = gitEnv.GIT_SSH_COMMAND): GitPinning {
  const none = { args: [], env: {} };
  if (!pin || pin.addresses.length === 0 || !pin.host || isIP(pin.host) !== 0) return none;
  const first = pin.addresses[0] as string;
  switch (pin.scheme) {
    case 'http':
    case 'https':
      return {
        args: ['-c', `http.curloptResolve=${pin.host}:${pin.port}:${pin.addresses.map(bracketed).join(',')}`],
        env: {},
      };
    case 'ssh': {
      const alias = pin.port === 22 ? pin.host : `[${pin.host}]:${pin.port}`;
      return {
        args: [],
        env: {
          GIT_SSH_COMMAND: `${sshCommand} -o ${shellQuote(`HostName=${first}`)} -o ${shellQuote(`HostKeyAlias=${alias}`)}`,
        },
      };
    }
    case 'git': {
      // The target's own beginning up to its path, so the rewrite matches it whatever its spelling.
      const prefix = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*\/?/.exec(pin.target)?.[0];
      if (!prefix) return none;
      const base = `git://${bracketed(first)}:${pin.port}${prefix.endsWith('/') ? '/' : ''}`;
      return { args: ['-c', `url.${base}.insteadOf=${prefix}`], env: {} };
    }
    default:
      return none;
  }
}

const bracketed = (address: string) => (isIP(address) === 6 ? `[${address}]` : address);

/** One word for `sh`: git runs GIT_SSH_COMMAND through the shell. */
const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** Runs the real git client, no shell; stdout as bytes. Fails with git's own message. */
export async function runGit(args: string[], options: GitOptions = {}): Promise<Buffer> {
  const pinning = gitPinning(options.pin);
  const result = await spawnViaHelper({
    command: 'git',
    args: [
      ...protocolFlags(options.allowFile ?? false, options.pin?.scheme === 'http'),
      ...pinning.args,
      ...Object.entries(options.config ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ...args,
    ],
    cwd: options.cwd,
    env: { ...gitEnv, ...pinning.env, ...options.env },
    input: options.input,
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  if (result.code === 0) return result.stdout;
  throw gitFailed(args[0], result);
}

function gitFailed(
  command: string | undefined,
  result: { code: number | null; signal: string | null; stderr: string },
) {
  const message = result.stderr.trim().split('\n').slice(-3).join(' ');
  return new SlipwayError('unavailable', `git ${command} failed: ${message || `exit ${result.code ?? result.signal}`}`);
}

/**
 * A local cache of one remote repository: a bare repository holding only the tip of the
 * branch read (shallow fetch), so a refresh downloads one commit and reads files from it.
 */
export class GitMirror {
  readonly dir: string;
  readonly #url: string;
  readonly #allowFile: boolean;
  readonly #pin: VettedTarget | undefined;
  readonly #env: Record<string, string> | undefined;

  /**
   * `pin`: the check of `url` (checkLocationTarget); ls-remote and fetch connect to its
   * addresses only. `env`: the credentials of the host's integration (gitCredentialEnv).
   */
  constructor(
    cacheDir: string,
    url: string,
    ref: string,
    allowFile: boolean,
    pin?: VettedTarget,
    env?: Record<string, string>,
  ) {
    if (pin && pin.target !== url) throw new Error(`GitMirror: the pin is for ${pin.target}, not ${url}`);
    // One cache per URL and ref: two locations reading two branches never share a fetch lock.
    const key = createHash('sha256').update(`${url}\n${ref}`).digest('hex').slice(0, 32);
    this.dir = join(cacheDir, `${key}.git`);
    this.#url = url;
    this.#allowFile = allowFile;
    this.#pin = pin;
    this.#env = env;
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
    const first = !existsSync(join(this.dir, 'HEAD'));
    if (first) initBare(this.dir);
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
      // The first fetch brings the whole tree: kept as the pack it arrives in, two files
      // instead of a file per object (15% less git CPU for a 20-file repository, and one file
      // for cat-file to read). Later ones bring a few objects each, unpacked as git does by
      // default, so packs do not pile up in a cache nothing repacks.
      first ? { 'fetch.unpackLimit': '1' } : undefined,
    );
    return this.#fetchedCommit() ?? (await this.#revParse());
  }

  /**
   * The commit just fetched, read from FETCH_HEAD instead of starting `git rev-parse`; null
   * when it may be a tag object, which only git peels.
   */
  #fetchedCommit(): string | null {
    let line = '';
    try {
      line = readFileSync(join(this.dir, 'FETCH_HEAD'), 'utf8').split('\n')[0] ?? '';
    } catch {
      return null;
    }
    const [id = '', , description = ''] = line.split('\t');
    return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(id) && !description.startsWith("tag '") ? id : null;
  }

  async #revParse(): Promise<string> {
    return (await this.#git(['rev-parse', 'refs/slipway/head^{commit}'], this.dir)).toString('utf8').trim();
  }

  /**
   * The files of a fetched commit: its trees are walked for the listing, then files are read
   * by object id, from the cache's files in this process (git for what that cannot read).
   * Close it when done.
   */
  async openCommit(revision: string): Promise<CommitFiles> {
    const reader = new CacheObjectReader(this.dir, this.#allowFile, revision.length === 64 ? 32 : 20);
    try {
      return new CommitFiles(await listTree(reader, revision), reader);
    } catch (error) {
      reader.close();
      throw error;
    }
  }

  #git(args: string[], cwd?: string, config?: Record<string, string>): Promise<Buffer> {
    return runGit(args, {
      ...(cwd ? { cwd } : {}),
      allowFile: this.#allowFile,
      pin: this.#pin,
      env: this.#env,
      config,
    });
  }
}

/** A file of a commit: where it is and its blob (a symlink's blob holds its target, as git stores it). */
interface TreeFile {
  path: string;
  oid: string;
  /** 160000 (a submodule's commit) has no contents here. */
  mode: string;
}

/**
 * Every file path of a commit in `git ls-tree -r` order (each tree's entries in order, folders
 * in place), reading the trees of one depth at a time: as many rounds as the tree is deep.
 */
async function listTree(reader: CacheObjectReader, revision: string): Promise<TreeFile[]> {
  // SHA-1 ids are 20 bytes, SHA-256 ones 32.
  const idBytes = revision.length === 64 ? 32 : 20;
  const trees = new Map<string, TreeFile[]>();
  let level: Array<{ prefix: string; spec: string }> = [{ prefix: '', spec: `${revision}^{tree}` }];
  while (level.length > 0) {
    const objects = await reader.read(level.map((t) => t.spec));
    const next: typeof level = [];
    level.forEach(({ prefix, spec }, i) => {
      const object = objects[i];
      if (object?.type !== 'tree') throw new SlipwayError('unavailable', `git: ${spec} is not a tree`);
      const entries = parseTree(object.data, prefix, idBytes);
      trees.set(prefix, entries);
      for (const e of entries) if (e.mode === '40000') next.push({ prefix: `${e.path}/`, spec: e.oid });
    });
    level = next;
  }
  const files: TreeFile[] = [];
  const walk = (prefix: string) => {
    for (const e of trees.get(prefix) ?? []) {
      if (e.mode === '40000') walk(`${e.path}/`);
      else files.push(e);
    }
  };
  walk('');
  return files;
}

/** A tree object's entries: `<mode> <name>\0<id bytes>`, repeated. */
function parseTree(data: Buffer, prefix: string, idBytes: number): TreeFile[] {
  const entries: TreeFile[] = [];
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(32, offset);
    const nul = data.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 1 + idBytes > data.length)
      throw new SlipwayError('unavailable', 'git: a tree object is malformed');
    entries.push({
      mode: data.toString('latin1', offset, space),
      path: prefix + data.toString('utf8', space + 1, nul),
      oid: data.toString('hex', nul + 1, nul + 1 + idBytes),
    });
    offset = nul + 1 + idBytes;
  }
  return entries;
}

/** The files of one commit in the cache: listed once, read on demand. */
export class CommitFiles {
  readonly #files: TreeFile[];
  readonly #byPath: Map<string, TreeFile>;
  readonly #reader: CacheObjectReader;

  constructor(files: TreeFile[], reader: CacheObjectReader) {
    this.#files = files;
    this.#byPath = new Map(files.map((f) => [f.path, f]));
    this.#reader = reader;
  }

  /** Every file path of the commit. */
  async listFiles(): Promise<string[]> {
    return this.#files.map((f) => f.path);
  }

  /** The contents of files; paths that are not files of the commit are left out. */
  async readFiles(paths: readonly string[]): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    const wanted = paths
      .map((p) => this.#byPath.get(p))
      .filter((f): f is TreeFile => f !== undefined && f.mode !== '160000');
    if (wanted.length === 0) return files;
    const objects = await this.#reader.read(wanted.map((f) => f.oid));
    wanted.forEach((f, i) => {
      const object = objects[i];
      if (object?.type === 'blob') files.set(f.path, object.data.toString('utf8'));
    });
    return files;
  }

  /** Lets go of the cache's files and ends the `cat-file` process if one was started; later reads open them again. */
  close(): void {
    this.#reader.close();
  }
}

interface GitObject {
  type: string;
  data: Buffer;
}

/**
 * The objects of a cache, read in this process (git-object-store.ts); what that cannot read
 * (alternates, a large pack index, a damaged file) is asked of a `git cat-file --batch`,
 * started only then. Names are object ids, or `<commit>^{tree}`.
 */
class CacheObjectReader {
  readonly #dir: string;
  readonly #allowFile: boolean;
  readonly #store: GitObjectStore;
  #git: GitObjectReader | undefined;

  constructor(dir: string, allowFile: boolean, idBytes: number) {
    this.#dir = dir;
    this.#allowFile = allowFile;
    this.#store = new GitObjectStore(dir, idBytes);
  }

  async read(names: readonly string[]): Promise<Array<GitObject | null>> {
    const local = names.map((n) => this.#readLocal(n));
    const rest = names.filter((_, i) => local[i] === null);
    if (rest.length === 0) return local;
    // A cat-file that ended (idle past its time limit) is replaced; the objects are still in the cache.
    if (!this.#git || this.#git.closed) this.#git = new GitObjectReader(this.#dir, this.#allowFile);
    const fromGit = await this.#git.read(rest);
    let next = 0;
    return local.map((object) => object ?? fromGit[next++] ?? null);
  }

  /** Lets go of its files and process; a later read opens them again (docs are read after ingestion). */
  close(): void {
    this.#git?.close();
    this.#git = undefined;
    this.#store.close();
  }

  #readLocal(name: string): GitObject | null {
    const tree = /^([0-9a-f]+)\^\{tree\}$/.exec(name)?.[1];
    if (tree === undefined) return this.#store.read(name);
    const commit = this.#store.read(tree);
    // A commit starts with its tree: "tree <id>\n".
    const id =
      commit?.type === 'commit' ? /^tree ([0-9a-f]+)\n/.exec(commit.data.toString('latin1', 0, 80))?.[1] : undefined;
    return id === undefined ? null : this.#store.read(id);
  }
}

/**
 * One `git cat-file --batch` process in a repository: requests are written to its stdin, one
 * object name a line, and its answers parsed from its stdout in the same order (git flushes
 * after each object, so a request can depend on the answer to the one before).
 */
class GitObjectReader {
  readonly #dir: string;
  readonly #allowFile: boolean;
  // Started with the first request as its input: one message to the helper fewer.
  #session: HelperSession | undefined;
  readonly #queue: Array<{ resolve(object: GitObject | null): void; reject(error: Error): void }> = [];
  #chunks: Buffer[] = [];
  #buffered = 0;
  #need = 1;
  #failure: Error | undefined;
  closed = false;

  constructor(dir: string, allowFile: boolean) {
    this.#dir = dir;
    this.#allowFile = allowFile;
  }

  /** The objects named (ids or names like `<rev>^{tree}`), null for missing ones, in order. */
  read(names: readonly string[]): Promise<Array<GitObject | null>> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.closed) return Promise.reject(new Error('git cat-file ended'));
    // One name a line: a name with a line break would be read as two requests.
    if (names.some((n) => /[\n\r]/.test(n)))
      return Promise.reject(new SlipwayError('unavailable', 'git: an object name holds a line break'));
    const answers = names.map(
      (_name) => new Promise<GitObject | null>((resolve, reject) => this.#queue.push({ resolve, reject })),
    );
    const lines = names.map((n) => `${n}\n`).join('');
    if (this.#session) this.#session.write(lines);
    else this.#session = this.#start(lines);
    return Promise.all(answers);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#session?.end();
  }

  #start(input: string): HelperSession {
    const session = openViaHelper(
      {
        command: 'git',
        args: [...protocolFlags(this.#allowFile, false), 'cat-file', '--batch'],
        cwd: this.#dir,
        env: gitEnv,
        input,
        timeoutMs: 120_000,
      },
      (chunk) => this.#receive(chunk),
    );
    session.exited.then(
      (result) => this.#end(result.code === 0 ? new Error('git cat-file ended') : gitFailed('cat-file', result)),
      (error: Error) => this.#end(error),
    );
    return session;
  }

  #end(error: Error): void {
    this.closed = true;
    this.#failure = error;
    for (const waiting of this.#queue.splice(0)) waiting.reject(error);
  }

  #receive(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    if (this.#buffered < this.#need) return;
    let data = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks);
    let offset = 0;
    this.#need = 1;
    while (this.#queue.length > 0) {
      const eol = data.indexOf(10, offset);
      if (eol < 0) break;
      const header = data.toString('utf8', offset, eol).split(' ');
      // `<name> missing` or `<name> ambiguous`: no contents follow.
      if (header.length !== 3) {
        this.#queue.shift()?.resolve(null);
        offset = eol + 1;
        continue;
      }
      const size = Number(header[2]);
      const end = eol + 1 + size;
      if (end + 1 > data.length) {
        this.#need = end + 1 - offset;
        break;
      }
      this.#queue.shift()?.resolve({ type: header[1] as string, data: data.subarray(eol + 1, end) });
      offset = end + 1;
    }
    data = data.subarray(offset);
    this.#chunks = data.length > 0 ? [data] : [];
    this.#buffered = data.length;
    if (this.#need <= this.#buffered) this.#need = this.#buffered + 1;
  }
}

/**
 * What `git init --bare` writes that git needs to open the repository, without a process
 * per new cache. Hooks are never run (core.hooksPath), so none are copied in. Synchronous:
 * six small writes cost less than six trips through libuv's thread pool.
 */
function initBare(dir: string): void {
  for (const sub of ['objects/info', 'objects/pack', 'refs/heads', 'refs/tags'])
    mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'config'), '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n');
  // Written last: a directory with HEAD is taken for a finished cache on the next read.
  writeFileSync(join(dir, 'HEAD'), 'ref: refs/heads/main\n');
}
