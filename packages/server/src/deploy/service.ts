import {
  diffReleases,
  invalidInput,
  type NetworkSettings,
  type Provisioner,
  type ReleaseDiff,
  type ScoreWorkload,
  SlipwayError,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import type { ClusterRegistry } from '../clusters/registry.ts';
import type { KeyRing } from '../crypto/keyring.ts';
import { openReleaseSecrets, sealReleaseSecrets } from '../crypto/release-secrets.ts';
import type { Schema } from '../db/schema.ts';
import { recordApproval } from '../db/stores/approvals.ts';
import { findEnvironmentType } from '../db/stores/environment-types.ts';
import {
  type EnvironmentRecord,
  getEnvironmentById,
  getEnvironmentByName,
  listEnvironments,
} from '../db/stores/environments.ts';
import {
  advanceRelease,
  createRelease,
  getRelease,
  getReleaseByNumber,
  lastApplied,
  type ReleaseInputs,
  type ReleaseRecord,
} from '../db/stores/releases.ts';
import { ensureService, getServiceByName } from '../db/stores/services.ts';
import type { DeployEngine } from '../engine/engine.ts';
import type { ObjectApplier } from '../kube/apply.ts';
import { approvalDeadline, checkFreezes, checkPolicies } from './guardrails.ts';
import { type DeployInput, planRelease } from './plan.ts';

export interface DeployRequest extends Omit<DeployInput, 'environment'> {
  environment: string;
  commit?: string | undefined;
  reason?: string | undefined;
  autoRollback?: boolean | undefined;
  /** The team a service deployed for the first time gets as its owner; null: the platform's. */
  owner?: string | null | undefined;
}

/** The secret variables of a service in an environment, opened (see secrets/service.ts). */
export interface SecretVariableSource {
  effective(service: string, environmentId: string): Promise<Record<string, string>>;
}

export interface ClusterSide {
  engine: DeployEngine;
  clusters: ClusterRegistry;
}

/** A release as stored, with what the person who asked for it should also know. */
export interface DeployOutcome {
  release: ReleaseRecord;
  warnings: string[];
}

export interface PromoteRequest {
  service: string;
  from: string;
  to: string;
  /** The release number in `from`; its newest healthy one when left out. */
  number?: number | undefined;
  reason?: string | undefined;
  /** Only show what would change. */
  dryRun?: boolean | undefined;
}

export interface PromotionPlan {
  source: ReleaseRecord;
  /** The release in `to` it would replace, if any. */
  current: ReleaseRecord | null;
  diff: ReleaseDiff;
}

/**
 * What the API does for a deploy, a promotion or a rollback: decide everything up front (a
 * bad Score file, an unknown resource type, a policy broken, a freeze, an object the API
 * server refuses is answered at once, and nothing is stored or applied), store the release —
 * desired state before the cluster is touched — and wake the engine, which applies it.
 * Releases to environments whose type requires approval wait for a second person.
 */
export class DeployService {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly cluster: ClusterSide | null,
    private readonly platform: {
      provisioners: readonly Provisioner[];
      seed: string;
      keyRing?: KeyRing | null;
      /** Where `${secrets.NAME}` reads from: the values in effect for a service in an environment. */
      secretVariables?: SecretVariableSource | null;
      /** Where ingress controllers run, for the NetworkPolicies of routed workloads. */
      network?: NetworkSettings;
    },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async deploy(request: DeployRequest, actor: string): Promise<DeployOutcome> {
    const environment = await this.#deployable(request.environment, '/environment');
    const inputs: ReleaseInputs = {
      ...(request.image ? { image: request.image } : {}),
      ...(request.files ? { files: request.files } : {}),
    };
    return this.#release(environment, request.workload, inputs, actor, {
      service: request.service,
      commit: request.commit ?? null,
      reason: request.reason ?? null,
      autoRollback: request.autoRollback ?? true,
      owner: request.owner ?? null,
    });
  }

  /**
   * Deploys the exact release of one environment to another: the same workload, image and
   * files, rendered for the target (its namespace, defaults, resources). Only a release that
   * became healthy is promoted. With dryRun, only the diff against the target is returned.
   */
  async promote(request: PromoteRequest, actor: string): Promise<PromotionPlan & Partial<DeployOutcome>> {
    const service = await getServiceByName(this.db, request.service).catch(() => {
      throw invalidInput(`There is no service named ${request.service}`, [{ path: '/service', message: 'unknown' }]);
    });
    const from = await this.#existing(request.from, '/from');
    const to = await this.#deployable(request.to, '/to');
    if (from.id === to.id) {
      throw invalidInput('A release is promoted to another environment', [{ path: '/to', message: 'same as from' }]);
    }
    const source = await this.#promotable(service.id, from, request.number);
    const current = (await lastApplied(this.db, service.id, to.id)) ?? null;
    const plan = await planRelease(
      { workload: source.workload, environment: to.context, service: service.name, ...source.inputs },
      await this.#platformFor(to),
    );
    const diff = diffReleases(openReleaseSecrets(this.#keyRing, current?.objects ?? []), plan.objects);
    if (request.dryRun) return { source, current, diff };
    const outcome = await this.#release(to, source.workload, source.inputs, actor, {
      service: service.name,
      commit: source.commitSha,
      reason: request.reason ?? `Promotion of ${from.name} release #${source.number}`,
      autoRollback: true,
      promotedFrom: source.id,
    });
    return { source, current, diff, ...outcome };
  }

  /**
   * Renders a release of one environment again for another (clones and previews), under the
   * target's rules. `image` replaces the image the source was deployed with.
   */
  async redeploy(
    source: ReleaseRecord,
    target: EnvironmentRecord,
    actor: string,
    options: { image?: string | undefined; reason: string; commit?: string | null },
  ): Promise<DeployOutcome> {
    const service = await this.#serviceName(source.serviceId);
    const inputs = { ...source.inputs, ...(options.image ? { image: options.image } : {}) };
    return this.#release(target, source.workload, inputs, actor, {
      service,
      commit: options.commit ?? source.commitSha,
      reason: options.reason,
      autoRollback: true,
    });
  }

  /**
   * Deploys a release's workload again to its own environment, with the files it had and a new
   * image (or the same one): a new release, under the same freezes, policies and approvals as
   * any deploy there. The Score file need not be sent again.
   */
  async redeployRelease(
    sourceId: string,
    actor: string,
    options: { image?: string | undefined; commit?: string | undefined; reason?: string | undefined } = {},
  ): Promise<DeployOutcome> {
    const source = await getRelease(this.db, sourceId);
    const environment = await getEnvironmentById(this.db, source.environmentId);
    if (environment.deletedAt) throw new SlipwayError('conflict', `Environment ${environment.name} was deleted`);
    await this.#deployable(environment.name, '/environment');
    const image = options.image ?? source.image;
    return this.redeploy(source, environment, actor, {
      image: options.image,
      ...(options.commit ? { commit: options.commit } : {}),
      reason: options.reason ?? `Redeploy of release #${source.number}${image ? ` with ${image}` : ''}`,
    });
  }

  /**
   * A new release with the objects of an earlier one, exactly as they were rendered then.
   * Going back to a release that was healthy here needs no approval and passes freezes (it
   * restores a state that was already approved); anything else follows the type's rules.
   */
  async rollback(targetId: string, actor: string, reason?: string): Promise<DeployOutcome> {
    const cluster = this.#cluster();
    const target = await getRelease(this.db, targetId);
    if (!['healthy', 'degraded', 'progressing'].includes(target.status) || !target.startedAt) {
      throw new SlipwayError(
        'conflict',
        `Release #${target.number} never applied (it is ${target.status}: ${target.message}); roll back to one that did`,
      );
    }
    const environment = await getEnvironmentById(this.db, target.environmentId);
    if (environment.deletedAt) throw new SlipwayError('conflict', `Environment ${environment.name} was deleted`);
    const type = await findEnvironmentType(this.db, environment.type);
    const restoresApproved = target.status === 'healthy';
    const warnings = restoresApproved ? [] : await checkFreezes(this.db, environment, this.now());
    const release = await createRelease(this.db, {
      serviceId: target.serviceId,
      environmentId: target.environmentId,
      contentHash: target.contentHash,
      image: target.image,
      commitSha: target.commitSha,
      createdBy: actor,
      reason: reason ?? `Rollback to release #${target.number}`,
      workload: target.workload,
      objects: target.objects,
      inputs: target.inputs,
      rollbackOf: target.id,
      autoRollback: false,
      approvalExpiresAt: restoresApproved ? null : approvalDeadline(type, this.now()),
    });
    cluster.engine.changes.notify(release);
    if (release.status === 'queued') cluster.engine.wake();
    return { release, warnings };
  }

  /** A second person lets a release waiting for approval go ahead (if no freeze forbids it). */
  async approve(releaseId: string, actor: string, comment?: string): Promise<ReleaseRecord> {
    const release = await this.#pending(releaseId);
    if (release.createdBy === actor) {
      throw new SlipwayError('forbidden', `You asked for release #${release.number}; someone else must approve it`, {
        hint: 'Approvals take two people: ask a colleague to run slipway approve.',
      });
    }
    const environment = await getEnvironmentById(this.db, release.environmentId);
    await checkFreezes(this.db, environment, this.now());
    if (
      !(await advanceRelease(this.db, release.id, ['pending_approval'], {
        status: 'queued',
        message: `Approved by ${actor}`,
      }))
    ) {
      throw new SlipwayError('conflict', `Release #${release.number} is no longer waiting for approval`);
    }
    this.cluster?.engine.changes.notify(release);
    await recordApproval(this.db, { releaseId: release.id, decision: 'approved', actor, comment });
    this.cluster?.engine.wake();
    return getRelease(this.db, release.id);
  }

  async reject(releaseId: string, actor: string, comment?: string): Promise<ReleaseRecord> {
    const release = await this.#pending(releaseId);
    const message = `Rejected by ${actor}${comment ? `: ${comment}` : ''}`;
    if (
      !(await advanceRelease(this.db, release.id, ['pending_approval'], {
        status: 'rejected',
        message,
        finishedAt: this.now(),
      }))
    ) {
      throw new SlipwayError('conflict', `Release #${release.number} is no longer waiting for approval`);
    }
    this.cluster?.engine.changes.notify(release);
    await recordApproval(this.db, { releaseId: release.id, decision: 'rejected', actor, comment });
    return getRelease(this.db, release.id);
  }

  /** The applier of the cluster an environment lives on (for reading live objects). */
  async applierFor(environmentId: string): Promise<ObjectApplier> {
    const environment = await getEnvironmentById(this.db, environmentId);
    return (await this.#cluster().clusters.connect(environment.clusterId)).applier;
  }

  async #release(
    environment: EnvironmentRecord,
    workload: unknown,
    inputs: ReleaseInputs,
    actor: string,
    meta: {
      service?: string | undefined;
      commit: string | null;
      reason: string | null;
      autoRollback: boolean;
      promotedFrom?: string;
      owner?: string | null;
    },
  ): Promise<DeployOutcome> {
    const cluster = this.#cluster();
    const now = this.now();
    const warnings = await checkFreezes(this.db, environment, now);
    const type = await findEnvironmentType(this.db, environment.type);
    const plan = await planRelease(
      { workload, environment: environment.context, service: meta.service, ...inputs },
      await this.#platformFor(environment),
    );
    checkPolicies(type, environment.name, plan);
    const connection = await cluster.clusters.connect(environment.clusterId);
    await connection.applier.validate(plan.objects);
    const service = await ensureService(this.db, plan.service, meta.owner ?? null);
    const release = await createRelease(this.db, {
      serviceId: service.id,
      environmentId: environment.id,
      contentHash: plan.contentHash,
      image: inputs.image ?? firstImage(plan.workload),
      commitSha: meta.commit,
      createdBy: actor,
      reason: meta.reason,
      workload: plan.workload,
      objects: sealReleaseSecrets(this.#keyRing, plan.objects),
      inputs,
      autoRollback: meta.autoRollback,
      promotedFrom: meta.promotedFrom ?? null,
      approvalExpiresAt: approvalDeadline(type, now),
    });
    cluster.engine.changes.notify(release);
    if (release.status === 'queued') {
      cluster.engine.markValidated(release.id);
      cluster.engine.wake();
    }
    return { release, warnings };
  }

  get #keyRing(): KeyRing | null {
    return this.platform.keyRing ?? null;
  }

  /**
   * What rendering for the environment may use: the provisioners its type allows (all when it
   * names none) and the secret variables in effect there. Every render for an environment
   * (deploy, promotion, clone, preview) comes through here, so each reads the target's secrets.
   */
  async #platformFor(environment: EnvironmentRecord) {
    const type = await findEnvironmentType(this.db, environment.type);
    const allowed = type?.provisioners;
    const source = this.platform.secretVariables;
    return {
      provisioners: allowed
        ? this.platform.provisioners.filter((p) => allowed.includes(p.id))
        : this.platform.provisioners,
      seed: this.platform.seed,
      ...(this.platform.network ? { network: this.platform.network } : {}),
      ...(source ? { secrets: (service: string) => source.effective(service, environment.id) } : {}),
    };
  }

  async #promotable(serviceId: string, from: EnvironmentRecord, number: number | undefined): Promise<ReleaseRecord> {
    if (number !== undefined) {
      const release = await getReleaseByNumber(this.db, serviceId, from.id, number).catch(() => {
        throw invalidInput(`${from.name} has no release #${number} of this service`, [
          { path: '/number', message: 'unknown' },
        ]);
      });
      if (release.status !== 'healthy') {
        throw new SlipwayError(
          'conflict',
          `Release #${number} in ${from.name} never became healthy (it is ${release.status}); only healthy releases are promoted`,
          { hint: 'Fix it in the first environment, or promote the last healthy release by leaving the number out.' },
        );
      }
      return release;
    }
    const healthy = await lastApplied(this.db, serviceId, from.id, { status: ['healthy'] });
    if (!healthy) {
      throw new SlipwayError('conflict', `The service has no healthy release in ${from.name} to promote`, {
        hint: `Deploy it to ${from.name} first and let it become healthy.`,
      });
    }
    return healthy;
  }

  async #pending(releaseId: string): Promise<ReleaseRecord> {
    const release = await getRelease(this.db, releaseId);
    if (release.status !== 'pending_approval') {
      throw new SlipwayError(
        'conflict',
        `Release #${release.number} is not waiting for approval (it is ${release.status})`,
      );
    }
    return release;
  }

  /** A live environment that can take a release now. */
  async #deployable(name: string, path: string): Promise<EnvironmentRecord> {
    const environment = await this.#existing(name, path);
    if (environment.status === 'paused') {
      throw new SlipwayError('conflict', `Environment ${name} is paused`, {
        hint: `Resume it first: slipway env resume ${name}`,
      });
    }
    if (environment.status !== 'active') {
      throw new SlipwayError('conflict', `Environment ${name} is being deleted`);
    }
    return environment;
  }

  async #existing(name: string, path: string): Promise<EnvironmentRecord> {
    try {
      return await getEnvironmentByName(this.db, name);
    } catch (error) {
      if (!(error instanceof SlipwayError) || error.code !== 'not_found') throw error;
      const known = (await listEnvironments(this.db)).map((e) => e.name);
      throw invalidInput(
        `There is no environment named ${name}`,
        [{ path, message: known.length ? `not one of: ${known.join(', ')}` : 'no environments exist yet' }],
        'Create it first: slipway env create NAME --type development',
      );
    }
  }

  async #serviceName(serviceId: string): Promise<string> {
    const row = await this.db
      .selectFrom('services')
      .select('name')
      .where('id', '=', serviceId)
      .executeTakeFirstOrThrow();
    return row.name;
  }

  #cluster(): ClusterSide {
    if (!this.cluster) {
      throw new SlipwayError('unavailable', 'No Kubernetes cluster is configured, so nothing can be deployed', {
        hint: 'Set KUBECONFIG (or kubernetes.kubeconfig in the configuration file) and restart Slipway.',
      });
    }
    return this.cluster;
  }
}

function firstImage(workload: ScoreWorkload): string | null {
  const image = Object.values(workload.containers)[0]?.image;
  return image && image !== '.' ? image : null;
}
