/**
 * Commit statuses on pull requests (`POST /repos/{owner}/{repo}/statuses/{sha}`), so a preview's
 * state shows next to the commit. One small REST call, made with fetch; a failure is logged
 * and never fails the preview.
 */
export interface CommitStatus {
  repository: string;
  sha: string;
  state: 'pending' | 'success' | 'failure' | 'error';
  description: string;
  targetUrl?: string | undefined;
}

export class GitHubStatuses {
  constructor(
    private readonly options: {
      apiUrl: string;
      token: string;
      log: { warn(obj: object, msg?: string): void };
      timeoutMs?: number;
    },
  ) {}

  async send(status: CommitStatus): Promise<boolean> {
    const url = `${this.options.apiUrl.replace(/\/$/, '')}/repos/${status.repository}/statuses/${status.sha}`;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.token}`,
          accept: 'application/vnd.github+json',
          'content-type': 'application/json',
          'x-github-api-version': '2022-11-28',
          'user-agent': 'slipway',
        },
        body: JSON.stringify({
          state: status.state,
          description: status.description.slice(0, 140),
          context: 'slipway/preview',
          ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      if (response.ok) return true;
      this.options.log.warn({ status: response.status, url }, 'GitHub refused the commit status');
    } catch (error) {
      this.options.log.warn({ err: error, url }, 'sending the commit status to GitHub failed');
    }
    return false;
  }
}
