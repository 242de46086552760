/**
 * A GitHub `pull_request` webhook delivery, built and signed the way GitHub sends one: the
 * payload shaped like GitHub's (the fields Slipway reads, and the ones around them a reader
 * expects), its bytes signed with HMAC-SHA256 keyed with the webhook secret, sent in
 * X-Hub-Signature-256 as `sha256=<hex>`, with X-GitHub-Event and X-GitHub-Delivery.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

export const pullRequestActions = ['opened', 'reopened', 'synchronize', 'closed'] as const;
export type PullRequestAction = (typeof pullRequestActions)[number];

export interface PullRequestEventInput {
  /** owner/name */
  repository: string;
  number: number;
  action: PullRequestAction;
  /** The head commit; a random one when left out. */
  sha?: string | undefined;
  /** The head branch. */
  branch: string;
  /** The branch the pull request goes into. */
  base: string;
  /** When it happened (GitHub's `updated_at`): Slipway orders the events of a pull request by it. */
  updatedAt: Date;
  sender: string;
}

export interface SignedDelivery {
  event: 'pull_request';
  delivery: string;
  signature: string;
  /** The exact bytes signed, what is sent. */
  body: string;
  payload: ReturnType<typeof pullRequestPayload>;
}

/** The payload GitHub sends for a pull_request event (its URLs and counters left out). */
export function pullRequestPayload(input: PullRequestEventInput) {
  const [owner = '', name = ''] = input.repository.split('/');
  const at = input.updatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const closed = input.action === 'closed';
  const repository = { id: 0, name, full_name: input.repository, private: true, default_branch: input.base };
  const sender = { login: input.sender, id: 0, type: 'User' };
  return {
    action: input.action,
    number: input.number,
    pull_request: {
      url: `https://api.github.com/repos/${input.repository}/pulls/${input.number}`,
      id: 0,
      number: input.number,
      title: `Test pull request ${input.number} from slipway preview test`,
      html_url: `https://github.com/${input.repository}/pull/${input.number}`,
      state: closed ? 'closed' : 'open',
      locked: false,
      user: sender,
      created_at: at,
      updated_at: at,
      closed_at: closed ? at : null,
      merged_at: null,
      merged: false,
      draft: false,
      head: {
        label: `${owner}:${input.branch}`,
        sha: input.sha ?? randomBytes(20).toString('hex'),
        ref: input.branch,
        repo: repository,
      },
      base: { label: `${owner}:${input.base}`, sha: '0'.repeat(40), ref: input.base, repo: repository },
    },
    repository,
    sender,
  };
}

/** X-Hub-Signature-256 of `body`: what GitHub computes, and what Slipway checks. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function signedPullRequest(input: PullRequestEventInput, secret: string, delivery?: string): SignedDelivery {
  const payload = pullRequestPayload(input);
  const body = JSON.stringify(payload);
  return {
    event: 'pull_request',
    delivery: delivery ?? randomUUID(),
    signature: signature(secret, body),
    body,
    payload,
  };
}
