import { apiVersion, invalidInput } from '@slipway/core';
import type { Kysely } from 'kysely';
import { type RepositoryFiles, syncLocationDocs } from '../catalog-docs/sync.ts';
import type { Schema } from '../db/schema.ts';
import {
  CatalogWrites,
  mergeSearchIndexes,
  type RefreshWrites,
  type StoredEntity,
} from '../db/stores/catalog-ingest.ts';
import {
  type CatalogLocationRow,
  getCatalogLocation,
  getCatalogLocationSummary,
  insertCatalogLocation,
  listCatalogLocations,
  listLocationErrors,
  locationsInConflictOver,
  markLocationChecked,
  markLocationFailed,
} from '../db/stores/catalog-locations.ts';
import { syncCatalogTeams } from '../db/stores/catalog-teams.ts';
import { gitCredentialEnv, type Integrations } from '../integrations/integrations.ts';
import { toCandidates } from './candidates.ts';
import type { CommitFiles } from './git.ts';
import { PhaseTimes } from './phase-times.ts';
import { repositoryKey } from './repository-url.ts';
import { readSnapshot } from './snapshot.ts';
import { checkLocationTarget, type LocationAllowList } from './url-policy.ts';
import { readUrlLocation } from './url-reader.ts';

export interface LocationInput {
  type: 'git' | 'url';
  target: string;
  ref?: string;
  paths?: string[];
}

/** How one refresh went. `unchanged`: the source was at the revision already read. */
export interface RefreshOutcome {
  locationId: string;
  result: 'refreshed' | 'unchanged' | 'failed';
  revision: string;
  writes?: RefreshWrites;
  message?: string;
}

export interface CatalogServiceDeps {
  db: Kysely<Schema>;
  /** Where git caches its shallow clones. */
  cacheDir: string;
  allow: LocationAllowList;
  /** 0 turns the schedule off. */
  refreshIntervalSeconds: number;
  /** Locations refreshed at once by refreshAll. */
  concurrency?: number;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  now?: () => Date;
  /** The operator's Git hosts: a private repository is read with its host's token. */
  integrations?: Integrations;
  /** Told, after a refresh or deletion committed (docs included), the Components it wrote or removed (scorecards). */
  onComponentsChanged?: (names: string[]) => void;
}

/**
 * The catalog's ingestion: locations are registered, read (git or url), and their entities
 * stored with relations and problems. Refreshes of one location never overlap; a refresh that
 * finds the source at the revision it read last writes nothing.
 */
export class CatalogService {
  /** Where ingestion's time goes, added up over every refresh (see PhaseTimes). */
  readonly phases = new PhaseTimes();
  readonly #deps: CatalogServiceDeps;
  readonly #now: () => Date;
  readonly #running = new Map<string, Promise<RefreshOutcome>>();
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<RefreshOutcome[]> | undefined;
  readonly #background = new Set<Promise<unknown>>();
  #teamsStale = false;
  readonly #writes: CatalogWrites;

  constructor(deps: CatalogServiceDeps) {
    this.#deps = deps;
    this.#writes = new CatalogWrites(deps.db);
    this.#now = deps.now ?? (() => new Date());
  }

  /** Registers a location and reads it at once; a source that cannot be read is kept, marked failed. */
  async registerLocation(input: LocationInput, actor: string) {
    const paths = checkPaths(input.paths ?? []);
    await checkLocationTarget(input.type, input.target, this.#deps.allow);
    const location = await insertCatalogLocation(this.#deps.db, {
      type: input.type,
      target: input.target,
      ref: input.ref ?? '',
      paths,
      createdBy: actor,
    });
    const outcome = await this.#join(location.id, () => this.#refresh(location, true));
    return { ...(await this.describeLocation(location.id)), outcome };
  }

  /** A location with its entity count and the problems of its last refresh. */
  async describeLocation(id: string) {
    const { location, entities } = await getCatalogLocationSummary(this.#deps.db, id);
    return { location, entities, errors: await listLocationErrors(this.#deps.db, id) };
  }

  listLocations(): Promise<CatalogLocationRow[]> {
    return listCatalogLocations(this.#deps.db);
  }

  /** Deletes a location with its entities; relations pointing at them now show as unresolved. */
  async deleteLocation(id: string): Promise<void> {
    const refs = await this.#writes.remove(id);
    this.#componentsChanged(refs);
    await this.#syncTeams();
    this.#inBackground(this.#retryConflicts(refs, id));
  }

  /** Refreshes one location; a refresh of it already under way is joined. */
  refreshLocation(id: string, options: { force?: boolean } = {}): Promise<RefreshOutcome> {
    return this.#join(id, async () =>
      this.#refresh(await getCatalogLocation(this.#deps.db, id), options.force ?? false),
    );
  }

  #join(id: string, start: () => Promise<RefreshOutcome>): Promise<RefreshOutcome> {
    const running = this.#running.get(id);
    if (running) return running;
    const refresh = start().finally(() => this.#running.delete(id));
    this.#running.set(id, refresh);
    return refresh;
  }

  /** Refreshes every location, a few at a time. */
  refreshAll(): Promise<RefreshOutcome[]> {
    this.#pass ??= this.#refreshAll().finally(() => {
      this.#pass = undefined;
    });
    return this.#pass;
  }

  /** Refreshes the locations reading the pushed repository and branch (from a push webhook). */
  async refreshRepository(push: { urls: string[]; ref: string; defaultBranch?: string }): Promise<RefreshOutcome[]> {
    const keys = new Set(push.urls.filter(Boolean).map(repositoryKey));
    const matching = (await this.listLocations()).filter(
      (l) => l.type === 'git' && keys.has(repositoryKey(l.target)) && refMatches(l.ref, push.ref, push.defaultBranch),
    );
    return Promise.all(matching.map((l) => this.refreshLocation(l.id)));
  }

  start(): void {
    const seconds = this.#deps.refreshIntervalSeconds;
    if (seconds <= 0) return;
    this.#timer = setInterval(() => void this.refreshAll(), seconds * 1000);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#pass;
    await this.settled();
  }

  /** Waits for refreshes under way, including conflict retries started in the background. */
  async settled(): Promise<void> {
    while (this.#running.size > 0 || this.#background.size > 0)
      await Promise.allSettled([...this.#running.values(), ...this.#background]);
  }

  // Not awaited by the refresh that started it: two locations retrying each other would wait forever.
  #inBackground(work: Promise<unknown>): void {
    const tracked = work
      .catch((error: unknown) => this.#deps.log.warn({ err: error }, 'catalog conflict retry failed'))
      .finally(() => this.#background.delete(tracked));
    this.#background.add(tracked);
  }

  async #refreshAll(): Promise<RefreshOutcome[]> {
    const queue = (await this.listLocations()).map((l) => l.id);
    const outcomes: RefreshOutcome[] = [];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) outcomes.push(await this.refreshLocation(id));
    };
    await Promise.all(Array.from({ length: Math.max(1, this.#deps.concurrency ?? 4) }, worker));
    return outcomes;
  }

  async #refresh(location: CatalogLocationRow, force: boolean): Promise<RefreshOutcome> {
    const { db } = this.#deps;
    const { id } = location;
    const retry = force || location.status === 'error';
    // The commit's files stay open for the docs, and are closed whatever happens.
    let files: CommitFiles | undefined;
    try {
      let outcome: RefreshOutcome;
      let entities: StoredEntity[];
      try {
        // Checked on every refresh too: the allow-list or the name's addresses may have changed.
        // Read from the addresses this check vetted, not from a new answer of DNS (rebinding).
        const pin = await checkLocationTarget(location.type, location.target, this.#deps.allow);
        const credentials =
          location.type === 'git' ? this.#deps.integrations?.gitCredentials(location.target) : undefined;
        const snapshot = await readSnapshot(location, {
          pin,
          ...(credentials ? { gitEnv: gitCredentialEnv(credentials) } : {}),
          cacheDir: this.#deps.cacheDir,
          allowFile: this.#deps.allow.allowFileUrls,
          knownRevision: location.revision,
          force: retry,
          phases: this.phases,
          fetchUrl: async (url) => {
            const vetted = await checkLocationTarget('url', url, this.#deps.allow);
            return (await readUrlLocation(url, { pin: vetted })).content;
          },
        });
        if (snapshot.unchanged) {
          await markLocationChecked(db, id, this.#now());
          return { locationId: id, result: 'unchanged', revision: snapshot.revision };
        }
        files = snapshot.files;
        const { candidates, problems } = await this.phases.time('validate', () =>
          toCandidates(snapshot.documents, location),
        );
        const applied = await this.phases.time('db_write', () =>
          this.#writes.refresh({
            locationId: id,
            revision: snapshot.revision,
            candidates,
            problems: [...snapshot.problems, ...problems],
            now: this.#now(),
          }),
        );
        entities = applied.entities;
        outcome = { locationId: id, result: 'refreshed', revision: snapshot.revision, writes: applied.writes };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.#deps.log.warn({ location: id, target: location.target, err: message }, 'catalog location refresh failed');
        await markLocationFailed(db, id, message, this.#now());
        return { locationId: id, result: 'failed', revision: location.revision, message };
      }
      const read = files;
      if (read) await this.phases.time('docs', () => this.#syncDocs(id, entities, read));
      const deleted = outcome.writes?.deleted ?? [];
      this.#componentsChanged([...entities.map((e) => e.candidate.ref), ...deleted]);
      if (this.#teamsStale || [...entities.map((e) => e.candidate.ref), ...deleted].some(isTeamRef))
        await this.phases.time('teams', () => this.#syncTeams());
      if (deleted.length > 0) this.#inBackground(this.#retryConflicts(deleted, id));
      return outcome;
    } finally {
      files?.close();
    }
  }

  /** Entity docs from the commit just read, through the same cached clone; a failure leaves the entities be. */
  async #syncDocs(locationId: string, entities: StoredEntity[], files: RepositoryFiles): Promise<void> {
    const { db, log } = this.#deps;
    try {
      const result = await syncLocationDocs(db, {
        entities: entities.map(({ id, candidate: c, created }) => ({
          id,
          ref: c.ref,
          kind: c.columns.kind,
          entity: c.entity as unknown as Record<string, unknown>,
          sourcePath: c.sourcePath,
          created,
        })),
        files,
        apiBase: `/api/${apiVersion}`,
        now: this.#now(),
      });
      if (result.written > 0) await mergeSearchIndexes(db, ['catalog_docs_search_idx']);
      if (result.skipped.length > 0)
        log.warn({ location: locationId, skipped: result.skipped }, 'docs pages over 1 MiB skipped');
    } catch (error) {
      log.warn(
        { location: locationId, err: error instanceof Error ? error.message : String(error) },
        'catalog docs sync failed',
      );
    }
  }

  #componentsChanged(refs: readonly string[]): void {
    const prefix = 'component:default/';
    const names = refs.filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
    if (names.length > 0) this.#deps.onComponentsChanged?.(names);
  }

  /**
   * Teams from the Groups, once the refresh has committed; a failure is logged and retried by
   * the next refresh. Refreshes run it when they read or removed Groups or Users (the only
   * entities teams are made from), or when the last one failed.
   */
  async #syncTeams(): Promise<void> {
    try {
      this.#teamsStale = false;
      const result = await syncCatalogTeams(this.#deps.db);
      if (result.membershipsAdded + result.membershipsRemoved + result.teamsRemoved.length > 0)
        this.#deps.log.info(result, 'catalog teams synced');
    } catch (error) {
      this.#teamsStale = true;
      this.#deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'catalog teams sync failed');
    }
  }

  /** Locations that lost a reference to a conflict get it once its owner lets go of it. */
  async #retryConflicts(refs: string[], except: string): Promise<void> {
    const waiting = await locationsInConflictOver(this.#deps.db, refs, except);
    for (const id of waiting) await this.refreshLocation(id, { force: true });
  }
}

/** Teams are made from Groups and their members (Users): other kinds never change them. */
function isTeamRef(ref: string): boolean {
  return ref.startsWith('group:') || ref.startsWith('user:');
}

function refMatches(locationRef: string, pushed: string, defaultBranch: string | undefined): boolean {
  if (!locationRef) return defaultBranch === undefined || pushed === `refs/heads/${defaultBranch}`;
  return pushed === `refs/heads/${locationRef}` || pushed === `refs/tags/${locationRef}` || pushed === locationRef;
}

function checkPaths(paths: string[]): string[] {
  paths.forEach((p, i) => {
    if (!p || p.startsWith('/') || p.split('/').includes('..'))
      throw invalidInput('A location path must be a relative path or glob inside the repository', [
        { path: `/paths/${i}`, message: 'must be relative and stay inside the repository' },
      ]);
  });
  return paths;
}
