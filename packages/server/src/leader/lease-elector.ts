/**
 * Leader election on a Kubernetes `coordination.k8s.io/v1` Lease, as kube-controller-manager
 * does it (client-go's leaderelection): a candidate takes the Lease when it is free or its
 * holder has not renewed it for `leaseDuration`, the leader renews it every `retryPeriod`, and
 * stops leading when it could not renew for `renewDeadline` (before anyone else may take over:
 * renewDeadline < leaseDuration). Expiry is judged on this process's own clock, from when it
 * last saw the Lease change, never from the holder's timestamps: clocks of two nodes differ.
 * Every write is a compare-and-set on the Lease's resourceVersion, so two candidates never
 * both win. On a graceful stop the leader hands the Lease back, and another takes over at once.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiException } from '@kubernetes/client-node';
import { RawObjectApi } from '../kube/raw-object-api.ts';

export interface LeaseElectorOptions {
  kube: KubeConfig;
  namespace: string;
  /** The Lease's name: one per set of replicas. */
  name: string;
  /** This candidate, unique among the replicas (pod name and a random suffix). */
  identity: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  now?: () => Date;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
  log?: { warn(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
}

interface LeaseObject {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec: {
    holderIdentity?: string | null;
    leaseDurationSeconds?: number;
    acquireTime?: string | null;
    renewTime?: string | null;
    leaseTransitions?: number;
  };
}

/** RFC 3339 with microseconds, as the API server writes MicroTime. */
const microTime = (d: Date) => `${d.toISOString().slice(0, -1)}000Z`;

export class LeaseElector {
  readonly #o: LeaseElectorOptions;
  readonly #api: RawObjectApi;
  readonly #now: () => Date;
  #leading = false;
  #stopped = true;
  #timer: NodeJS.Timeout | undefined;
  #loop: Promise<void> | undefined;
  /** The Lease as last read, and when (on this clock) it last changed. */
  #observed: { spec: string; at: number } | undefined;
  #lastRenew = 0;

  constructor(options: LeaseElectorOptions) {
    if (options.renewDeadlineMs >= options.leaseDurationMs)
      throw new Error('renewDeadline must be shorter than leaseDuration');
    this.#o = options;
    this.#api = RawObjectApi.forConfig(options.kube);
    this.#now = options.now ?? (() => new Date());
  }

  get isLeader(): boolean {
    return this.#leading;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Stops trying; a leader stops leading first, then gives the Lease back. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#loop;
    if (!this.#leading) return;
    this.#setLeading(false);
    await this.#release().catch((error) => this.#o.log?.warn({ err: error }, 'could not hand the lease back'));
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#loop = this.#round().finally(() => this.#schedule(this.#o.retryPeriodMs));
    }, ms);
  }

  async #round(): Promise<void> {
    let held = false;
    try {
      held = await this.#tryAcquireOrRenew();
    } catch (error) {
      this.#o.log?.warn({ err: error, lease: this.#o.name }, 'lease read or write failed');
    }
    if (this.#stopped) return;
    const now = this.#now().getTime();
    if (held) {
      this.#lastRenew = now;
      if (!this.#leading) this.#setLeading(true);
    } else if (this.#leading && now - this.#lastRenew >= this.#o.renewDeadlineMs) {
      // Could not renew in time: stop before another candidate may take over.
      this.#setLeading(false);
    } else if (this.#leading && this.#observed && !this.#holdsObserved()) {
      this.#setLeading(false); // someone else holds it now
    }
  }

  #setLeading(leading: boolean): void {
    this.#leading = leading;
    this.#o.log?.info({ lease: this.#o.name, identity: this.#o.identity }, leading ? 'leading' : 'stopped leading');
    if (leading) this.#o.onStartedLeading();
    else this.#o.onStoppedLeading();
  }

  #holdsObserved(): boolean {
    return this.#observed !== undefined && JSON.parse(this.#observed.spec).holderIdentity === this.#o.identity;
  }

  /** One attempt; true when this candidate holds the Lease afterwards. */
  async #tryAcquireOrRenew(): Promise<boolean> {
    const now = this.#now();
    const current = await this.#read();
    if (!current) {
      await this.#api.create(this.#lease(now, { acquireTime: microTime(now), leaseTransitions: 0 }));
      this.#observe(this.#lease(now, {}).spec, now);
      return true;
    }
    this.#observe(current.spec, now);
    const holder = current.spec.holderIdentity;
    const mine = holder === this.#o.identity;
    const expired = now.getTime() >= (this.#observed?.at ?? 0) + this.#o.leaseDurationMs;
    if (holder && !mine && !expired) return false;
    const transitions = current.spec.leaseTransitions ?? 0;
    const body = this.#lease(now, {
      acquireTime: mine ? (current.spec.acquireTime ?? microTime(now)) : microTime(now),
      leaseTransitions: mine ? transitions : transitions + 1,
    });
    body.metadata.resourceVersion = current.metadata.resourceVersion as string;
    try {
      const written = (await this.#api.replace(body as never)) as unknown as LeaseObject;
      this.#observe(written.spec, now);
      return true;
    } catch (error) {
      if (error instanceof ApiException && error.code === 409) return false; // another candidate wrote first
      throw error;
    }
  }

  /** Hands the Lease back: no holder, so the next candidate to look takes it at once. */
  async #release(): Promise<void> {
    const current = await this.#read();
    if (!current || current.spec.holderIdentity !== this.#o.identity) return;
    const body: LeaseObject = {
      ...current,
      spec: { ...current.spec, holderIdentity: null, leaseDurationSeconds: 1, renewTime: microTime(this.#now()) },
    };
    await this.#api.replace(body as never);
  }

  async #read(): Promise<LeaseObject | undefined> {
    try {
      const ref = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.#o.name, namespace: this.#o.namespace },
      };
      return (await this.#api.read(ref as never)) as unknown as LeaseObject;
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw error;
    }
  }

  #observe(spec: LeaseObject['spec'], now: Date): void {
    const text = JSON.stringify({ holderIdentity: spec.holderIdentity ?? null, renewTime: spec.renewTime ?? null });
    if (this.#observed?.spec !== text) this.#observed = { spec: text, at: now.getTime() };
    // A handed-back Lease (no holder) is free at once.
    if (!spec.holderIdentity && this.#observed) this.#observed.at = -Infinity;
  }

  #lease(now: Date, extra: Partial<LeaseObject['spec']>): LeaseObject {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.#o.name, namespace: this.#o.namespace },
      spec: {
        holderIdentity: this.#o.identity,
        leaseDurationSeconds: Math.ceil(this.#o.leaseDurationMs / 1000),
        renewTime: microTime(now),
        ...extra,
      },
    };
  }
}
