/**
 * Sign-in through an OpenID Provider (Keycloak, Dex, Okta, Entra ID, Google...) with the
 * authorization code flow, PKCE, state and nonce (openid-client). What the provider says
 * about the user becomes an `OidcIdentity`; accounts and teams are the caller's business.
 */
import { SlipwayError } from '@slipway/core';
import * as client from 'openid-client';
import type { Config } from '../config/schema.ts';
import { usernameMaxLength, usernamePattern } from '../db/stores/accounts.ts';

export type OidcSettings = NonNullable<Config['auth']['oidc']>;

/** A sign-in in flight, kept sealed in a short-lived cookie until the provider sends the user back. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  /** Epoch milliseconds after which the transaction is refused. */
  expires: number;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  username: string;
  displayName?: string | undefined;
  email?: string | undefined;
  /** The groups claim as the provider sent it. */
  groups: string[];
}

export const transactionTtlMs = 10 * 60_000;
const usernameRule = new RegExp(usernamePattern);

/** One provider's client: discovery happens once and is cached (a failed one is retried on next use). */
export class OidcClient {
  readonly redirectUrl: string;
  #configuration: Promise<client.Configuration> | undefined;

  constructor(
    readonly settings: OidcSettings,
    publicUrl: string | undefined,
  ) {
    const redirect =
      settings.redirectUrl ?? (publicUrl ? `${publicUrl.replace(/\/+$/, '')}/api/v1/auth/oidc/callback` : '');
    if (!redirect) {
      throw new SlipwayError('invalid_config', 'OIDC sign-in needs auth.oidc.redirectUrl or server.publicUrl', {
        fields: [{ path: '/auth/oidc/redirectUrl', message: 'is required when server.publicUrl is not set' }],
      });
    }
    this.redirectUrl = redirect;
  }

  /** Where to send the browser, and the transaction to keep until it comes back. */
  async start(returnTo: string, now: number): Promise<{ url: URL; transaction: OidcTransaction }> {
    const configuration = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const transaction: OidcTransaction = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier,
      returnTo,
      expires: now + transactionTtlMs,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUrl,
      scope: this.settings.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url, transaction };
  }

  /**
   * Checks the provider's answer (state, then the code exchanged with PKCE, the ID token's
   * signature, issuer, audience, expiry and nonce) and says who signed in.
   */
  async finish(query: string, transaction: OidcTransaction): Promise<OidcIdentity> {
    const configuration = await this.configuration();
    const current = new URL(this.redirectUrl);
    current.search = query;
    let claims: Record<string, unknown>;
    let accessToken: string | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: transaction.verifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
      accessToken = tokens.access_token;
    } catch (error) {
      throw refusal(error);
    }
    const subject = String(claims.sub);
    const info = accessToken ? await this.#userInfo(configuration, accessToken, subject) : {};
    // The ID token is signed: where both say something, it wins over the userinfo answer.
    return this.#identity({ ...info, ...claims }, configuration.serverMetadata().issuer, subject);
  }

  configuration(): Promise<client.Configuration> {
    if (!this.#configuration) {
      this.#configuration = discover(this.settings);
      this.#configuration.catch(() => {
        this.#configuration = undefined;
      });
    }
    return this.#configuration;
  }

  /** Many providers put groups (and sometimes e-mail) only in the userinfo answer. */
  async #userInfo(configuration: client.Configuration, accessToken: string, subject: string) {
    if (!configuration.serverMetadata().userinfo_endpoint) return {};
    try {
      return { ...(await client.fetchUserInfo(configuration, accessToken, subject)) };
    } catch {
      return {};
    }
  }

  #identity(claims: Record<string, unknown>, issuer: string, subject: string): OidcIdentity {
    const { usernameClaim, groupsClaim } = this.settings;
    const username = [claims[usernameClaim], claims.email, subject].find(isUsername) as string | undefined;
    if (!username) {
      throw new SlipwayError('unauthenticated', 'The identity provider sent no usable username', {
        hint: `Set auth.oidc.usernameClaim to a claim holding a name of letters, digits, . _ @ - (now: ${usernameClaim}).`,
      });
    }
    return {
      issuer,
      subject,
      username,
      displayName: stringClaim(claims.name),
      email: stringClaim(claims.email),
      groups: groupsOf(claims[groupsClaim]),
    };
  }
}

async function discover(settings: OidcSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  const auth = settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None();
  try {
    return await client.discovery(issuer, settings.clientId, undefined, auth, {
      timeout: 10,
      // Plain http only for a provider on this machine (development, tests).
      ...(issuer.protocol === 'http:' && isLoopback(issuer.hostname)
        ? { execute: [client.allowInsecureRequests] }
        : {}),
    });
  } catch (error) {
    throw new SlipwayError(
      'unavailable',
      `The identity provider ${settings.issuer} cannot be used: ${messageOf(error)}`,
      {
        hint: 'Check auth.oidc.issuer: its /.well-known/openid-configuration must answer (over https).',
        cause: error,
      },
    );
  }
}

function refusal(error: unknown): SlipwayError {
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) {
    const detail = error.error_description ? `${error.error}: ${error.error_description}` : error.error;
    return new SlipwayError('unauthenticated', `The identity provider refused the sign-in (${detail})`, {
      hint: 'Start again from the sign-in page.',
    });
  }
  if (error instanceof TypeError && /fetch/i.test(error.message)) {
    return new SlipwayError('unavailable', `The identity provider cannot be reached: ${messageOf(error)}`);
  }
  return new SlipwayError('unauthenticated', `The sign-in could not be verified: ${messageOf(error)}`, {
    hint: 'Start again from the sign-in page.',
  });
}

function isUsername(value: unknown): value is string {
  return typeof value === 'string' && value.length <= usernameMaxLength && usernameRule.test(value);
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 300) : undefined;
}

function groupsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return list.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function messageOf(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return e.cause?.message ? `${e.message} (${e.cause.message})` : (e.message ?? String(error));
}

/**
 * Where the browser may be sent back to after signing in: a path on this server, never
 * another site (`//evil.example`, `/\evil.example` and `https://...` are refused).
 */
export function isSafeReturnTo(value: string): boolean {
  return (
    value.length <= 2000 &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.startsWith('/\\') &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    !/[\u0000-\u001f\u007f\\]/.test(value)
  );
}

/** Parses a sealed transaction's content; anything else is null. */
export function asTransaction(value: unknown): OidcTransaction | null {
  const t = value as Partial<OidcTransaction> | null;
  if (!t || typeof t !== 'object') return null;
  const strings = [t.state, t.nonce, t.verifier, t.returnTo].every((v) => typeof v === 'string');
  return strings && typeof t.expires === 'number' ? (t as OidcTransaction) : null;
}
