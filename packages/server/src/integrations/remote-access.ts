/**
 * How git reaches a remote, the same for GitOps commits, publish actions and fetches: only at
 * the addresses the allow-list vetted (checkLocationTarget), with the token of the host's
 * integration, if any, in git's environment. The credentials come back too, for the host's API.
 */
import type { GitOptions } from '../catalog/git.ts';
import { checkLocationTarget, type LocationAllowList } from '../catalog/url-policy.ts';
import { type GitCredentials, gitCredentialEnv, type Integrations } from './integrations.ts';

export async function remoteAccess(
  remote: string,
  allow: LocationAllowList,
  integrations: Integrations | undefined,
): Promise<{ git: GitOptions; credentials: GitCredentials | undefined }> {
  const pin = await checkLocationTarget('git', remote, allow);
  const credentials = integrations?.gitCredentials(remote);
  const git: GitOptions = {
    allowFile: allow.allowFileUrls,
    pin,
    ...(credentials ? { env: gitCredentialEnv(credentials) } : {}),
  };
  return { git, credentials };
}
