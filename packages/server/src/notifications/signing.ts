import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com, spec 1.0.0): the secret is
 * `whsec_` and base64 of 24 to 64 random bytes; what is signed is `${id}.${timestamp}.${body}`
 * with HMAC-SHA256 under the decoded bytes; the header carries `v1,` and base64 of the MAC
 * (several, space-separated, while a secret is rotated). The timestamp is whole seconds since
 * the epoch, so receivers can refuse old messages (replays).
 */
export const webhookSecretPrefix = 'whsec_';

export function newWebhookSecret(): string {
  return webhookSecretPrefix + randomBytes(32).toString('base64');
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(
    secret.startsWith(webhookSecretPrefix) ? secret.slice(webhookSecretPrefix.length) : secret,
    'base64',
  );
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The three headers of one attempt. */
export function webhookHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}
