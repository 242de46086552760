/**
 * Where a publish step pushes: a RepoUrlPicker value (`host?owner=o&repo=r`) or a plain Git
 * remote, turned into the remote URL, the operator's integration for its host (credentials,
 * API) and the git options that connect to it (the allow-list's pinned addresses, the token).
 */
import { invalidInput, parseRepoUrl, type RepoUrlParts } from '@slipway/core';
import type { GitOptions } from '../../catalog/git.ts';
import { type GitHostApi, gitHostApi } from '../../integrations/git-hosts.ts';
import type { IntegrationConfig } from '../../integrations/integrations.ts';
import { remoteAccess } from '../../integrations/remote-access.ts';
import type { ActionContext } from './context.ts';

export interface ResolvedRemote {
  /** What git pushes to. */
  remote: string;
  parts: RepoUrlParts;
  integration: IntegrationConfig | undefined;
  git: GitOptions;
  /** The host's REST API, when its integration has a token (and an API base, or is github.com/gitlab.com). */
  api: GitHostApi | null;
}

/** A picker value names a host and a path; the remote is that repository over http(s). */
const pickerForm = /^[^/?#:@]+(?::\d{1,5})?\?/;

export async function resolveRemote(context: ActionContext, repoUrl: string, field: string): Promise<ResolvedRemote> {
  const integrations = context.services.integrations;
  const parts = parseRepoUrl(repoUrl);
  const picker = pickerForm.test(repoUrl);
  if (picker && (!parts.owner || !parts.repo))
    throw invalidInput(`"${repoUrl}" names no repository`, [
      { path: field, message: 'give owner and repo: host?owner=acme&repo=shop' },
    ]);
  const integration = integrations?.forHost(parts.host);
  const remote = picker ? `${schemeOf(integration)}://${parts.host}/${parts.owner}/${parts.repo}.git` : repoUrl;
  const { git, credentials } = await remoteAccess(remote, context.services.allow, integrations);
  return { remote, parts, integration, git, api: integration ? gitHostApi(integration, credentials) : null };
}

/** https, unless the operator's API for the host is plain http (a Git server inside the network). */
function schemeOf(integration: IntegrationConfig | undefined): 'http' | 'https' {
  return integration?.apiBaseUrl?.startsWith('http://') ? 'http' : 'https';
}
