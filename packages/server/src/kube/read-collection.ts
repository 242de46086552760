import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@slipway/core';
import fetch from 'node-fetch';

export interface CollectionList {
  items: KubeObject[];
  resourceVersion: string | undefined;
}

export interface ReadOptions {
  /** How long the request may take before it is abandoned (and its connection closed). */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Lists a collection with a deadline. The generated client gives a request neither a timeout
 * nor a signal, so an API server that accepts connections but never answers would hold a
 * list (and whoever waits on it) forever; this one aborts the request itself, which also
 * frees its connection. Items come back with their apiVersion and kind, which lists omit.
 */
export async function readCollection(
  kc: KubeConfig,
  path: string,
  target: { apiVersion: string; kind: string },
  query: Record<string, string>,
  options: ReadOptions,
): Promise<CollectionList> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(server + path);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Timeout(options.timeoutMs)), options.timeoutMs);
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const init = await kc.applyToFetchOptions({});
    const response = await fetch(url, { ...init, method: 'GET', signal: controller.signal as never });
    const text = await response.text();
    if (!response.ok) throw new ApiAnswer(response.status, text);
    const list = JSON.parse(text) as { items?: KubeObject[]; metadata?: { resourceVersion?: string } };
    return {
      items: (list.items ?? []).map((o) => ({ ...o, apiVersion: target.apiVersion, kind: target.kind })),
      resourceVersion: list.metadata?.resourceVersion,
    };
  } catch (error) {
    // node-fetch reports any abort as an AbortError: say which one it was.
    if (controller.signal.aborted && controller.signal.reason instanceof Timeout) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The API server did not answer in time. */
export class Timeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms / 1000} s`);
    this.name = 'Timeout';
  }
}

/** The API server answered with an error status; `message` is its own. */
export class ApiAnswer extends Error {
  constructor(
    readonly code: number,
    body: string,
  ) {
    super(`HTTP ${code}: ${statusMessage(body)}`);
    this.name = 'ApiAnswer';
  }
}

function statusMessage(body: string): string {
  try {
    return (JSON.parse(body) as { message?: string }).message ?? body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}
