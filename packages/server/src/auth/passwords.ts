/**
 * Local passwords: argon2id hashes with OWASP's recommended parameters (19 MiB of memory,
 * two passes, one lane), stored as PHC strings so the parameters travel with each hash and
 * can be raised later without breaking old ones.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { type FieldIssue, invalidInput } from '@slipway/core';

// Argon2id is @node-rs/argon2's default algorithm; its const enum cannot be named under isolatedModules.
const owasp = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const passwordLength = { min: 12, max: 1024 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, owasp);
}

/**
 * How many argon2 verifications this process has run. Every refusal must cost exactly one,
 * whatever the reason; tests count them instead of timing answers, which a busy machine blurs.
 */
export const passwordWork = { verifications: 0 };

/** True when `password` matches the PHC string; a malformed hash is a mismatch, not an error. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  passwordWork.verifications += 1;
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** The hash unknown users are checked against: made once, with the same parameters as real ones. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}

/**
 * Spends the time a real check takes, for a username that does not exist (or has no
 * password): otherwise the answer's speed would tell which usernames are real.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(await dummyHash(), password);
  return false;
}

/**
 * The password policy (NIST SP 800-63B): long enough to resist guessing, bounded so hashing
 * cannot be used to exhaust the server, no composition rules. Field paths point at `path`.
 */
export function checkPasswordPolicy(password: string, path: string, username?: string): void {
  const issues: FieldIssue[] = [];
  const length = [...password].length;
  if (length < passwordLength.min) issues.push({ path, message: `must be at least ${passwordLength.min} characters` });
  if (length > passwordLength.max) issues.push({ path, message: `must be at most ${passwordLength.max} characters` });
  if (username && password.toLowerCase() === username.toLowerCase()) {
    issues.push({ path, message: 'must not be the username' });
  }
  if (issues.length > 0) throw invalidInput('The password does not meet the policy', issues);
}

/** A random password for generated accounts (the initial admin): 24 characters, 143 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
