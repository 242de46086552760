import { type KubeConfig, Watch } from '@kubernetes/client-node';
import type { KubeObject } from '@slipway/core';
import { RawObjectApi } from './raw-object-api.ts';

export interface WatchTarget {
  apiVersion: string;
  kind: string;
  namespace: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WatchHandler {
  /** The full current state: after the first list and after every re-list. */
  onSync(objects: KubeObject[]): void;
  onEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): void;
}

const maxBackoffMs = 5000;

/**
 * Keeps a handler up to date with a collection until `signal` aborts: list, then watch from
 * the list's resourceVersion, resuming from the last version seen when a watch ends, and
 * listing again when the server says that version is gone (410) or the connection fails,
 * with backoff. Bare client watches stop on errors and reconnect badly; this one does not.
 */
export async function watchCollection(
  kc: KubeConfig,
  target: WatchTarget,
  handler: WatchHandler,
  signal: AbortSignal,
): Promise<void> {
  const objects = RawObjectApi.forConfig(kc);
  const path = await objects.collectionPath(target.apiVersion, target.kind, target.namespace);
  const query = {
    ...(target.labelSelector ? { labelSelector: target.labelSelector } : {}),
    ...(target.fieldSelector ? { fieldSelector: target.fieldSelector } : {}),
  };
  let resourceVersion: string | undefined;
  let backoff = 250;
  while (!signal.aborted) {
    try {
      if (!resourceVersion) {
        const list = await objects.list(
          target.apiVersion,
          target.kind,
          target.namespace,
          undefined,
          undefined,
          undefined,
          target.fieldSelector,
          target.labelSelector,
        );
        // List items come without apiVersion and kind (watch events carry them): add them back.
        const items = (list.items as unknown as KubeObject[]).map((o) => ({
          ...o,
          apiVersion: target.apiVersion,
          kind: target.kind,
        }));
        handler.onSync(items);
        resourceVersion = list.metadata?.resourceVersion;
      }
      resourceVersion = await watchOnce(kc, path, { ...query, resourceVersion }, handler, signal);
      backoff = 250;
    } catch {
      // 410 Gone (our version was compacted away) or a failed connection: start over from a
      // fresh list, which also reports anything missed while disconnected.
      resourceVersion = undefined;
      if (signal.aborted) return;
      await sleep(backoff, signal);
      backoff = Math.min(backoff * 2, maxBackoffMs);
    }
  }
}

/** One watch request; resolves with the last resourceVersion seen when the server ends it. */
function watchOnce(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | undefined>,
  handler: WatchHandler,
  signal: AbortSignal,
): Promise<string | undefined> {
  let last = query.resourceVersion;
  return new Promise((resolve, reject) => {
    let controller: AbortController | undefined;
    const onAbort = () => controller?.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const finish = (error?: unknown) => {
      signal.removeEventListener('abort', onAbort);
      if (error && !signal.aborted) reject(error);
      else resolve(last);
    };
    new Watch(kc)
      .watch(
        path,
        { ...query, allowWatchBookmarks: true },
        (type: string, object: KubeObject & { code?: number }) => {
          if (type === 'ERROR') {
            controller?.abort();
            finish(new Error(`watch error ${object.code ?? ''}`));
            return;
          }
          last = object.metadata?.resourceVersion ?? last;
          if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') handler.onEvent(type, object);
        },
        (error: unknown) => finish(isAbort(error) ? undefined : error),
      )
      .then((c) => {
        controller = c;
        if (signal.aborted) c.abort();
      }, finish);
  });
}

function isAbort(error: unknown): boolean {
  return (
    !error || (error as { name?: string }).name === 'AbortError' || (error as { type?: string }).type === 'aborted'
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
