import type { Kysely } from 'kysely';
import type { KeyRing } from '../crypto/keyring.ts';
import type { Schema } from '../db/schema.ts';
import {
  type DriftCandidate,
  driftCandidates,
  lockStandingRelease,
  readDrift,
  writeDrift,
} from '../db/stores/drift.ts';
import { emitNotification } from '../db/stores/notifications.ts';
import { getRelease } from '../db/stores/releases.ts';
import type { ObjectApplier } from '../kube/apply.ts';
import { driftFoundNotification } from '../notifications/drift-events.ts';
import type { Clock } from '../util/clock.ts';
import { fingerprint, liveDrift, summarize } from './live.ts';

export interface DriftScannerDeps {
  db: Kysely<Schema>;
  /** The cluster access of an environment (the deploy service's). */
  applierFor: (environmentId: string) => Promise<ObjectApplier>;
  keyRing: KeyRing | null;
  now: Clock;
  /** Between passes; 0 turns the periodic scan off (a pass can still be asked for). */
  intervalMs: number;
  /** Before the first pass after start; default the interval, at most a minute. */
  firstPassMs?: number;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  /** A service's drift came or went: what reads `facts.drift` (scorecards) looks again. */
  onChanged?: (service: string) => void;
}

/** What one pass did, for the log and for tests. */
export interface ScanSummary {
  scanned: number;
  drifted: number;
  /** `drift.found` events written: drift not announced before. */
  announced: number;
  /** Releases whose cluster could not be read: left as they were, tried at the next pass. */
  unreachable: number;
}

/**
 * The periodic drift scan: every release standing in an active environment (the newest of its
 * pair to reach the cluster, once settled) is compared with its live objects. A drift not
 * announced before writes `drift.found` in the transaction that records it, so it is announced
 * once across replicas and restarts; a release found back in sync is announced again when it
 * drifts next. Runs on the leader only (leader/singletons.ts); one pass at a time.
 */
export class DriftScanner {
  readonly #deps: DriftScannerDeps;
  #timer: NodeJS.Timeout | undefined;
  #firstPass: NodeJS.Timeout | undefined;
  #running: Promise<ScanSummary> | undefined;

  constructor(deps: DriftScannerDeps) {
    this.#deps = deps;
  }

  start(): void {
    const every = this.#deps.intervalMs;
    if (every <= 0) return;
    const pass = () => void this.pass();
    this.#firstPass = setTimeout(pass, this.#deps.firstPassMs ?? Math.min(every, 60_000));
    this.#firstPass.unref();
    this.#timer = setInterval(pass, every);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#firstPass);
    clearInterval(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  /** One pass over every standing release; a pass already under way is joined rather than doubled. */
  pass(): Promise<ScanSummary> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #pass(): Promise<ScanSummary> {
    const summary: ScanSummary = { scanned: 0, drifted: 0, announced: 0, unreachable: 0 };
    let candidates: DriftCandidate[];
    try {
      candidates = await driftCandidates(this.#deps.db);
    } catch (error) {
      this.#deps.log.warn({ err: error }, 'drift scan: could not list the releases to scan');
      return summary;
    }
    for (const candidate of candidates) {
      try {
        const outcome = await this.#scan(candidate);
        if (outcome === 'unreachable') summary.unreachable++;
        else if (outcome !== 'moved on') {
          summary.scanned++;
          if (outcome !== 'in-sync') summary.drifted++;
          if (outcome === 'announced') summary.announced++;
        }
      } catch (error) {
        this.#deps.log.warn({ err: error, release: candidate.releaseId }, 'drift scan of a release failed');
      }
    }
    if (summary.drifted > 0 || summary.unreachable > 0) this.#deps.log.info({ ...summary }, 'drift scan');
    return summary;
  }

  async #scan(candidate: DriftCandidate): Promise<'in-sync' | 'drifted' | 'announced' | 'unreachable' | 'moved on'> {
    const { db, keyRing, now } = this.#deps;
    const release = await getRelease(db, candidate.releaseId);
    let drift: ReturnType<typeof summarize>;
    try {
      drift = summarize(await liveDrift(release, await this.#deps.applierFor(candidate.environmentId), keyRing));
    } catch (error) {
      this.#deps.log.warn({ err: error, release: release.id }, 'drift scan: could not read the live objects');
      return 'unreachable';
    }
    const status = drift.length > 0 ? ('drifted' as const) : ('in-sync' as const);
    const print = status === 'drifted' ? fingerprint(drift) : null;
    const at = now();
    const outcome = await db.transaction().execute(async (tx) => {
      if (!(await lockStandingRelease(tx, release))) return { result: 'moved on' as const, changed: false };
      const before = await readDrift(tx, release.id);
      const announce = print !== null && before?.announcedFingerprint !== print;
      if (announce) await emitNotification(tx, driftFoundNotification(release, drift, at));
      await writeDrift(tx, release.id, {
        status,
        fingerprint: print,
        objects: drift,
        checkedAt: at,
        announcedFingerprint: print === null ? null : announce ? print : (before?.announcedFingerprint ?? null),
      });
      return { result: announce ? ('announced' as const) : status, changed: (before?.status ?? 'in-sync') !== status };
    });
    if (outcome.changed) this.#deps.onChanged?.(candidate.service);
    return outcome.result;
  }
}
