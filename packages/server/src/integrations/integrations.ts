/**
 * The Git hosts the operator configured (`integrations`), and the credentials Slipway uses
 * there. Tokens never sit in a URL, a database row or an API answer: they come from a file (a
 * mounted Secret, read at each use so a rotated token is picked up) or an environment variable,
 * and reach git as an HTTP header through its environment, never its arguments (which any
 * process on the machine can read).
 */
import { readFileSync } from 'node:fs';
import type { Static } from '@sinclair/typebox';
import { type FieldIssue, SlipwayError } from '@slipway/core';
import type { IntegrationSchema } from '../config/schema.ts';

export type IntegrationConfig = Static<typeof IntegrationSchema>;

export interface GitCredentials {
  username: string;
  token: string;
}

/** The user name each provider expects beside a token, when the operator names none. */
const defaultUsername: Partial<Record<IntegrationConfig['kind'], string>> = {
  github: 'x-access-token',
  gitlab: 'oauth2',
};

export class Integrations {
  readonly #list: readonly IntegrationConfig[];
  readonly #env: Record<string, string | undefined>;

  /** Checks what the schema cannot (one token source, a user name where no default exists). */
  constructor(list: readonly IntegrationConfig[], env: Record<string, string | undefined> = process.env) {
    const issues = list.flatMap(integrationIssues);
    if (issues.length) throw new SlipwayError('invalid_config', 'The integrations are not valid', { fields: issues });
    this.#list = list;
    this.#env = env;
  }

  /** The integration of a remote's host (and port), if the operator configured one. */
  find(url: string): IntegrationConfig | undefined {
    const host = httpHost(url);
    return host === undefined ? undefined : this.forHost(host);
  }

  /** The integration of a host as written (`github.com`, `git.acme.internal:3000`). */
  forHost(host: string): IntegrationConfig | undefined {
    return this.#list.find((i) => i.host.toLowerCase() === host.toLowerCase());
  }

  /**
   * The credentials for an http(s) remote, read now; none for other schemes (ssh uses the
   * server's keys) or hosts without a token. A token that cannot be read is an error that says
   * where it was looked for, never what it is.
   */
  gitCredentials(url: string): GitCredentials | undefined {
    const integration = this.find(url);
    if (!integration || (!integration.tokenFile && !integration.tokenEnv)) return undefined;
    const token = this.#token(integration);
    return { username: integration.username ?? defaultUsername[integration.kind] ?? '', token };
  }

  #token(i: IntegrationConfig): string {
    if (i.tokenEnv) {
      const value = this.#env[i.tokenEnv]?.trim();
      if (value) return value;
      throw new SlipwayError('not_configured', `The token for ${i.host} is not set: ${i.tokenEnv} is empty`);
    }
    try {
      const value = readFileSync(i.tokenFile as string, 'utf8').trim();
      if (value) return value;
      throw new Error('the file is empty');
    } catch (error) {
      throw new SlipwayError(
        'not_configured',
        `The token for ${i.host} cannot be read from ${i.tokenFile}: ${(error as Error).message}`,
      );
    }
  }
}

function integrationIssues(i: IntegrationConfig, index: number): FieldIssue[] {
  const at = (field: string) => `/integrations/${index}/${field}`;
  const issues: FieldIssue[] = [];
  if (i.tokenFile && i.tokenEnv) issues.push({ path: at('tokenEnv'), message: 'give tokenFile or tokenEnv, not both' });
  if ((i.tokenFile || i.tokenEnv) && !i.username && !defaultUsername[i.kind])
    issues.push({ path: at('username'), message: `a ${i.kind} host needs the user name that goes with the token` });
  return issues;
}

/** `host[:port]` of an http(s) URL, lower case; undefined for other schemes. */
function httpHost(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Git's configuration for one command, through its environment: the token as an
 * `Authorization: Basic` header on every request of that command. Redirects are off in runGit,
 * so the header never follows a remote to another host.
 */
export function gitCredentialEnv(credentials: GitCredentials): Record<string, string> {
  const basic = Buffer.from(`${credentials.username}:${credentials.token}`).toString('base64');
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.extraHeader',
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
  };
}
