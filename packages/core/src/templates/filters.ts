/**
 * The filters a template expression may apply (`${{ parameters.repoUrl | parseRepoUrl }}`): a
 * fixed allow-list of pure functions over plain data. Backstage's built-ins keep their names and
 * meaning so its templates read as-is.
 */
import { SlipwayError } from '../errors/slipway-error.ts';
import { templateLimits, tooDeep } from './limits.ts';

const filterNames = ['parseRepoUrl', 'pick', 'projectSlug', 'lower', 'upper', 'replace', 'dump', 'default'] as const;
export type FilterName = (typeof filterNames)[number];

export function isFilterName(name: string): name is FilterName {
  return (filterNames as readonly string[]).includes(name);
}

type Fail = (reason: string) => never;
/** Checks (and counts) a string result of `size` characters before it is made; throws when it may not be. */
type Produce = (size: number) => void;

/** Applies a filter; every string it makes passes `produce` first (see templateLimits). */
export function applyFilter(name: FilterName, value: unknown, args: unknown[], fail: Fail, produce: Produce): unknown {
  if (name === 'replace') {
    if (args.length !== 2) fail('replace takes two arguments: what and with what');
    return replaceAll(text(value, fail), text(args[0], fail), text(args[1], fail), produce);
  }
  const result = filterValue(name, value, args, fail);
  // The other filters make at most a few times their input, which is already bounded.
  if (typeof result === 'string' && name !== 'default' && name !== 'pick') produce(result.length);
  return result;
}

/** `replace`, its result's size known (and refused) before the string is made. */
function replaceAll(source: string, what: string, by: string, produce: Produce): string {
  let count = 0;
  if (what === '') count = source.length + 1;
  else for (let at = source.indexOf(what); at !== -1; at = source.indexOf(what, at + what.length)) count++;
  produce(source.length + count * (by.length - what.length));
  return source.replaceAll(what, by);
}

function filterValue(name: Exclude<FilterName, 'replace'>, value: unknown, args: unknown[], fail: Fail): unknown {
  switch (name) {
    case 'parseRepoUrl':
      return parseRepoUrl(text(value, fail));
    case 'projectSlug': {
      const { owner, repo } = parseRepoUrl(text(value, fail));
      return owner ? `${owner}/${repo}` : repo;
    }
    case 'pick': {
      const key = text(args[0], fail);
      if (key === 'constructor' || key === '__proto__' || key === 'prototype') fail(`"${key}" cannot be picked`);
      return value !== null && typeof value === 'object' && Object.hasOwn(value, key)
        ? (value as Record<string, unknown>)[key]
        : undefined;
    }
    case 'lower':
      return text(value, fail).toLowerCase();
    case 'upper':
      return text(value, fail).toUpperCase();
    case 'dump':
      return json(value ?? null, fail);
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

function text(value: unknown, fail: Fail): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? json(value, fail) : String(value);
}

const refuse: Fail = (reason) => {
  throw new SlipwayError('invalid_input', reason);
};

/** JSON text of a value, refused (not a stack overflow) when it nests too deep to write. */
export function json(value: unknown, fail: Fail = refuse): string {
  const limit = templateLimits.specDepth + templateLimits.parameterDepth;
  if (tooDeep(value, limit)) fail(`a value nests deeper than ${limit} levels and cannot be turned into text`);
  return JSON.stringify(value);
}
