/**
 * The browser session's cookie and its CSRF token.
 *
 * The cookie is HttpOnly (scripts cannot read it), SameSite=Lax (other sites' forms and
 * fetches do not carry it; following a link to Slipway, and the OpenID Provider's redirect
 * back, still do), Path=/, and Secure with the `__Host-` prefix whenever Slipway is reached
 * over https, so a sibling subdomain cannot plant or shadow it.
 *
 * CSRF: a synchronizer token derived from the session's secret, HMAC-SHA256(secret,
 * "slipway-csrf-v1"). It is bound to the session (another session's token does not fit),
 * nothing more is stored, and every replica computes the same token without sharing a
 * key. @fastify/csrf-protection was not used: with cookies it keeps its own secret in a
 * second cookie (a double-submit scheme that a planted cookie can defeat), and binding it
 * to our session would mean storing that secret besides ours.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/schema.ts';

export const csrfHeader = 'x-csrf-token';

/** True when cookies must only travel over TLS: the public URL is https, or the operator says so. */
export function secureCookies(config: Config): boolean {
  return config.auth.secureCookies || (config.server.publicUrl ?? '').startsWith('https://');
}

/** `__Host-` makes browsers insist on Secure, Path=/ and no Domain: only usable over TLS. */
export function cookieName(config: Config, base: string): string {
  return secureCookies(config) ? `__Host-${base}` : base;
}

const sessionCookie = (config: Config) => cookieName(config, 'slipway_session');

export function setSessionCookie(reply: FastifyReply, secret: string, expiresAt: Date): void {
  const config = reply.server.deps.config;
  reply.setCookie(sessionCookie(config), secret, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secureCookies(config),
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  const config = reply.server.deps.config;
  reply.clearCookie(sessionCookie(config), {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secureCookies(config),
  });
}

/** The session secret the request's cookie carries, if any. */
export function sessionSecretOf(request: FastifyRequest): string | undefined {
  const value = request.cookies?.[sessionCookie(request.server.deps.config)];
  return value ? value : undefined;
}

/** The CSRF token of the session whose secret this is. */
export function csrfTokenFor(secret: string): string {
  return createHmac('sha256', secret).update('slipway-csrf-v1').digest('base64url');
}

/** Whether the request carries the CSRF token of its session, compared in constant time. */
export function csrfTokenMatches(request: FastifyRequest, secret: string): boolean {
  const sent = request.headers[csrfHeader];
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(secret));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
