import type { LocationProblem } from '@slipway/core';
import picomatch from 'picomatch';
import { type CommitFiles, GitMirror } from './git.ts';
import { PhaseTimes } from './phase-times.ts';
import { isUrl, type PlaceholderReader, repositoryPath, resolvePlaceholders } from './placeholders.ts';
import { explainingMissingBranch } from './remote-branches.ts';
import type { VettedTarget } from './url-policy.ts';
import { readUrlLocation } from './url-reader.ts';
import { parseYamlDocuments, type YamlDocument } from './yaml-documents.ts';

export interface LocationSource {
  type: 'git' | 'url';
  target: string;
  ref: string;
  paths: readonly string[];
}

/**
 * What a location holds at one revision: its documents, and what could not be read. A git
 * snapshot keeps the commit's files open for reading more (docs): close them when done.
 */
export type Snapshot =
  | { unchanged: true; revision: string }
  | {
      unchanged: false;
      revision: string;
      documents: YamlDocument[];
      problems: LocationProblem[];
      files?: CommitFiles;
    };

export const defaultCatalogPaths = ['**/catalog-info.yaml', '**/catalog-info.yml'];

// Location entities may point at more files, which may hold more Location entities: bounded.
const maxFollowedFiles = 5000;

export interface SnapshotOptions {
  cacheDir: string;
  allowFile: boolean;
  /** The revision last read: when the source is still there, nothing is read. */
  knownRevision: string;
  force: boolean;
  /** Where the time of fetching, reading and parsing is added up. */
  phases?: PhaseTimes;
  /** The target's check (checkLocationTarget): the source is read from its addresses only. */
  pin?: VettedTarget | undefined;
  /** git's environment for the target: the credentials of its host's integration, if any. */
  gitEnv?: Record<string, string> | undefined;
  /** Reads an http(s) URL a placeholder names, after the allow-list's check; none: refused. */
  fetchUrl?: (url: string) => Promise<string>;
}

export async function readSnapshot(source: LocationSource, options: SnapshotOptions): Promise<Snapshot> {
  return source.type === 'git' ? readGit(source, options) : readUrl(source, options);
}

async function readUrl(source: LocationSource, options: SnapshotOptions): Promise<Snapshot> {
  const { revision, content } = await readUrlLocation(source.target, { pin: options.pin });
  if (!options.force && revision === options.knownRevision) return { unchanged: true, revision };
  const parsed = parseYamlDocuments(source.target, content);
  // Relative placeholders are read from the same server, as the file's neighbours.
  const reader: PlaceholderReader = {
    read: (_from, target) => fetchPlaceholderUrl(new URL(target, source.target).href, options),
  };
  const { documents, problems } = await resolvePlaceholders(parsed, reader);
  for (const doc of documents) {
    if (isLocationEntity(doc) && locationTargets(doc.value).length > 0)
      problems.push({
        sourcePath: source.target,
        kind: 'fetch',
        message: 'Location targets of a url location are not followed; register each file as a location',
      });
  }
  return { unchanged: false, revision, documents, problems };
}

async function readGit(source: LocationSource, options: SnapshotOptions): Promise<Snapshot> {
  const mirror = new GitMirror(
    options.cacheDir,
    source.target,
    source.ref,
    options.allowFile,
    options.pin,
    options.gitEnv,
  );
  // A failed read asks the remote whether the branch is what it lacks (HEAD → master, only main pushed).
  const explained = <T>(read: () => Promise<T>) =>
    explainingMissingBranch(
      source.target,
      source.ref,
      { allowFile: options.allowFile, pin: options.pin, env: options.gitEnv },
      read,
    );
  if (!options.force && options.knownRevision) {
    const remote = await explained(() => mirror.remoteRevision(source.ref));
    if (remote === options.knownRevision) return { unchanged: true, revision: remote };
  }
  const phases = options.phases ?? new PhaseTimes();
  const revision = await phases.time('git_fetch', () => explained(() => mirror.fetch(source.ref)));
  const files = await phases.time('git_read', () => mirror.openCommit(revision));
  try {
    const read = await readCatalogFiles(files, source.paths, phases);
    const resolved = await phases.time('git_read', () =>
      resolvePlaceholders(read.documents, gitReader(files, options)),
    );
    const problems = [...read.problems, ...resolved.problems];
    return { unchanged: false, revision, documents: resolved.documents, problems, files };
  } catch (error) {
    files.close();
    throw error;
  }
}

/** Placeholders of a git location: files of the same commit, or http(s) URLs. */
function gitReader(files: CommitFiles, options: SnapshotOptions): PlaceholderReader {
  return {
    read: async (from, target) => {
      if (isUrl(target)) return fetchPlaceholderUrl(target, options);
      const path = repositoryPath(from, target);
      if (!path) throw new Error('it is outside the repository');
      const text = (await files.readFiles([path])).get(path);
      if (text === undefined) throw new Error('there is no such file in the repository');
      return text;
    },
  };
}

async function fetchPlaceholderUrl(url: string, options: SnapshotOptions): Promise<string> {
  if (!/^https?:/i.test(url)) throw new Error('only files of the location and http(s) URLs are read');
  if (!options.fetchUrl) throw new Error('URLs are not read here');
  return options.fetchUrl(url);
}

/** The documents of the files the globs match, and of the files their Location entities point at. */
async function readCatalogFiles(files: CommitFiles, paths: readonly string[], phases: PhaseTimes) {
  const all = await files.listFiles();
  const problems: LocationProblem[] = [];
  const documents: YamlDocument[] = [];
  const read = new Set<string>();
  let pending = match(all, paths.length > 0 ? paths : defaultCatalogPaths);
  while (pending.length > 0 && read.size < maxFollowedFiles) {
    const batch = pending.filter((p) => !read.has(p));
    for (const p of batch) read.add(p);
    const contents = await phases.time('git_read', () => files.readFiles(batch));
    const next: string[] = [];
    for (const path of batch) {
      const text = contents.get(path);
      if (text === undefined) continue;
      for (const doc of phases.timeSync('yaml_parse', () => parseYamlDocuments(path, text))) {
        documents.push(doc);
        if (!isLocationEntity(doc)) continue;
        for (const target of locationTargets(doc.value)) {
          const resolved = resolveTarget(path, target);
          if (!resolved) {
            problems.push({
              sourcePath: path,
              kind: 'fetch',
              message: `Location target ${target} is outside the repository; register it as a location of its own`,
            });
            continue;
          }
          const found = match(all, [resolved]);
          if (found.length === 0)
            problems.push({ sourcePath: path, kind: 'fetch', message: `Location target ${target} matches no file` });
          next.push(...found);
        }
      }
    }
    pending = next.filter((p) => !read.has(p));
  }
  return { documents, problems };
}

function match(files: readonly string[], globs: readonly string[]): string[] {
  const isMatch = picomatch(
    globs.map((g) => g.replace(/^\.?\//, '')),
    { dot: true },
  );
  return files.filter((f) => isMatch(f));
}

function isLocationEntity(doc: YamlDocument): doc is YamlDocument & { value: Record<string, unknown> } {
  if (doc.error !== undefined) return false;
  const value = doc.value as { kind?: unknown } | null;
  return typeof value === 'object' && value !== null && value.kind === 'Location';
}

function locationTargets(value: unknown): string[] {
  const spec = (value as { spec?: { target?: unknown; targets?: unknown } }).spec ?? {};
  const targets = [spec.target, ...(Array.isArray(spec.targets) ? spec.targets : [])];
  return targets.filter((t): t is string => typeof t === 'string' && t.length > 0);
}

/** A target relative to the file holding it; null for URLs and paths leaving the repository. */
function resolveTarget(from: string, target: string): string | null {
  return isUrl(target) ? null : repositoryPath(from, target);
}
