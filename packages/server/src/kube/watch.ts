import { type KubeConfig, Watch } from '@kubernetes/client-node';
import type { KubeObject } from '@slipway/core';
import { withTimeout } from '../util/with-timeout.ts';
import { RawObjectApi } from './raw-object-api.ts';
import { readCollection } from './read-collection.ts';

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
  /**
   * The cluster could not be listed or watched; the watch tries again after a backoff and
   * reports the state it finds with onSync. Called at every failed attempt.
   */
  onError?(error: unknown): void;
}

export interface WatchOptions {
  /** How long a list or discovery request may take. Default 10 s. */
  requestTimeoutMs?: number;
  /**
   * How long a watch may stay silent before it starts over with a list. The API server sends
   * a bookmark about every minute (allowWatchBookmarks), so a working watch is never silent
   * that long; a hung connection is, and only a request with a deadline finds out. Default 120 s.
   */
  idleTimeoutMs?: number;
  /** Bounds of the backoff between failed attempts. Default 250 ms to 5 s. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Who finds the collection's path (discovery is cached there); one of its own by default. */
  api?: RawObjectApi;
}

export const watchDefaults = {
  requestTimeoutMs: 10_000,
  idleTimeoutMs: 120_000,
  minBackoffMs: 250,
  maxBackoffMs: 5000,
};

/**
 * Keeps a handler up to date with a collection until `signal` aborts, whatever the cluster
 * does meanwhile: list, then watch from the list's resourceVersion, resuming from the last
 * version seen when the server ends a watch. When the server says that version is gone (410)
 * or a watch goes silent, it lists again at once; when a request fails or times out, it
 * reports the error and lists again after a backoff (with jitter), forever. Bare client
 * watches and informers stop on errors other than 410 and reconnect badly; this one does not.
 */
export async function watchCollection(
  kc: KubeConfig,
  target: WatchTarget,
  handler: WatchHandler,
  signal: AbortSignal,
  options: WatchOptions = {},
): Promise<void> {
  const settings = { ...watchDefaults, ...options };
  const api = options.api ?? RawObjectApi.forConfig(kc);
  const query = {
    ...(target.labelSelector ? { labelSelector: target.labelSelector } : {}),
    ...(target.fieldSelector ? { fieldSelector: target.fieldSelector } : {}),
  };
  let path: string | undefined;
  let resourceVersion: string | undefined;
  let backoff = settings.minBackoffMs;
  while (!signal.aborted) {
    try {
      path ??= await withTimeout(
        api.collectionPath(target.apiVersion, target.kind, target.namespace),
        settings.requestTimeoutMs,
        `no answer to API discovery within ${settings.requestTimeoutMs / 1000} s`,
      );
      if (!resourceVersion) {
        const list = await readCollection(kc, path, target, query, {
          timeoutMs: settings.requestTimeoutMs,
          signal,
        });
        if (signal.aborted) return;
        handler.onSync(list.items);
        resourceVersion = list.resourceVersion;
      }
      resourceVersion = await watchOnce(kc, path, { ...query, resourceVersion }, handler, signal, settings);
      backoff = settings.minBackoffMs; // the server ended a watch that worked: all is well
    } catch (error) {
      resourceVersion = undefined;
      if (signal.aborted) return;
      // Our version was compacted away (the server is fine), or the watch went silent (a hung
      // connection, or just a quiet one): list again now; if the cluster is gone, that fails.
      if (isGone(error) || error instanceof Silent) continue;
      handler.onError?.(error);
      await sleep(backoff * (0.5 + Math.random() / 2), signal);
      backoff = Math.min(backoff * 2, settings.maxBackoffMs);
    }
  }
}

/** The server no longer has the version a watch asked for: only a new list helps. */
class Gone extends Error {
  readonly code = 410;
}

/** The watch said nothing for longer than the server's bookmarks allow. */
class Silent extends Error {}

const isGone = (error: unknown): boolean =>
  error instanceof Gone || (error as { statusCode?: number }).statusCode === 410;

/**
 * One watch request; resolves with the last resourceVersion seen when the server ends it,
 * rejects when it fails or stays silent longer than idleTimeoutMs.
 */
function watchOnce(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | undefined>,
  handler: WatchHandler,
  signal: AbortSignal,
  settings: typeof watchDefaults,
): Promise<string | undefined> {
  let last = query.resourceVersion;
  // Like client-go's reflector: the server ends the watch after 5 to 10 minutes, spreading
  // the re-watches of many collections over time.
  const timeoutSeconds = Math.round(300 * (1 + Math.random()));
  return new Promise((resolve, reject) => {
    let controller: AbortController | undefined;
    let idle: NodeJS.Timeout | undefined;
    let settled = false;
    const onAbort = () => controller?.abort();
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      signal.removeEventListener('abort', onAbort);
      controller?.abort();
      if (error && !signal.aborted) reject(error);
      else resolve(last);
    };
    const alive = () => {
      clearTimeout(idle);
      idle = setTimeout(
        () => finish(new Silent(`the watch was silent for ${settings.idleTimeoutMs / 1000} s`)),
        settings.idleTimeoutMs,
      );
    };
    signal.addEventListener('abort', onAbort, { once: true });
    alive();
    new Watch(kc)
      .watch(
        path,
        { ...query, allowWatchBookmarks: true, timeoutSeconds },
        (type: string, object: KubeObject & { code?: number; message?: string }) => {
          alive();
          if (type === 'ERROR') {
            finish(
              object.code === 410
                ? new Gone(object.message)
                : new Error(`watch error ${object.code ?? ''}: ${object.message ?? ''}`),
            );
            return;
          }
          last = object.metadata?.resourceVersion ?? last;
          if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') handler.onEvent(type, object);
        },
        (error: unknown) => finish(isAbort(error) ? undefined : error),
      )
      .then((c) => {
        controller = c;
        if (signal.aborted || settled) c.abort();
      }, finish);
  });
}

function isAbort(error: unknown): boolean {
  return (
    !error || (error as { name?: string }).name === 'AbortError' || (error as { type?: string }).type === 'aborted'
  );
}

/**
 * Waits, or less when the signal aborts. The abort listener goes when the wait ends: the signal
 * lives as long as the watch, and a listener left per retry grew without bound in an outage.
 */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
