/**
 * The little of each Git host's REST API that publishing needs: who the token belongs to,
 * create a repository (for that user or an organisation/group), open a pull (merge) request.
 * GitHub and Gitea share the shape of these calls (Gitea follows GitHub's); GitLab has its own.
 * The base URL is the operator's (`apiBaseUrl`), so GitHub Enterprise and self-hosted GitLab and
 * Gitea work alike. Errors carry the host's own message, never the token.
 */
import { SlipwayError } from '@slipway/core';
import type { GitCredentials, IntegrationConfig } from './integrations.ts';

export interface NewRepository {
  owner: string;
  name: string;
  description?: string | undefined;
  /** public, private, or internal (GitHub Enterprise and GitLab). */
  visibility: 'public' | 'private' | 'internal';
}

export interface NewPullRequest {
  owner: string;
  repo: string;
  /** The branch with the change. */
  head: string;
  /** The branch it goes into. */
  base: string;
  title: string;
  body: string;
  draft?: boolean | undefined;
}

export interface GitHostApi {
  createRepository(repo: NewRepository): Promise<{ webUrl: string }>;
  /** The repository's default branch (a pull request's base when none is named). */
  defaultBranch(owner: string, repo: string): Promise<string>;
  openPullRequest(request: NewPullRequest): Promise<{ webUrl: string; number: number }>;
}

/** Public hosts' API when the operator names no `apiBaseUrl`. */
const knownApis: Record<string, string> = {
  'github.com': 'https://api.github.com',
  'gitlab.com': 'https://gitlab.com/api/v4',
};

const timeoutMs = 30_000;

/** The API of an integration's host, or null when it has no API base or no token. */
export function gitHostApi(integration: IntegrationConfig, credentials: GitCredentials | undefined): GitHostApi | null {
  const base = (integration.apiBaseUrl ?? knownApis[integration.host.toLowerCase()])?.replace(/\/+$/, '');
  if (!base || !credentials) return null;
  if (integration.kind === 'gitlab') return gitlabApi(base, credentials.token, integration.host);
  if (integration.kind === 'github' || integration.kind === 'gitea')
    return githubShapedApi(base, credentials.token, integration.host, integration.kind);
  return null;
}

type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;

function caller(base: string, host: string, headers: Record<string, string>): Call {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new SlipwayError('unavailable', `${host} did not answer ${method} ${path}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (response.ok) return (text ? JSON.parse(text) : {}) as T;
    const code = response.status === 409 || response.status === 422 ? 'conflict' : 'unavailable';
    throw new SlipwayError(code, `${host} refused ${method} ${path} (${response.status}): ${hostMessage(text)}`);
  };
}

/** The host's own words: GitHub and Gitea say `message` (and `errors`), GitLab `message` or `error`. */
function hostMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown; errors?: unknown };
    const parts = [body.message, body.error, body.errors].filter((p) => p !== undefined);
    return parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ') || text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}

/** GitHub's REST API, and Gitea's, which follows it for these calls. */
function githubShapedApi(base: string, token: string, host: string, kind: 'github' | 'gitea'): GitHostApi {
  const call = caller(base, host, { authorization: `${kind === 'github' ? 'Bearer' : 'token'} ${token}` });
  return {
    async createRepository(repo) {
      const me = await call<{ login: string }>('GET', '/user');
      const path =
        me.login.toLowerCase() === repo.owner.toLowerCase() ? '/user/repos' : `/orgs/${enc(repo.owner)}/repos`;
      const created = await call<{ html_url: string }>('POST', path, {
        name: repo.name,
        ...(repo.description ? { description: repo.description } : {}),
        private: repo.visibility !== 'public',
        ...(kind === 'github' && repo.visibility === 'internal' ? { visibility: 'internal' } : {}),
      });
      return { webUrl: created.html_url };
    },
    async defaultBranch(owner, repo) {
      return (await call<{ default_branch: string }>('GET', `/repos/${enc(owner)}/${enc(repo)}`)).default_branch;
    },
    async openPullRequest(pr) {
      const opened = await call<{ html_url: string; number: number }>(
        'POST',
        `/repos/${enc(pr.owner)}/${enc(pr.repo)}/pulls`,
        { title: pr.title, body: pr.body, head: pr.head, base: pr.base, ...(pr.draft ? { draft: true } : {}) },
      );
      return { webUrl: opened.html_url, number: opened.number };
    },
  };
}

/** GitLab's REST API (v4): projects live in namespaces (a user or a group, with subgroups). */
function gitlabApi(base: string, token: string, host: string): GitHostApi {
  const call = caller(base, host, { 'private-token': token });
  const project = (owner: string, repo: string) => `/projects/${enc(`${owner}/${repo}`)}`;
  return {
    async createRepository(repo) {
      const namespace = await call<{ id: number }>('GET', `/namespaces/${enc(repo.owner)}`);
      const created = await call<{ web_url: string }>('POST', '/projects', {
        name: repo.name,
        path: repo.name,
        namespace_id: namespace.id,
        visibility: repo.visibility,
        ...(repo.description ? { description: repo.description } : {}),
      });
      return { webUrl: created.web_url };
    },
    async defaultBranch(owner, repo) {
      return (await call<{ default_branch: string }>('GET', project(owner, repo))).default_branch;
    },
    async openPullRequest(pr) {
      const opened = await call<{ web_url: string; iid: number }>(
        'POST',
        `${project(pr.owner, pr.repo)}/merge_requests`,
        {
          source_branch: pr.head,
          target_branch: pr.base,
          title: pr.draft ? `Draft: ${pr.title}` : pr.title,
          description: pr.body,
        },
      );
      return { webUrl: opened.web_url, number: opened.iid };
    },
  };
}

const enc = encodeURIComponent;
