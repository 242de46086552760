import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SlipwayError } from '@slipway/core';

export const maxCatalogFileBytes = 1024 * 1024;

/**
 * Reads one YAML file of a `url` location. Redirects are not followed (a redirect could lead
 * to an address the allow-list refuses), the body is capped and the wait is bounded.
 */
export async function readUrlLocation(
  target: string,
  timeoutMs = 10_000,
): Promise<{ revision: string; content: string }> {
  const content = target.startsWith('file:') ? await readLocalFile(target) : await fetchText(target, timeoutMs);
  return { revision: createHash('sha256').update(content).digest('hex'), content };
}

async function fetchText(target: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(target, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new SlipwayError('unavailable', `Cannot fetch ${target}: ${(error as Error).message}`);
  }
  if (response.status >= 300 && response.status < 400)
    throw new SlipwayError(
      'unavailable',
      `${target} redirects (HTTP ${response.status}); register the final URL instead`,
    );
  if (!response.ok) throw new SlipwayError('unavailable', `${target} answered HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxCatalogFileBytes) throw tooLarge(target);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > maxCatalogFileBytes) throw tooLarge(target);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readLocalFile(target: string): Promise<string> {
  const content = await readFile(fileURLToPath(target)).catch((error: Error) => {
    throw new SlipwayError('unavailable', `Cannot read ${target}: ${error.message}`);
  });
  if (content.byteLength > maxCatalogFileBytes) throw tooLarge(target);
  return content.toString('utf8');
}

function tooLarge(target: string) {
  return new SlipwayError('unavailable', `${target} is larger than ${maxCatalogFileBytes} bytes`);
}
