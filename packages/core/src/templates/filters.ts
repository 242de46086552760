/**
 * The filters a template expression may apply (`${{ parameters.repoUrl | parseRepoUrl }}`): a
 * fixed allow-list of pure functions over plain data. Backstage's built-ins keep their names and
 * meaning so its templates read as-is.
 */

const filterNames = ['parseRepoUrl', 'pick', 'projectSlug', 'lower', 'upper', 'replace', 'dump', 'default'] as const;
export type FilterName = (typeof filterNames)[number];

export function isFilterName(name: string): name is FilterName {
  return (filterNames as readonly string[]).includes(name);
}

type Fail = (reason: string) => never;

export function applyFilter(name: FilterName, value: unknown, args: unknown[], fail: Fail): unknown {
  switch (name) {
    case 'parseRepoUrl':
      return parseRepoUrl(text(value));
    case 'projectSlug': {
      const { owner, repo } = parseRepoUrl(text(value));
      return owner ? `${owner}/${repo}` : repo;
    }
    case 'pick': {
      const key = text(args[0]);
      if (key === 'constructor' || key === '__proto__' || key === 'prototype') fail(`"${key}" cannot be picked`);
      return value !== null && typeof value === 'object' && Object.hasOwn(value, key)
        ? (value as Record<string, unknown>)[key]
        : undefined;
    }
    case 'lower':
      return text(value).toLowerCase();
    case 'upper':
      return text(value).toUpperCase();
    case 'replace':
      if (args.length !== 2) fail('replace takes two arguments: what and with what');
      return text(value).replaceAll(text(args[0]), text(args[1]));
    case 'dump':
      return JSON.stringify(value ?? null);
    case 'default':
      return value === undefined || value === null || value === '' ? args[0] : value;
  }
}

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
  const query = /^([^/?#:@]+)\?(.*)$/.exec(input);
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

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
