/**
 * GitOps mode: an environment whose releases Slipway commits to a Git repository for a GitOps
 * tool (Argo CD, Flux) to apply, instead of applying them itself. What is pure about it lives
 * here: the settings' checks, the commit message, and how a rollout tells the tool's apply of
 * this release from what ran before.
 */
import { type FieldIssue, jsonPointer } from '../errors/index.ts';
import { type KubeObject, slipwayLabels } from '../kube/object.ts';

export interface GitOpsSettings {
  /** The remote Slipway pushes to (https, ssh, git; file:// only where the operator allows it). */
  repository: string;
  /** Default: main. */
  branch?: string;
  /** The environment's folder in the repository. Default: the environment's name. */
  path?: string;
}

const branchPattern = /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*\.lock$)[A-Za-z0-9._/-]{1,200}(?<![./])$/;
const segmentPattern = /^[A-Za-z0-9._-]+$/;

/** The problems of GitOps settings, each at its path under `at` (e.g. `/gitops`). */
export function gitOpsIssues(settings: GitOpsSettings, at: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const path = (field: string) => `${at}${jsonPointer([field])}`;
  const credentials = credentialsInUrl(settings.repository);
  if (credentials) issues.push({ path: path('repository'), message: credentials });
  if (settings.branch !== undefined && !branchPattern.test(settings.branch))
    issues.push({ path: path('branch'), message: 'is not a branch name git accepts' });
  if (settings.path !== undefined) {
    const segments = settings.path.split('/');
    if (segments.some((s) => !segmentPattern.test(s) || s === '.' || s === '..' || s === '.git'))
      issues.push({
        path: path('path'),
        message: 'must be a relative folder: segments of letters, digits, . _ -, without . or .. or .git',
      });
  }
  return issues;
}

/**
 * Why a repository URL may not be stored: it carries a secret. Settings are stored and shown to
 * everyone who reads the environment, so a token belongs in the operator's `integrations`.
 * `ssh://git@host/…` names the ssh user, not a secret, and is fine; so is scp-like `git@host:…`.
 */
function credentialsInUrl(repository: string): string | undefined {
  let url: URL;
  try {
    url = new URL(repository);
  } catch {
    return undefined; // scp-like ssh (git@host:org/repo), judged as a remote elsewhere
  }
  const tokenBearing = url.password !== '' || (url.username !== '' && url.protocol.startsWith('http'));
  return tokenBearing
    ? 'must not hold credentials (they would be stored and shown with the environment): ' +
        "give the token in the server's integrations (tokenFile or tokenEnv) for this host"
    : undefined;
}

export const gitOpsBranch = (settings: GitOpsSettings): string => settings.branch ?? 'main';
export const gitOpsFolder = (settings: GitOpsSettings, environment: string): string => settings.path ?? environment;

export interface ReleaseCommit {
  service: string;
  environment: string;
  number: number;
  image: string | null;
  createdBy: string;
  reason: string | null;
  /** Set for a rollback: the release it returns to. */
  rollbackOf?: number | undefined;
}

/**
 * The commit's message: what changed, by whom and why, in the subject and body, with the
 * release's identity as trailers a script can read, and a Signed-off-by line (DCO) for
 * repositories that require one. The committer is Slipway; the person is named in the trailers.
 */
export function releaseCommitMessage(c: ReleaseCommit, signer: { name: string; email: string }): string {
  const what = c.rollbackOf !== undefined ? `roll back to release #${c.rollbackOf}` : `release #${c.number}`;
  const subject = `${c.service} → ${c.environment}: ${what}${c.image ? ` (${c.image})` : ''}`;
  const body = [`Deployed by ${c.createdBy}${c.reason ? `: ${c.reason}` : '.'}`];
  const trailers = [
    `Slipway-Service: ${c.service}`,
    `Slipway-Environment: ${c.environment}`,
    `Slipway-Release: ${c.number}`,
    `Slipway-Deployed-By: ${c.createdBy}`,
    `Signed-off-by: ${signer.name} <${signer.email}>`,
  ];
  return `${oneLine(subject)}\n\n${body.map(oneLine).join('\n')}\n\n${trailers.map(oneLine).join('\n')}\n`;
}

// A reason written with newlines must not forge trailers.
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

/**
 * Whether the live object is the one this release committed: both carry the release label,
 * and it is the same. An object of the release without the label (a provisioner's) is judged
 * as it is once it exists.
 */
export function isCommittedRelease(desired: KubeObject, live: KubeObject | undefined): boolean {
  if (!live) return false;
  const wanted = desired.metadata.labels?.[slipwayLabels.release];
  return wanted === undefined || live.metadata.labels?.[slipwayLabels.release] === wanted;
}
