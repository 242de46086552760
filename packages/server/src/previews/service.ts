import {
  alreadyExists,
  expandImageTemplate,
  type PullRequestEvent,
  previewAction,
  previewEnvironmentName,
  SlipwayError,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { type EnvironmentRecord, getEnvironmentByName } from '../db/stores/environments.ts';
import { claimPullRequest, releasePullRequest } from '../db/stores/preview-pull-requests.ts';
import { findPreviewSourceByRepository, type PreviewSource } from '../db/stores/preview-sources.ts';
import {
  currentReleases,
  finishedStatuses,
  getRelease,
  type ReleaseRecord,
  releaseIdsOf,
} from '../db/stores/releases.ts';
import { serviceNames } from '../db/stores/services.ts';
import type { DeployService } from '../deploy/service.ts';
import type { EnvironmentService } from '../environments/service.ts';
import type { GitHubStatuses } from './github-status.ts';

export interface PreviewOutcome {
  result: 'created' | 'updated' | 'deleted' | 'ignored';
  environment?: string;
  releases?: string[];
  message: string;
}

interface Deps {
  db: Kysely<Schema>;
  environments: EnvironmentService;
  deployments: DeployService;
  statuses: GitHubStatuses | null;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  /** Where people see an environment; for the link on the commit status. */
  publicUrl?: string;
}

/**
 * Preview environments per pull request. Opening (or reopening) one clones the source's base
 * environment as `pr-N`, with the images the pull request's commit was built as; a new commit
 * redeploys those services with the new images; closing it deletes the environment (so does
 * its time-to-live). The pull request's commit gets a status when a GitHub token is set.
 */
export class PreviewService {
  constructor(private readonly deps: Deps) {}

  async handle(event: PullRequestEvent, actor = 'github'): Promise<PreviewOutcome> {
    const what = previewAction(event.action);
    if (what === 'ignore') return { result: 'ignored', message: `pull_request ${event.action} needs nothing` };
    const source = await findPreviewSourceByRepository(this.deps.db, event.repository);
    if (!source) return { result: 'ignored', message: `No preview source is set up for ${event.repository}` };
    const name = previewEnvironmentName(source.namePattern, event);
    // A replayed event (a new delivery id, the pull request's old state) is acknowledged, not acted on.
    const claim = await claimPullRequest(this.deps.db, event, what === 'destroy');
    if (!claim.claimed)
      return { result: 'ignored', environment: name, message: `${claim.reason}; acknowledged, nothing done` };
    try {
      return await this.#act(what, name, source, event, actor);
    } catch (error) {
      await releasePullRequest(this.deps.db, event, claim.previous);
      throw error;
    }
  }

  async #act(
    what: 'upsert' | 'destroy',
    name: string,
    source: PreviewSource,
    event: PullRequestEvent,
    actor: string,
  ): Promise<PreviewOutcome> {
    const existing = await getEnvironmentByName(this.deps.db, name).catch(() => undefined);
    if (existing) this.#mustBeOurs(existing, source, event);
    if (what === 'destroy') {
      if (!existing) return { result: 'ignored', environment: name, message: `${name} does not exist` };
      await this.deps.environments.delete(name);
      return { result: 'deleted', environment: name, message: `Deleting ${name}` };
    }
    const outcome = existing
      ? await this.#update(existing, source, event, actor)
      : await this.#create(name, source, event, actor);
    void this.#report(event, outcome);
    return outcome;
  }

  async #create(name: string, source: PreviewSource, event: PullRequestEvent, actor: string): Promise<PreviewOutcome> {
    const { environment } = await this.deps.environments.clone(
      source.baseEnvironment,
      {
        name,
        type: source.environmentType,
        images: this.#images(source, event),
        ...(source.ttlSeconds !== undefined ? { ttlSeconds: source.ttlSeconds } : {}),
        origin: this.#origin(source, event),
      },
      actor,
    );
    const releases = await this.#releaseIds(environment);
    return {
      result: 'created',
      environment: name,
      releases,
      message: `Created ${name} from ${source.baseEnvironment}`,
    };
  }

  /** A new commit: the services the source builds get the commit's images; the rest stay. */
  async #update(
    environment: EnvironmentRecord,
    source: PreviewSource,
    event: PullRequestEvent,
    actor: string,
  ): Promise<PreviewOutcome> {
    if (environment.status === 'paused') await this.deps.environments.resume(environment.name);
    const images = this.#images(source, event);
    const running = await currentReleases(this.deps.db, environment.id);
    const names = await serviceNames(
      this.deps.db,
      running.map((r) => r.serviceId),
    );
    const releases: string[] = [];
    for (const release of running) {
      const image = images[names.get(release.serviceId) ?? ''];
      if (!image || image === release.inputs.image) continue;
      const { release: next } = await this.deps.deployments.redeploy(release, environment, actor, {
        image,
        commit: event.headSha,
        reason: `Pull request #${event.number} at ${event.headSha.slice(0, 7)}`,
      });
      releases.push(next.id);
    }
    return {
      result: 'updated',
      environment: environment.name,
      releases,
      message: `Updated ${environment.name} to ${event.headSha.slice(0, 7)}`,
    };
  }

  #images(source: PreviewSource, event: PullRequestEvent): Record<string, string> {
    return Object.fromEntries(
      Object.entries(source.images).map(([service, t]) => [service, expandImageTemplate(t, event)]),
    );
  }

  #origin(source: PreviewSource, event: PullRequestEvent) {
    return {
      kind: 'preview' as const,
      source: source.name,
      repository: event.repository,
      number: event.number,
      headSha: event.headSha,
      url: event.htmlUrl,
      base: source.baseEnvironment,
    };
  }

  /** An environment of that name made by hand, or for another pull request, is never touched. */
  #mustBeOurs(environment: EnvironmentRecord, source: PreviewSource, event: PullRequestEvent): void {
    const origin = environment.origin;
    if (
      origin?.kind === 'preview' &&
      origin.repository.toLowerCase() === event.repository.toLowerCase() &&
      origin.number === event.number
    )
      return;
    throw alreadyExists(
      `Environment ${environment.name} exists and is not the preview of ${event.repository}#${event.number}`,
      `Change the name pattern of preview source ${source.name}, or rename that environment.`,
    );
  }

  async #releaseIds(environment: EnvironmentRecord): Promise<string[]> {
    return releaseIdsOf(this.deps.db, environment.id);
  }

  /** Pending now, then success or failure once every release of the change has finished. */
  async #report(event: PullRequestEvent, outcome: PreviewOutcome): Promise<void> {
    const statuses = this.deps.statuses;
    if (!statuses || !outcome.releases?.length) return;
    const targetUrl = this.deps.publicUrl ? `${this.deps.publicUrl}/environments/${outcome.environment}` : undefined;
    const base = { repository: event.repository, sha: event.headSha, targetUrl };
    await statuses.send({ ...base, state: 'pending', description: `Deploying preview ${outcome.environment}` });
    try {
      const finished = await settle(this.deps.db, outcome.releases);
      const failed = finished.filter((r) => r.status !== 'healthy');
      await statuses.send({
        ...base,
        state: failed.length ? 'failure' : 'success',
        description: failed.length
          ? `Preview ${outcome.environment}: ${failed.length} of ${finished.length} services did not become healthy`
          : `Preview ${outcome.environment} is healthy`,
      });
    } catch (error) {
      this.deps.log.warn({ err: error, environment: outcome.environment }, 'following the preview failed');
      await statuses.send({ ...base, state: 'error', description: 'Slipway lost track of the preview' });
    }
  }
}

/** Waits (polling the stored state, which every replica shares) until the releases finish. */
async function settle(db: Kysely<Schema>, ids: readonly string[], timeoutMs = 30 * 60_000): Promise<ReleaseRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const releases = await Promise.all(ids.map((id) => getRelease(db, id)));
    if (releases.every((r) => finishedStatuses.includes(r.status))) return releases;
    if (Date.now() > deadline) throw new SlipwayError('timeout', 'The preview did not settle in time');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
