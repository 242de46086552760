/**
 * The measuring pieces of bench/live-status, kept apart from the run so another client can be
 * measured the same way later (a browser page following the portal's EventSource): anything
 * that implements `Observer` — "when did you first see a value like this, after that time" —
 * is timed against the same changes and summarised with the same statistics. Times are
 * `performance.now()` milliseconds of this process; a browser observer maps its clock to it.
 */
import { AppsV1Api, CoreV1Api, type KubeConfig, Watch } from '@kubernetes/client-node';
import type { KubeObject, LiveStatus } from '@slipway/core';
import { readEvents } from '../../packages/cli/src/sse.ts';

/** Something that sees values arrive: a live status stream, a raw watch, a browser page. */
export interface Observer<T> {
  /** When the first value matching `match` arrived at or after `since` (waits up to `timeoutMs`). */
  firstAfter(match: (value: T) => boolean, since: number, timeoutMs: number): Promise<number>;
  close(): void;
}

/** Values with their arrival times, and waiting for one. */
export class Arrivals<T> implements Observer<T> {
  readonly seen: Array<{ at: number; value: T }> = [];
  readonly #waiters = new Set<() => void>();
  #closed = () => {};

  onClose(close: () => void) {
    this.#closed = close;
  }

  /** Records a value; `at` for one that arrived elsewhere first (a browser's own clock). */
  push(value: T, at = performance.now()): void {
    this.seen.push({ at, value });
    for (const wake of this.#waiters) wake();
  }

  firstAfter(match: (value: T) => boolean, since: number, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      let from = 0;
      const check = () => {
        for (; from < this.seen.length; from++) {
          const entry = this.seen[from] as { at: number; value: T };
          if (entry.at >= since && match(entry.value)) {
            clearTimeout(timer);
            this.#waiters.delete(check);
            resolve(entry.at);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`nothing matching arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  close(): void {
    this.#closed();
  }
}

export type Status = LiveStatus<{ number: number; status: string }>;

/** One GET …/live stream, recording every `status` event as it arrives. */
export async function followLiveStatus(
  url: string,
  token: string,
): Promise<Observer<Status> & { latest(): Status | undefined }> {
  const arrivals = new Arrivals<Status>();
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  const body = res.body;
  void (async () => {
    try {
      for await (const event of readEvents(body)) if (event.event === 'status') arrivals.push(JSON.parse(event.data));
    } catch {
      // closed
    }
  })();
  arrivals.onClose(() => abort.abort());
  return Object.assign(arrivals, { latest: () => arrivals.seen.at(-1)?.value });
}

/** A watch event as a plain watch client gets it. */
export interface WatchEvent {
  type: string;
  object: KubeObject;
}

/** The baseline: a plain client-node watch of a namespace's Pods and Deployments. */
export async function rawWatch(kc: KubeConfig, namespace: string): Promise<Observer<WatchEvent>> {
  const arrivals = new Arrivals<WatchEvent>();
  const controllers = await Promise.all(
    [`/api/v1/namespaces/${namespace}/pods`, `/apis/apps/v1/namespaces/${namespace}/deployments`].map((path) =>
      new Watch(kc).watch(
        path,
        {},
        (type, object: KubeObject) => arrivals.push({ type, object }),
        () => {},
      ),
    ),
  );
  arrivals.onClose(() => {
    for (const c of controllers) c.abort();
  });
  return arrivals;
}

/** A change to make in the cluster, and how it shows in a watch event and in a live status. */
export interface Change {
  name: string;
  apply(): Promise<void>;
  inWatch(event: WatchEvent): boolean;
  inStatus(status: Status): boolean;
}

/** Deleting a pod: it turns Terminating (then a ReplicaSet makes a new one). */
export function deletePod(kc: KubeConfig, namespace: string, pod: string): Change {
  return {
    name: `delete pod ${pod}`,
    apply: async () => {
      await kc.makeApiClient(CoreV1Api).deleteNamespacedPod({ name: pod, namespace });
    },
    inWatch: (e) =>
      e.object.kind !== 'Deployment' &&
      e.object.metadata?.name === pod &&
      (e.type === 'DELETED' || e.object.metadata.deletionTimestamp !== undefined),
    inStatus: (s) => !s.pods.some((p) => p.name === pod && p.reason !== 'Terminating'),
  };
}

/** Scaling a Deployment: its desired count changes. */
export function scaleDeployment(kc: KubeConfig, namespace: string, name: string, replicas: number): Change {
  return {
    name: `scale ${name} to ${replicas}`,
    apply: async () => {
      await kc.makeApiClient(AppsV1Api).patchNamespacedDeploymentScale({
        name,
        namespace,
        body: [{ op: 'replace', path: '/spec/replicas', value: replicas }],
      });
    },
    inWatch: (e) =>
      e.object.kind === 'Deployment' &&
      e.object.metadata?.name === name &&
      (e.object.spec as { replicas?: number } | undefined)?.replicas === replicas,
    inStatus: (s) => s.workloads.some((w) => w.name === name && w.desired === replicas),
  };
}

/** A service at rest: every pod ready, as many as its workloads want, none going away. */
export function settled(status: Status | undefined): boolean {
  if (!status) return false;
  const desired = status.workloads.reduce((n, w) => n + w.desired, 0);
  return status.pods.length === desired && status.pods.every((p) => p.ready && p.reason === null);
}

/**
 * Makes one change and times it: from just before the write is sent to the API server until
 * each observer first shows it. Returns the latency per observer, in their order.
 */
export async function timeChange(
  change: Change,
  baseline: Observer<WatchEvent>,
  observers: ReadonlyArray<Observer<Status>>,
  timeoutMs = 30_000,
): Promise<{ baselineMs: number; observersMs: number[] }> {
  const sent = performance.now();
  const seenByWatch = baseline.firstAfter(change.inWatch, sent, timeoutMs);
  const seenByObservers = observers.map((o) => o.firstAfter(change.inStatus, sent, timeoutMs));
  await change.apply();
  const [watchAt, ...observedAt] = await Promise.all([seenByWatch, ...seenByObservers]);
  return { baselineMs: (watchAt as number) - sent, observersMs: observedAt.map((at) => at - sent) };
}
