/**
 * Setting up what the Home and Service page tests look at, through the API as the first admin
 * (as packages/cli/test/deploy.test.ts does with the CLI): environments, a team-owned service,
 * deploys of a Score workload, promotions. Waiting for a release here is setup, never the
 * assertion: the tests watch the page for what they check.
 */
import type { Portal } from './harness.ts';

export interface ReleaseJson {
  id: string;
  number: number;
  status: string;
  image: string | null;
  environment: string;
  message: string;
  drift: { status: 'in-sync' | 'drifted' } | null;
}

export function adminApi(portal: Portal) {
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${portal.server.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${portal.server.adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/**
 * A Score workload of one nginx container; its pods take `delay` to turn Ready, or with a
 * `fault` fail the way a real container would (testbed/stages/pods.yaml).
 */
export function score(service: string, image = 'nginx:1.27', delay = '2s', fault?: 'crashloop'): string {
  return `apiVersion: score.dev/v1b1
metadata:
  name: ${service}
  annotations:
    testbed.slipway.dev/delay: "${delay}"${fault ? `\n    testbed.slipway.dev/fault: ${fault}` : ''}
containers:
  web:
    image: ${image}
    variables:
      GREETING: hello from the portal test
service:
  ports:
    http:
      port: 80
      targetPort: 80
`;
}

/**
 * Two environments, dev (development, 2 replicas) and prod (production: releases wait for a
 * second person's approval), and a service owned by a team the admin belongs to.
 */
export async function setUpService(portal: Portal, service: string, team: string): Promise<void> {
  const api = adminApi(portal);
  await api('POST', '/environments', { name: 'dev', type: 'development', defaults: { replicas: 2 } });
  await api('POST', '/environments', { name: 'prod', type: 'production', defaults: { replicas: 1 } });
  await api('POST', '/teams', { name: team });
  await api('PUT', `/teams/${team}/members/admin`);
  await api('POST', '/services', { name: service, owner: team });
}

export async function deploy(
  portal: Portal,
  service: string,
  environment: string,
  image: string,
  fault?: 'crashloop',
): Promise<ReleaseJson> {
  const answer = await adminApi(portal)<{ release: ReleaseJson }>('POST', '/deploys', {
    environment,
    service,
    workload: score(service, image, '2s', fault),
  });
  return answer.release;
}

/** Setup only: waits until a release has finished rolling out (or stopped for another reason). */
export async function settled(portal: Portal, id: string, timeoutMs = 60_000): Promise<ReleaseJson> {
  const api = adminApi(portal);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { release } = await api<{ release: ReleaseJson }>('GET', `/releases/${id}`);
    if (!['queued', 'applying', 'progressing', 'verifying'].includes(release.status)) return release;
    if (Date.now() > deadline) throw new Error(`release ${id} still ${release.status}: ${release.message}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function cleanUp(portal: Portal | undefined): Promise<void> {
  if (!portal) return;
  const api = adminApi(portal);
  for (const name of ['dev', 'prod', 'qa', 'stage'])
    await api('DELETE', `/environments/${name}`).catch(() => undefined);
}
