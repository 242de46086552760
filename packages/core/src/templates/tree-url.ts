/**
 * A folder on a Git host's web page — what Backstage templates give `fetch:plain` and
 * `fetch:template` as `url` (https://github.com/backstage/community/tree/main/sessions) — as the
 * Git remote, ref and path to read it from. Each host spells it its own way; the host's kind
 * comes from the operator's integrations.
 */

export type GitHostKind = 'github' | 'gitlab' | 'gitea' | 'git';

export interface TreeLocation {
  /** The repository's remote (`https://host/owner/repo.git`). */
  remote: string;
  /** The branch or tag; a name with a slash cannot be told from the path and is not supported. */
  ref: string;
  /** The folder or file inside the repository, '' for its root. */
  path: string;
}

/** The parts of the page path after owner/repo that say "a folder (or file) at a ref". */
const markers: Record<Exclude<GitHostKind, 'git'>, RegExp> = {
  // /owner/repo/tree/REF/path, /owner/repo/blob/REF/path
  github: /^\/([^/]+)\/([^/]+)\/(?:tree|blob)\/([^/]+)(?:\/(.*))?$/,
  // /group/sub/repo/-/tree/REF/path (groups nest)
  gitlab: /^\/(.+)\/([^/]+)\/-\/(?:tree|blob)\/([^/]+)(?:\/(.*))?$/,
  // /owner/repo/src/branch/REF/path (also src/tag/, src/commit/)
  gitea: /^\/([^/]+)\/([^/]+)\/src\/(?:branch|tag|commit)\/([^/]+)(?:\/(.*))?$/,
};

/** null when the URL is not a folder page of that kind of host. */
export function parseTreeUrl(url: string, kind: GitHostKind): TreeLocation | null {
  if (kind === 'git') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const match = markers[kind].exec(decodeURIComponent(parsed.pathname).replace(/\/+$/, ''));
  if (!match) return null;
  const [, owner, repo, ref, path = ''] = match as unknown as [string, string, string, string, string?];
  return {
    remote: `${parsed.protocol}//${parsed.host}/${owner}/${repo.replace(/\.git$/, '')}.git`,
    ref,
    path: path.replace(/^\/+/, ''),
  };
}
