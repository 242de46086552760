/**
 * The filters Backstage's scaffolder adds to Nunjucks (`parseRepoUrl`, `parseEntityRef`, `pick`,
 * `projectSlug`), as plain functions over JSON values. Like Backstage, which runs them on the
 * host and hands the sandboxed Nunjucks only their JSON results, the server's template sandbox
 * calls back for them: their logic lives once, here, and runs outside the sandbox.
 */
import { parseEntityRef as parseRef, type RefContext } from '../catalog/entity-ref.ts';

export type HostFilter = (value: unknown, ...args: unknown[]) => unknown;

/** Keys no filter hands out: they lead from data to code. */
const forbiddenKeys = new Set(['constructor', '__proto__', 'prototype']);

function text(value: unknown, filter: string): string {
  if (typeof value === 'string') return value;
  throw new Error(`${filter} expects a string, got ${value === null ? 'null' : typeof value}`);
}

function entityRef(value: unknown, context: unknown): { kind: string; namespace: string; name: string } {
  const defaults = (context !== null && typeof context === 'object' ? context : {}) as RefContext;
  if (value !== null && typeof value === 'object') {
    const ref = value as Partial<Record<'kind' | 'namespace' | 'name', unknown>>;
    const kind = typeof ref.kind === 'string' ? `${ref.kind}:` : '';
    const namespace = typeof ref.namespace === 'string' ? `${ref.namespace}/` : '';
    return parseRef(`${kind}${namespace}${text(ref.name, 'parseEntityRef')}`, defaults);
  }
  return parseRef(text(value, 'parseEntityRef'), defaults);
}

export const backstageFilters: Readonly<Record<string, HostFilter>> = {
  parseRepoUrl: (value) => parseRepoUrl(text(value, 'parseRepoUrl')),
  projectSlug: (value) => {
    const { owner, repo } = parseRepoUrl(text(value, 'projectSlug'));
    return owner ? `${owner}/${repo}` : repo;
  },
  parseEntityRef: (value, context) => entityRef(value, context),
  pick: (value, key) => {
    const name = text(key, 'pick');
    if (forbiddenKeys.has(name)) throw new Error(`"${name}" cannot be picked`);
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, name)) return undefined;
    return (value as Record<string, unknown>)[name];
  },
};

export interface RepoUrlParts {
  host: string;
  owner: string;
  repo: string;
  organization?: string;
  workspace?: string;
  project?: string;
}

/**
 * Reads Backstage's `host?owner=o&repo=r` form (what its RepoUrlPicker produces) and also a
 * plain Git remote (https://host/o/r.git, git@host:o/r.git, file:///srv/git/r.git).
 */
export function parseRepoUrl(input: string): RepoUrlParts {
  const query = /^([^/?#:@]+(?::\d{1,5})?)\?(.*)$/.exec(input);
  if (query) {
    const params = new URLSearchParams(query[2]);
    const parts: RepoUrlParts = {
      host: query[1] as string,
      owner: params.get('owner') ?? params.get('organization') ?? params.get('workspace') ?? '',
      repo: params.get('repo') ?? '',
    };
    for (const key of ['organization', 'workspace', 'project'] as const) {
      const v = params.get(key);
      if (v) parts[key] = v;
    }
    return parts;
  }
  const scp = /^[^@/]+@([^:/]+):(.*)$/.exec(input);
  const [host, path] = scp ? [scp[1] as string, scp[2] as string] : hostAndPath(input);
  const segments = path.split('/').filter(Boolean);
  const repo = (segments.pop() ?? '').replace(/\.git$/, '');
  return { host, owner: segments.join('/'), repo };
}

function hostAndPath(input: string): [string, string] {
  try {
    const url = new URL(input);
    return [url.host, url.pathname];
  } catch {
    return ['', input];
  }
}
