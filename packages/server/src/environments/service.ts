import {
  alreadyExists,
  conflict,
  defaultNamespaceName,
  type EnvironmentDefaults,
  type EnvironmentType,
  environmentNamespaceObjects,
  type GitOpsSettings,
  gitOpsIssues,
  invalidInput,
  notFound,
  type PauseSchedule,
  SlipwayError,
  validatePauseSchedule,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import { checkLocationTarget, type LocationAllowList } from '../catalog/url-policy.ts';
import { type ClusterConnection, type ClusterRegistry, defaultClusterName } from '../clusters/registry.ts';
import type { Schema } from '../db/schema.ts';
import { findClusterByName, getClusterById } from '../db/stores/clusters.ts';
import { requireEnvironmentType } from '../db/stores/environment-types.ts';
import {
  createEnvironment,
  discardEnvironment,
  type EnvironmentOrigin,
  type EnvironmentRecord,
  type EnvironmentSettings,
  getEnvironmentByName,
  listEnvironments,
  markScheduleApplied,
  transitionEnvironment,
  updateEnvironment,
} from '../db/stores/environments.ts';
import { appliedReleases, currentReleases, endOpenReleases } from '../db/stores/releases.ts';
import { deleteEnvironmentSecretVariables } from '../db/stores/secret-variables.ts';
import { serviceNames } from '../db/stores/services.ts';
import type { DeployService } from '../deploy/service.ts';
import type { DeployEngine } from '../engine/engine.ts';
import { httpRouteApi, RawObjectApi } from '../kube/raw-object-api.ts';
import { removeEnvironmentObjects } from './cleanup.ts';
import { type PauseSummary, pauseWorkloads, resumeWorkloads } from './pause.ts';

type ScheduleInput = Omit<PauseSchedule, 'timezone'> & { timezone?: string | undefined };

/** What a person says when making an environment; everything else has a default. */
export interface EnvironmentInput {
  name: string;
  type: string;
  cluster?: string | undefined;
  namespace?: string | undefined;
  domain?: string | undefined;
  routeKind?: 'Ingress' | 'HTTPRoute' | undefined;
  ingressClassName?: string | undefined;
  gateway?: { name: string; namespace?: string } | undefined;
  defaults?: Partial<EnvironmentDefaults> | undefined;
  schedule?: ScheduleInput | null | undefined;
  /** Seconds until it is deleted; the type's TTL when left out, none when 0. */
  ttlSeconds?: number | undefined;
  /** The owning team; null or left out: shared, the platform's. */
  owner?: string | null | undefined;
  /** GitOps mode: releases are committed to this repository for a GitOps tool to apply. */
  gitops?: GitOpsSettings | undefined;
}

export interface CloneInput extends Partial<Omit<EnvironmentInput, 'name'>> {
  name: string;
  /** Images replacing those of the source's releases, by service name. */
  images?: Record<string, string> | undefined;
  origin?: EnvironmentOrigin | undefined;
}

export interface EnvironmentServiceDeps {
  db: Kysely<Schema>;
  clusters: ClusterRegistry;
  deployments: DeployService;
  engine: DeployEngine | null;
  namespacePrefix: string;
  /** What a GitOps repository may be (the catalog's allow-list); checked when settings are saved. */
  gitopsAllow?: LocationAllowList;
  now?: () => Date;
  log?: { warn(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
}

/**
 * The life of environments: made on a cluster with their namespace, quota and limits; cloned
 * with their services; paused and resumed; deleted with everything in them (their releases
 * stay, as history). Each step leaves nothing half-made: a create the cluster refuses stores
 * nothing, a clone that cannot deploy a service is taken down again.
 */
export class EnvironmentService {
  readonly #deps: EnvironmentServiceDeps;
  readonly #now: () => Date;
  /** Deletions under way in this process, so two passes never clean up one environment at once. */
  readonly #deleting = new Map<string, Promise<boolean>>();

  constructor(deps: EnvironmentServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  async create(input: EnvironmentInput, actor: string, origin?: EnvironmentOrigin): Promise<EnvironmentRecord> {
    const { db } = this.#deps;
    await this.#refuseDuplicate(input.name);
    const type = await requireEnvironmentType(db, input.type);
    const clusterId = await this.#clusterId(input.cluster);
    const connection = await this.#connect(clusterId);
    const schedule = this.#schedule(input.schedule);
    const namespace = input.namespace ?? defaultNamespaceName(this.#deps.namespacePrefix, input.name);
    const settings = await this.#settings(input, connection);
    const nsObjects = environmentNamespaceObjects({ environment: input.name, namespace, type });
    // Only the Namespace can be dry-run before it exists; its quota and limits follow it for real.
    await connection.applier.apply(
      nsObjects.filter((o) => o.kind === 'Namespace'),
      { dryRun: true },
    );
    const ttl = input.ttlSeconds ?? type.ttlSeconds ?? 0;
    const environment = await createEnvironment(db, {
      name: input.name,
      type: type.name,
      namespace,
      clusterId,
      createdBy: actor,
      ownerTeam: input.owner ?? null,
      settings,
      origin: origin ?? null,
      schedule,
      expiresAt: ttl > 0 ? new Date(this.#now().getTime() + ttl * 1000) : null,
      now: this.#now(),
    });
    try {
      await connection.applier.apply(nsObjects);
    } catch (error) {
      await removeEnvironmentObjects(connection.applier, namespace, []).catch(() => {});
      await discardEnvironment(db, environment.id);
      throw error;
    }
    return environment;
  }

  /**
   * Changes an environment's settings (each one given replaces the stored one). Its cluster
   * and namespace are where its objects are: changing them would strand them, so it is refused.
   */
  async update(input: EnvironmentInput): Promise<EnvironmentRecord> {
    const current = await getEnvironmentByName(this.#deps.db, input.name);
    if (input.namespace && input.namespace !== current.namespace) {
      throw invalidInput('The namespace of an environment cannot change', [
        { path: '/namespace', message: `it is ${current.namespace}` },
      ]);
    }
    const clusterId = input.cluster === undefined ? current.clusterId : await this.#clusterId(input.cluster);
    if (clusterId !== current.clusterId) {
      throw invalidInput('The cluster of an environment cannot change', [
        { path: '/cluster', message: 'clone it onto the other cluster instead' },
      ]);
    }
    const type = await requireEnvironmentType(this.#deps.db, input.type);
    const connection = await this.#connect(clusterId);
    const settings = await this.#settings(input, connection);
    const schedule = input.schedule === undefined ? undefined : this.#schedule(input.schedule);
    await connection.applier.apply(
      environmentNamespaceObjects({ environment: current.name, namespace: current.namespace, type }),
    );
    return updateEnvironment(this.#deps.db, current.id, {
      type: type.name,
      settings,
      ...(schedule !== undefined ? { schedule } : {}),
      ...(input.ttlSeconds !== undefined
        ? { expiresAt: input.ttlSeconds > 0 ? new Date(this.#now().getTime() + input.ttlSeconds * 1000) : null }
        : {}),
      now: this.#now(),
    });
  }

  /**
   * After a type changed: every live environment of it gets the type's quota and limits now
   * (its defaults apply at the next release by themselves). Returns the names it updated.
   */
  async applyType(type: EnvironmentType): Promise<string[]> {
    const updated: string[] = [];
    for (const environment of await listEnvironments(this.#deps.db, { status: ['active', 'paused'] })) {
      if (environment.type !== type.name) continue;
      const connection = await this.#connect(environment.clusterId);
      await connection.applier.apply(
        environmentNamespaceObjects({ environment: environment.name, namespace: environment.namespace, type }),
      );
      updated.push(environment.name);
    }
    return updated;
  }

  /**
   * A new environment with the services of another: each one's current release rendered
   * again for the new environment (its namespace, its type's defaults), images replaced
   * where asked. If any service cannot be deployed there, the new environment is removed.
   */
  async clone(
    sourceName: string,
    input: CloneInput,
    actor: string,
  ): Promise<{ environment: EnvironmentRecord; releases: number; warnings: string[] }> {
    const source = await getEnvironmentByName(this.#deps.db, sourceName).catch((error) => {
      if (error instanceof SlipwayError && error.code === 'not_found') {
        throw notFound(`Environment ${sourceName}`, 'Clone an environment that exists: slipway env list');
      }
      throw error;
    });
    const releases = await currentReleases(this.#deps.db, source.id);
    const names = await serviceNames(
      this.#deps.db,
      releases.map((r) => r.serviceId),
    );
    const unknownImages = Object.keys(input.images ?? {}).filter((s) => ![...names.values()].includes(s));
    if (unknownImages.length) {
      throw invalidInput(
        `${sourceName} runs no service named ${unknownImages.join(', ')}`,
        unknownImages.map((s) => ({ path: `/images/${s}`, message: 'not a service of the source environment' })),
      );
    }
    const environment = await this.create(
      {
        name: input.name,
        type: input.type ?? source.type,
        cluster: input.cluster ?? (await this.#clusterName(source.clusterId)),
        namespace: input.namespace,
        domain: input.domain ?? source.settings.domain,
        routeKind: input.routeKind ?? source.settings.routeKind,
        ingressClassName: input.ingressClassName ?? source.settings.ingressClassName,
        gateway: input.gateway ?? source.settings.gateway,
        defaults: { ...source.settings.overrides, ...input.defaults },
        schedule: input.schedule === undefined ? source.schedule : input.schedule,
        ttlSeconds: input.ttlSeconds,
        owner: input.owner === undefined ? source.ownerTeam : input.owner,
      },
      actor,
      input.origin ?? { kind: 'clone', from: source.name },
    );
    const warnings: string[] = [];
    try {
      for (const release of releases) {
        const service = names.get(release.serviceId) ?? '';
        const outcome = await this.#deps.deployments.redeploy(release, environment, actor, {
          image: input.images?.[service],
          reason: `Cloned from ${source.name} release #${release.number}`,
        });
        warnings.push(...outcome.warnings);
      }
    } catch (error) {
      await this.#discard(environment);
      throw error;
    }
    return { environment, releases: releases.length, warnings };
  }

  async pause(name: string): Promise<{ environment: EnvironmentRecord; summary: PauseSummary }> {
    const current = await getEnvironmentByName(this.#deps.db, name);
    if (current.status === 'paused') return { environment: current, summary: { scaledDown: 0, suspended: 0 } };
    this.#mustBeLive(current);
    const connection = await this.#connect(current.clusterId);
    const summary = await pauseWorkloads(connection.applier, current.namespace);
    const environment = await transitionEnvironment(this.#deps.db, current.id, ['active'], 'paused', this.#now());
    if (!environment) throw conflict(`Environment ${name} changed while it was being paused; try again`);
    // A person's pause stands until the schedule's next firing after it.
    await markScheduleApplied(this.#deps.db, current.id, this.#now());
    return { environment, summary };
  }

  async resume(name: string): Promise<{ environment: EnvironmentRecord; summary: PauseSummary }> {
    const current = await getEnvironmentByName(this.#deps.db, name);
    if (current.status === 'active') return { environment: current, summary: { scaledDown: 0, suspended: 0 } };
    this.#mustBeLive(current);
    const connection = await this.#connect(current.clusterId);
    const summary = await resumeWorkloads(connection.applier, current.namespace);
    const environment = await transitionEnvironment(this.#deps.db, current.id, ['paused'], 'active', this.#now());
    if (!environment) throw conflict(`Environment ${name} changed while it was being resumed; try again`);
    await markScheduleApplied(this.#deps.db, current.id, this.#now());
    return { environment, summary };
  }

  /**
   * Marks an environment for deletion and starts removing it; `finishDeletion` (also run by
   * the controller, after a restart) does the rest. Its releases stay, as history.
   */
  async delete(name: string): Promise<EnvironmentRecord> {
    const current = await getEnvironmentByName(this.#deps.db, name);
    if (current.status === 'deleting') return current;
    const marked = await transitionEnvironment(
      this.#deps.db,
      current.id,
      ['active', 'paused'],
      'deleting',
      this.#now(),
    );
    if (!marked) throw conflict(`Environment ${name} changed while it was being deleted; try again`);
    void this.finishDeletion(marked).catch((error) =>
      this.#deps.log?.warn({ err: error, environment: name }, 'deleting the environment failed; will retry'),
    );
    return marked;
  }

  /** Removes a deleting environment's objects and namespace; true once it is all gone. */
  finishDeletion(environment: EnvironmentRecord): Promise<boolean> {
    let running = this.#deleting.get(environment.id);
    if (!running) {
      running = this.#finishDeletion(environment).finally(() => this.#deleting.delete(environment.id));
      this.#deleting.set(environment.id, running);
    }
    return running;
  }

  async #finishDeletion(environment: EnvironmentRecord): Promise<boolean> {
    const { db } = this.#deps;
    await this.#deps.engine?.cancelEnvironment(environment.id);
    await endOpenReleases(db, environment.id, 'The environment was deleted', this.#now());
    const connection = await this.#connect(environment.clusterId);
    const { namespaceGone } = await removeEnvironmentObjects(
      connection.applier,
      environment.namespace,
      await appliedReleases(db, environment.id),
    );
    if (!namespaceGone) return false;
    await transitionEnvironment(db, environment.id, ['deleting'], 'deleted', this.#now());
    // Its own secret variables have nothing left to serve; a later environment of the name starts clean.
    await deleteEnvironmentSecretVariables(db, environment.id);
    this.#deps.log?.info({ environment: environment.name }, 'environment deleted');
    return true;
  }

  /** Takes down an environment made moments ago whose making failed: no trace is kept. */
  async #discard(environment: EnvironmentRecord): Promise<void> {
    const { db } = this.#deps;
    await transitionEnvironment(db, environment.id, ['active', 'paused'], 'deleting', this.#now());
    await this.#deps.engine?.cancelEnvironment(environment.id);
    await endOpenReleases(db, environment.id, 'The clone failed', this.#now());
    const connection = await this.#connect(environment.clusterId);
    await removeEnvironmentObjects(
      connection.applier,
      environment.namespace,
      await appliedReleases(db, environment.id),
    );
    await discardEnvironment(db, environment.id);
  }

  async #refuseDuplicate(name: string): Promise<void> {
    const existing = await getEnvironmentByName(this.#deps.db, name).catch(() => undefined);
    if (existing)
      throw alreadyExists(
        `An environment named ${name} already exists`,
        'Pick another name, or delete that one first.',
      );
  }

  #mustBeLive(environment: EnvironmentRecord): void {
    if (environment.status === 'deleting' || environment.status === 'deleted') {
      throw new SlipwayError('environment_deleting', `Environment ${environment.name} is being deleted`);
    }
  }

  #schedule(given: ScheduleInput | null | undefined): PauseSchedule | null {
    if (!given) return null;
    const schedule = { ...given, timezone: given.timezone ?? 'UTC' };
    const issues = validatePauseSchedule(schedule);
    if (issues.length) throw invalidInput('The pause schedule is not valid', issues);
    return schedule;
  }

  async #clusterId(name: string | undefined): Promise<string | null> {
    if (name === undefined || name === defaultClusterName) {
      if (!this.#deps.clusters.hasDefault) {
        throw invalidInput('Name the cluster the environment lives on', [
          { path: '/cluster', message: 'Slipway has no cluster of its own configured; pick a registered one' },
        ]);
      }
      return null;
    }
    const found = await findClusterByName(this.#deps.db, name);
    if (!found) {
      throw invalidInput(`There is no cluster named ${name}`, [
        { path: '/cluster', message: 'register it first: slipway cluster add NAME --kubeconfig FILE' },
      ]);
    }
    return found.id;
  }

  async #clusterName(id: string | null): Promise<string> {
    return id ? (await getClusterById(this.#deps.db, id)).name : defaultClusterName;
  }

  /** Every problem of GitOps settings at once, the repository judged as template remotes are. */
  async #checkGitOps(gitops: GitOpsSettings): Promise<void> {
    const issues = gitOpsIssues(gitops, '/gitops');
    const allow = this.#deps.gitopsAllow;
    if (allow) {
      await checkLocationTarget('git', gitops.repository, allow).catch((error: unknown) => {
        const why = error instanceof SlipwayError ? (error.fields?.[0]?.message ?? error.message) : String(error);
        issues.unshift({ path: '/gitops/repository', message: why });
      });
    }
    const [first] = issues;
    if (first) throw invalidInput(`The GitOps ${first.path.split('/').at(-1)} is refused: ${first.message}`, issues);
  }

  #connect(clusterId: string | null): Promise<ClusterConnection> {
    return this.#deps.clusters.connect(clusterId);
  }

  async #settings(input: EnvironmentInput, connection: ClusterConnection): Promise<EnvironmentSettings> {
    if (input.gitops) await this.#checkGitOps(input.gitops);
    return {
      ...(input.gitops ? { gitops: input.gitops } : {}),
      routeKind: input.routeKind ?? (await defaultRouteKind(connection, input)),
      ...(input.domain ? { domain: input.domain } : {}),
      ...(input.ingressClassName ? { ingressClassName: input.ingressClassName } : {}),
      ...(input.gateway ? { gateway: input.gateway } : {}),
      overrides: input.defaults ?? {},
    };
  }
}

/**
 * Routes become HTTPRoutes when the environment names a Gateway and the cluster serves the
 * Gateway API, Ingresses otherwise. Naming a Gateway on a cluster without the Gateway API is
 * a mistake worth saying at once rather than at the first deploy.
 */
async function defaultRouteKind(
  connection: ClusterConnection,
  input: Pick<EnvironmentInput, 'gateway'>,
): Promise<'Ingress' | 'HTTPRoute'> {
  if (!input.gateway) return 'Ingress';
  if (await RawObjectApi.forConfig(connection.kube).serves(httpRouteApi.apiVersion, httpRouteApi.kind))
    return 'HTTPRoute';
  throw invalidInput(
    'The cluster does not serve the Gateway API, so routes cannot attach to a Gateway',
    [{ path: '/gateway', message: 'HTTPRoute (gateway.networking.k8s.io/v1) is not installed in the cluster' }],
    'Install the Gateway API CRDs and a controller, or leave gateway out to use Ingress.',
  );
}
