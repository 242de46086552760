/**
 * The Gitea of testbed/gitea.sh, which scripts/test.sh starts: its base URL, the admin's token,
 * and the little of its API a test needs to set up and check repositories.
 */
import { readFileSync } from 'node:fs';

export interface TestGitea {
  url: string;
  port: string;
  tokenFile: string;
  token: string;
  /** GET on the API, the answer as JSON when it is one. */
  // biome-ignore lint/suspicious/noExplicitAny: JSON from the Git host
  get(path: string): Promise<{ status: number; body: any }>;
  // biome-ignore lint/suspicious/noExplicitAny: JSON from the Git host
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
  /** A file of a branch, once Gitea shows it (it takes a push in after the push returns), else undefined. */
  raw(repo: string, path: string, ref: string): Promise<string | undefined>;
}

export function testGitea(): TestGitea {
  const url = process.env.SLIPWAY_TEST_GITEA_URL;
  const tokenFile = process.env.SLIPWAY_TEST_GITEA_TOKEN_FILE;
  if (!url || !tokenFile)
    throw new Error(
      'SLIPWAY_TEST_GITEA_URL and SLIPWAY_TEST_GITEA_TOKEN_FILE are not set: this test needs a running Gitea. ' +
        'Start one with `testbed/build.sh gitea && testbed/gitea.sh start` (after testbed/postgres.sh start); ' +
        'the token file is `testbed/gitea.sh token`.',
    );
  const token = readFileSync(tokenFile, 'utf8').trim();
  const headers = { authorization: `token ${token}`, 'content-type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed as never };
  };
  return {
    url,
    port: new URL(url).port,
    tokenFile,
    token,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    async raw(repo, path, ref) {
      const res = await fetch(`${url}/api/v1/repos/${repo}/raw/${path}?ref=${encodeURIComponent(ref)}`, { headers });
      return res.status === 200 ? await res.text() : undefined;
    },
  };
}
