/**
 * The platform engineers' provisioners, read from the files the configuration lists, and read
 * again without a restart: when a file changes (a watch on its folder, which also sees the
 * symlink swap Kubernetes makes when it updates a mounted ConfigMap) or when an admin asks
 * (POST /provisioners/reload, passed to every replica). A reload is all or nothing: if any
 * file does not load, the provisioners in use stay as they were and the error is kept to show.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type FSWatcher, readFileSync, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { type Provisioner, SlipwayError } from '@slipway/core';
import type { PubSub } from '../db/pubsub.ts';
import { loadProvisioners } from '../deploy/platform.ts';
import type { Clock } from '../util/clock.ts';

/** Where a reload asked of one replica is passed to the others. */
const reloadChannel = 'slipway_provisioners_reload';

export interface ProvisionerLoadState {
  /** The files, in the order they are matched. */
  files: string[];
  /** When the provisioners in use were read. */
  loadedAt: Date;
  /** How many provisioners they hold. */
  count: number;
  /** The last reload that failed after them, if any: its error and when. */
  lastError: { message: string; at: Date } | null;
}

export interface ReloadOutcome {
  /** False when the files had not changed since the last load. */
  changed: boolean;
  state: ProvisionerLoadState;
}

interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Changes to a file come in bursts (an editor writes twice, a ConfigMap swaps a symlink). */
const settleMs = 200;

export class ProvisionerFiles {
  readonly #files: string[];
  readonly #now: Clock;
  readonly #log: Logger | undefined;
  #current: readonly Provisioner[];
  #digest: string;
  #state: ProvisionerLoadState;
  #watchers: FSWatcher[] = [];
  #pending: NodeJS.Timeout | undefined;
  #unsubscribe: (() => Promise<void>) | undefined;
  readonly #listeners = new Set<(outcome: ReloadOutcome | SlipwayError) => void>();

  /** Reads the files now: a file that does not load stops the server from starting, as before. */
  constructor(files: readonly string[], options: { now?: Clock; log?: Logger } = {}) {
    this.#files = files.map((f) => resolve(f));
    this.#now = options.now ?? (() => new Date());
    this.#log = options.log;
    this.#digest = this.#contentDigest();
    this.#current = loadProvisioners(this.#files);
    this.#state = { files: this.#files, loadedAt: this.#now(), count: this.#current.length, lastError: null };
  }

  /** A fixed list (tests, embedders): nothing to read or watch. */
  static of(provisioners: readonly Provisioner[]): ProvisionerFiles {
    const fixed = new ProvisionerFiles([]);
    fixed.#current = provisioners;
    fixed.#state.count = provisioners.length;
    return fixed;
  }

  /** The provisioners in use, in match order. Read at each use: a reload replaces the list. */
  get current(): readonly Provisioner[] {
    return this.#current;
  }

  get state(): ProvisionerLoadState {
    return { ...this.#state, files: [...this.#state.files] };
  }

  /**
   * Reads every file again. Throws the SlipwayError of the first file that does not load (its
   * name and the path of the field), keeping the provisioners in use; unchanged files are a no-op.
   */
  reload(): ReloadOutcome {
    try {
      const digest = this.#contentDigest();
      if (digest === this.#digest && this.#state.lastError === null)
        return this.#tell({ changed: false, state: this.state });
      const next = loadProvisioners(this.#files);
      this.#current = next;
      this.#digest = digest;
      this.#state = { files: this.#files, loadedAt: this.#now(), count: next.length, lastError: null };
      this.#log?.info({ files: this.#files, count: next.length }, 'provisioners reloaded');
      return this.#tell({ changed: true, state: this.state });
    } catch (error) {
      const failure = asSlipwayError(error);
      this.#state = { ...this.#state, lastError: { message: failure.message, at: this.#now() } };
      this.#log?.warn({ err: failure.message }, 'provisioners not reloaded; the previous ones stay in use');
      this.#tell(failure);
      throw failure;
    }
  }

  /** Reloads when a listed file changes. Watches folders, not files: editors and kubelet replace files. */
  watch(): void {
    if (this.#watchers.length > 0) return;
    const folders = new Map<string, Set<string>>();
    for (const file of this.#files) {
      const names = folders.get(dirname(file)) ?? new Set<string>();
      names.add(basename(file));
      folders.set(dirname(file), names);
    }
    for (const [folder] of folders) {
      try {
        // Any change in the folder may be ours (kubelet renames `..data`, not our file): the
        // content digest decides whether anything changed.
        const watcher = watch(folder, { persistent: false }, () => this.#schedule());
        watcher.on('error', (error) => this.#log?.warn({ err: error, folder }, 'provisioner folder watch failed'));
        this.#watchers.push(watcher);
      } catch (error) {
        this.#log?.warn({ err: error, folder }, 'cannot watch the provisioner folder; reload through the API');
      }
    }
  }

  /** Reloads on this replica when another one was asked to (and on a reconnect, in case one was missed). */
  async share(pubsub: PubSub): Promise<void> {
    const quietly = () => this.#quietReload();
    this.#unsubscribe = await pubsub.subscribe(reloadChannel, quietly, quietly);
  }

  /** Reloads here, then tells the other replicas (they read the same files: a ConfigMap). */
  async reloadEverywhere(pubsub: PubSub | null): Promise<ReloadOutcome> {
    const outcome = this.reload();
    await pubsub?.publish(reloadChannel, '');
    return outcome;
  }

  /** Called after every reload attempt, with its outcome or its error (tests wait on it). */
  onReload(listener: (outcome: ReloadOutcome | SlipwayError) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearTimeout(this.#pending);
    for (const w of this.#watchers) w.close();
    this.#watchers = [];
    this.#listeners.clear();
  }

  #schedule(): void {
    clearTimeout(this.#pending);
    this.#pending = setTimeout(() => this.#quietReload(), settleMs);
    this.#pending.unref();
  }

  /** A reload nobody waits on: its error is kept in state.lastError and logged. */
  #quietReload(): void {
    try {
      this.reload();
    } catch {
      // Kept and logged by reload.
    }
  }

  #tell<T extends ReloadOutcome | SlipwayError>(outcome: T): T {
    for (const listener of this.#listeners) listener(outcome);
    return outcome;
  }

  /** A digest of the files' bytes; a file that cannot be read counts as changed (load says why). */
  #contentDigest(): string {
    const hash = createHash('sha256');
    for (const file of this.#files) {
      try {
        hash.update(file).update('\0').update(readFileSync(file)).update('\0');
      } catch {
        hash.update(`${file}\0unreadable\0${randomUUID()}`);
      }
    }
    return hash.digest('hex');
  }
}

function asSlipwayError(error: unknown): SlipwayError {
  if (error instanceof SlipwayError) return error;
  return new SlipwayError('invalid_config', (error as Error).message);
}
