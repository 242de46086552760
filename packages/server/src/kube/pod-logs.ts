import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import type { KubeConfig } from '@kubernetes/client-node';

export interface PodLogRequest {
  namespace: string;
  pod: string;
  container: string;
  follow?: boolean;
  /** The log of the container's previous instance. */
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  limitBytes?: number;
  /** Prefix every line with the time it was written (RFC 3339). */
  timestamps?: boolean;
}

/** The API server answered the log request with an error: its status code and its reason. */
export class PodLogRefused extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'PodLogRefused';
  }
}

/**
 * Opens a container's log through the API server's pods/log subresource (the API server asks
 * the node's kubelet). Resolves with the body as it streams once the server accepted the
 * request; rejects with PodLogRefused, carrying Kubernetes' own reason, when it did not.
 * client-node's Log helper throws that reason away for anything but a 500, and a person
 * asking for logs needs it ("container is waiting to start: ContainerCreating").
 */
export async function openPodLog(kc: KubeConfig, request: PodLogRequest, signal?: AbortSignal): Promise<Readable> {
  const url = logUrl(kc, request);
  const options: https.RequestOptions = { method: 'GET', headers: {} };
  await kc.applyToHTTPSOptions(options);
  if (url.protocol === 'http:') delete options.agent;
  const client = url.protocol === 'http:' ? http : https;
  return new Promise<Readable>((resolve, reject) => {
    const req = client.request(url, { ...options, ...(signal ? { signal } : {}) }, (res) => {
      // 204: the pod has no node yet, so no logs (the API server's answer, not a refusal).
      if (res.statusCode === 200 || res.statusCode === 204) return resolve(res);
      readRefusal(res).then(reject, reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function logUrl(kc: KubeConfig, r: PodLogRequest): URL {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('the kubeconfig names no current cluster');
  const path = `api/v1/namespaces/${encodeURIComponent(r.namespace)}/pods/${encodeURIComponent(r.pod)}/log`;
  const url = new URL(path, server.endsWith('/') ? server : `${server}/`);
  const q = url.searchParams;
  q.set('container', r.container);
  if (r.follow) q.set('follow', 'true');
  if (r.previous) q.set('previous', 'true');
  if (r.timestamps) q.set('timestamps', 'true');
  if (r.tailLines !== undefined) q.set('tailLines', String(r.tailLines));
  if (r.sinceSeconds !== undefined) q.set('sinceSeconds', String(r.sinceSeconds));
  if (r.limitBytes !== undefined) q.set('limitBytes', String(r.limitBytes));
  return url;
}

/** The Status the API server sent with its refusal, read up to 64 KiB. */
async function readRefusal(res: http.IncomingMessage): Promise<PodLogRefused> {
  let body = '';
  for await (const chunk of res) {
    body += chunk;
    if (body.length > 65_536) break;
  }
  res.destroy();
  const status = res.statusCode ?? 0;
  try {
    const parsed = JSON.parse(body) as { message?: string };
    return new PodLogRefused(status, parsed.message ?? `HTTP ${status}`);
  } catch {
    return new PodLogRefused(status, body.trim().slice(0, 500) || `HTTP ${status}`);
  }
}
