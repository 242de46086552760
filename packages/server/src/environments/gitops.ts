/**
 * GitOps mode: the engine commits a release to the environment's Git repository instead of
 * applying it, and a GitOps tool (Argo CD, Flux) applies the commit. Each service has a folder
 * of its own under the environment's folder, rewritten whole by its releases, so releases of
 * different services committed at once never undo each other: a push that lost the race is
 * made again on top of the winner. Secrets never go to Git: the engine applies them itself.
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  environmentFolder,
  environmentNamespaceObjects,
  folderFiles,
  foldersKustomization,
  type GitOpsSettings,
  gitOpsBranch,
  gitOpsFolder,
  type KubeObject,
  kustomizationFile,
  releaseCommitMessage,
  SlipwayError,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import { type GitOptions, runGit } from '../catalog/git.ts';
import type { LocationAllowList } from '../catalog/url-policy.ts';
import type { Schema } from '../db/schema.ts';
import { requireEnvironmentType } from '../db/stores/environment-types.ts';
import type { EnvironmentRecord } from '../db/stores/environments.ts';
import { getRelease, type ReleaseRecord } from '../db/stores/releases.ts';
import { serviceNames } from '../db/stores/services.ts';
import type { Integrations } from '../integrations/integrations.ts';
import { remoteAccess } from '../integrations/remote-access.ts';

export interface GitOpsWriterDeps {
  db: Kysely<Schema>;
  /** What remotes may be reached: the catalog's allow-list, as for template remotes. */
  allow: LocationAllowList;
  /** Who signs the commits off. */
  signer?: { name: string; email: string };
  /** The operator's Git hosts: the token for an https repository comes from there. */
  integrations?: Integrations;
}

export interface CommittedRelease {
  repository: string;
  branch: string;
  /** The environment's folder in the repository. */
  folder: string;
  commit: string;
}

// Pushes that lose a race to another commit are made again on the new tip, this many times.
const pushAttempts = 4;
const defaultSigner = { name: 'Slipway', email: 'slipway@localhost' };

export class GitOpsWriter {
  readonly #deps: GitOpsWriterDeps;

  constructor(deps: GitOpsWriterDeps) {
    this.#deps = deps;
  }

  /** Commits the release's objects but its Secrets to its service's folder, and pushes. */
  async commit(environment: EnvironmentRecord, release: ReleaseRecord): Promise<CommittedRelease> {
    const settings = environment.settings.gitops;
    if (!settings) throw new SlipwayError('not_configured', `Environment ${environment.name} is not in GitOps mode`);
    const { git } = await remoteAccess(settings.repository, this.#deps.allow, this.#deps.integrations);
    const content = await this.#content(environment, release);
    const branch = gitOpsBranch(settings);
    const folder = gitOpsFolder(settings, environment.name);
    for (let attempt = 1; ; attempt++) {
      const outcome = await commitOnce(settings, git, { branch, folder, ...content });
      if (outcome.pushed) return { repository: settings.repository, branch, folder, commit: outcome.commit };
      if (attempt >= pushAttempts)
        throw new SlipwayError('unavailable', `Could not push to ${settings.repository}: ${outcome.why}`);
    }
  }

  async #content(environment: EnvironmentRecord, release: ReleaseRecord) {
    const db = this.#deps.db;
    const service = (await serviceNames(db, [release.serviceId])).get(release.serviceId) ?? release.serviceId;
    const type = await requireEnvironmentType(db, environment.type);
    const own = environmentNamespaceObjects({ environment: environment.name, namespace: environment.namespace, type });
    const rollbackOf = release.rollbackOf ? (await getRelease(db, release.rollbackOf)).number : undefined;
    const message = releaseCommitMessage(
      {
        service,
        environment: environment.name,
        number: release.number,
        image: release.image,
        createdBy: release.createdBy,
        reason: release.reason,
        rollbackOf,
      },
      this.#deps.signer ?? defaultSigner,
    );
    return {
      environment: environment.name,
      service,
      message,
      serviceFiles: folderFiles(service, [`# ${service}: release ${release.number}.`], committable(release.objects)),
      environmentFiles: folderFiles(environmentFolder, [`# Environment ${environment.name}'s own objects.`], own),
    };
  }
}

/** What a release in a GitOps environment says while the tool has yet to apply it. */
export function awaitingGitOpsTool(settings: GitOpsSettings, environment: string, release: number): string {
  const where = `${settings.repository} (${gitOpsBranch(settings)}, ${gitOpsFolder(settings, environment)}/)`;
  return `Waiting for the GitOps tool to apply release #${release} from ${where}`;
}

/** Secrets stay out of Git: the engine applies them itself. */
export const committable = (objects: readonly KubeObject[]): KubeObject[] => objects.filter((o) => o.kind !== 'Secret');

interface Content {
  branch: string;
  folder: string;
  environment: string;
  service: string;
  message: string;
  serviceFiles: Array<{ path: string; content: string }>;
  environmentFiles: Array<{ path: string; content: string }>;
}

type Outcome = { pushed: true; commit: string } | { pushed: false; why: string };

/** One try: a fresh shallow clone of the branch (or a new history on an empty one), the folders rewritten, a commit, a push. */
async function commitOnce(settings: GitOpsSettings, options: GitOptions, c: Content): Promise<Outcome> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-gitops-'));
  try {
    const git = (args: string[], input?: string) =>
      runGit(args, { ...options, cwd: dir, ...(input === undefined ? {} : { input }) });
    const exists = (await runGit(['ls-remote', '--heads', settings.repository, c.branch], options)).length > 0;
    if (exists)
      await git([
        'clone',
        '--quiet',
        '--depth',
        '1',
        '--branch',
        c.branch,
        '--single-branch',
        settings.repository,
        '.',
      ]);
    else await git(['init', '--quiet', `--initial-branch=${c.branch}`]);
    const root = join(dir, c.folder);
    await replaceFolder(join(root, c.service), c.serviceFiles);
    await replaceFolder(join(root, environmentFolder), c.environmentFiles);
    await writeFile(join(root, kustomizationFile), foldersKustomization(c.environment, await subfolders(root)));
    await git(['add', '--all', '--', c.folder]);
    if ((await git(['status', '--porcelain', '--', c.folder])).length === 0)
      return { pushed: true, commit: (await git(['rev-parse', 'HEAD'])).toString('utf8').trim() };
    await git(
      [
        '-c',
        'user.name=Slipway',
        '-c',
        'user.email=slipway@localhost',
        '-c',
        'commit.gpgsign=false',
        'commit',
        '--quiet',
        '--file=-',
      ],
      c.message,
    );
    const commit = (await git(['rev-parse', 'HEAD'])).toString('utf8').trim();
    try {
      // Without advice, git's last lines say why a push was refused ("[rejected] … (fetch first)").
      await git([
        '-c',
        'advice.pushUpdateRejected=false',
        'push',
        '--quiet',
        settings.repository,
        `HEAD:refs/heads/${c.branch}`,
      ]);
      return { pushed: true, commit };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      // Someone pushed meanwhile (another service's release): try again on their commit.
      if (/rejected|fast-forward|fetch first|stale info/i.test(why)) return { pushed: false, why };
      throw error;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function replaceFolder(folder: string, files: ReadonlyArray<{ path: string; content: string }>): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  for (const file of files) {
    const path = join(folder, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
}

/** The folders under the environment's that hold a kustomization: its own and one per service. */
async function subfolders(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const found: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const has = await stat(join(root, e.name, kustomizationFile)).then(
      () => true,
      () => false,
    );
    if (has) found.push(e.name);
  }
  return found;
}
