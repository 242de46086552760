import {
  diffReleases,
  type EnvironmentType,
  invalidInput,
  type NetworkSettings,
  type Provisioner,
  parseScore,
  type ReleaseDiff,
  type ScoreWorkload,
  SlipwayError,
  type WorkloadServicePort,
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
import { emitNotification } from '../db/stores/notifications.ts';
import {
  advanceRelease,
  createRelease,
  currentServicePorts,
  getRelease,
  getReleaseByNumber,
  lastApplied,
  type NewRelease,
  type ReleaseRecord,
} from '../db/stores/releases.ts';
import { ensureService, getServiceById, getServiceByName } from '../db/stores/services.ts';
import type { DeployEngine } from '../engine/engine.ts';
import type { ObjectApplier } from '../kube/apply.ts';
import { approvalNotification, createdNotification } from '../notifications/release-events.ts';
import { checkCelPolicies, recordPolicyViolations } from './cel-policies.ts';
import { approvalDeadline, checkFreezes, checkPolicies } from './guardrails.ts';
import { inputsFrom, type Rendering, releaseFrom } from './lineage.ts';
import { type DeployInput, type PlannedRelease, planRelease } from './plan.ts';

/** How far ahead of the server's clock a commit time may be: CI machines' clocks drift. */
const commitClockSkewMs = 5 * 60_000;

export interface DeployRequest extends Omit<DeployInput, 'environment'> {
  environment: string;
  commit?: string | undefined;
  /** When the commit was made (RFC 3339); the start of the lead time for changes. */
  commitTime?: string | undefined;
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

/** A release rendered for an environment and let in by its rules, not stored yet. */
interface Admitted {
  plan: PlannedRelease;
  /** The plan as it is stored (Secret values sealed), dry-run by the API server. */
  rendering: Rendering;
  warnings: string[];
  approvalExpiresAt: Date | null;
}

/**
 * What the API does for a deploy, a promotion or a rollback: decide everything up front (a
 * bad Score file, an unknown resource type, a policy broken, a freeze, an object the API
 * server refuses is answered at once, and nothing is stored or applied), store the release —
 * desired state before the cluster is touched — and hand it to the engine, which applies it.
 * Releases to environments whose type requires approval wait for a second person. Every
 * release made from an earlier one is made by releaseFrom (lineage.ts), as the engine's
 * automatic rollback is.
 */
export class DeployService {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly cluster: ClusterSide | null,
    private readonly platform: {
      /** Read at each render: the platform's files may be reloaded meanwhile. */
      provisioners: { readonly current: readonly Provisioner[] };
      seed: string;
      keyRing?: KeyRing | null;
      /** Where `${secrets.NAME}` reads from: the values in effect for a service in an environment. */
      secretVariables?: SecretVariableSource | null;
      /** Where ingress controllers run, for the NetworkPolicies of routed workloads. */
      network?: NetworkSettings;
    },
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Deploys a Score workload, parsed once by the caller (the route, a template run). */
  async deploy(request: DeployRequest, actor: string): Promise<DeployOutcome> {
    const environment = await this.#deployable(request.environment, '/environment');
    const commitTime = this.#commitTime(request.commitTime, '/commitTime');
    const { workload, service: name, image, files } = request;
    const admitted = await this.#admit(environment, { workload, service: name, image, files }, actor);
    const service = await ensureService(this.db, admitted.plan.service, request.owner ?? null);
    const release = await this.#store({
      ...admitted.rendering,
      serviceId: service.id,
      workload: admitted.plan.workload,
      commitSha: request.commit ?? null,
      commitTime,
      createdBy: actor,
      reason: request.reason ?? null,
      autoRollback: request.autoRollback ?? true,
      approvalExpiresAt: admitted.approvalExpiresAt,
    });
    return { release, warnings: admitted.warnings };
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
    await this.#requireVerified(source, from, to);
    const current = (await lastApplied(this.db, service.id, to.id)) ?? null;
    const input = { workload: workloadOf(source), service: service.name, ...inputsFrom(source) };
    if (request.dryRun) {
      const plan = await this.#render(to, await findEnvironmentType(this.db, to.type), input);
      return { source, current, diff: this.#diff(current, plan) };
    }
    const admitted = await this.#admit(to, input, actor);
    const release = await this.#store(
      releaseFrom(
        source,
        { kind: 'promotion', rendered: admitted.rendering },
        {
          createdBy: actor,
          reason: request.reason ?? `Promotion of ${from.name} release #${source.number}`,
          approvalExpiresAt: admitted.approvalExpiresAt,
        },
      ),
    );
    return { source, current, diff: this.#diff(current, admitted.plan), release, warnings: admitted.warnings };
  }

  /**
   * Renders a release of one environment again for another (clones and previews), under the
   * target's rules. `image` replaces the image the source was deployed with.
   */
  async redeploy(
    source: ReleaseRecord,
    target: EnvironmentRecord,
    actor: string,
    options: { image?: string | undefined; reason: string; commit?: string | null; commitTime?: Date | null },
  ): Promise<DeployOutcome> {
    const service = await this.#serviceName(source.serviceId);
    const admitted = await this.#admit(
      target,
      { workload: workloadOf(source), service, ...inputsFrom(source, options.image) },
      actor,
    );
    const release = await this.#store(
      releaseFrom(
        source,
        { kind: 'redeploy', rendered: admitted.rendering, commit: options.commit, commitTime: options.commitTime },
        { createdBy: actor, reason: options.reason, approvalExpiresAt: admitted.approvalExpiresAt },
      ),
    );
    return { release, warnings: admitted.warnings };
  }

  /**
   * Deploys a release's workload again to its own environment, with the files it had and a new
   * image (or the same one): a new release, under the same freezes, policies and approvals as
   * any deploy there. The Score file need not be sent again.
   */
  async redeployRelease(
    sourceId: string,
    actor: string,
    options: {
      image?: string | undefined;
      commit?: string | undefined;
      commitTime?: string | undefined;
      reason?: string | undefined;
    } = {},
  ): Promise<DeployOutcome> {
    const commitTime = this.#commitTime(options.commitTime, '/commitTime');
    const source = await getRelease(this.db, sourceId);
    const environment = await getEnvironmentById(this.db, source.environmentId);
    if (environment.deletedAt)
      throw new SlipwayError('environment_deleted', `Environment ${environment.name} was deleted`);
    await this.#deployable(environment.name, '/environment');
    const image = options.image ?? source.image;
    return this.redeploy(source, environment, actor, {
      image: options.image,
      ...(options.commit ? { commit: options.commit } : {}),
      ...(commitTime ? { commitTime } : {}),
      reason: options.reason ?? `Redeploy of release #${source.number}${image ? ` with ${image}` : ''}`,
    });
  }

  /**
   * A commit time as given (the schema checked its form). One later than now would make a lead
   * time below zero: refused, as a clock or a field mixed up is the likelier story.
   */
  #commitTime(given: string | undefined, path: string): Date | null {
    if (given === undefined) return null;
    const at = new Date(given);
    if (at.getTime() > this.now().getTime() + commitClockSkewMs) {
      throw invalidInput(`The commit time ${given} is in the future`, [{ path, message: 'is in the future' }]);
    }
    return at;
  }

  /**
   * A new release with the objects of an earlier one, exactly as they were rendered then.
   * Going back to a release that was healthy here needs no approval and passes freezes (it
   * restores a state that was already approved); anything else follows the type's rules.
   */
  async rollback(targetId: string, actor: string, reason?: string): Promise<DeployOutcome> {
    const target = await getRelease(this.db, targetId);
    if (!['healthy', 'degraded', 'progressing', 'verifying'].includes(target.status) || !target.startedAt) {
      throw new SlipwayError(
        'release_never_applied',
        `Release #${target.number} never applied (it is ${target.status}: ${target.message}); roll back to one that did`,
      );
    }
    const environment = await getEnvironmentById(this.db, target.environmentId);
    if (environment.deletedAt)
      throw new SlipwayError('environment_deleted', `Environment ${environment.name} was deleted`);
    const type = await findEnvironmentType(this.db, environment.type);
    const restoresApproved = target.status === 'healthy';
    const warnings = restoresApproved ? [] : await checkFreezes(this.db, environment, this.now());
    const release = await this.#store(
      releaseFrom(
        target,
        { kind: 'rollback' },
        {
          createdBy: actor,
          reason: reason ?? `Rollback to release #${target.number}`,
          approvalExpiresAt: restoresApproved ? null : approvalDeadline(type, this.now()),
        },
      ),
    );
    return { release, warnings };
  }

  /** A second person lets a release waiting for approval go ahead (if no freeze forbids it). */
  async approve(releaseId: string, actor: string, comment?: string): Promise<ReleaseRecord> {
    const release = await this.#pending(releaseId);
    if (release.createdBy === actor) {
      throw new SlipwayError(
        'self_approval',
        `You asked for release #${release.number}; someone else must approve it`,
        {
          hint: 'Approvals take two people: ask a colleague to run slipway approve.',
        },
      );
    }
    const environment = await getEnvironmentById(this.db, release.environmentId);
    await checkFreezes(this.db, environment, this.now());
    // The move, the decision and its notification stand or fall together.
    const moved = await this.db.transaction().execute(async (tx) => {
      const done = await advanceRelease(tx, release.id, ['pending_approval'], {
        status: 'queued',
        message: `Approved by ${actor}`,
      });
      if (!done) return false;
      await recordApproval(tx, { releaseId: release.id, decision: 'approved', actor, comment });
      await emitNotification(tx, approvalNotification(release, actor, this.now()));
      return true;
    });
    if (!moved) {
      throw new SlipwayError(
        'release_not_awaiting_approval',
        `Release #${release.number} is no longer waiting for approval`,
      );
    }
    const approved = await getRelease(this.db, release.id);
    this.cluster?.engine.accept(approved);
    return approved;
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
      throw new SlipwayError(
        'release_not_awaiting_approval',
        `Release #${release.number} is no longer waiting for approval`,
      );
    }
    await recordApproval(this.db, { releaseId: release.id, decision: 'rejected', actor, comment });
    const rejected = await getRelease(this.db, release.id);
    this.cluster?.engine.accept(rejected);
    return rejected;
  }

  /** The applier of the cluster an environment lives on (for reading live objects). */
  async applierFor(environmentId: string): Promise<ObjectApplier> {
    const environment = await getEnvironmentById(this.db, environmentId);
    return (await this.#cluster().clusters.connect(environment.clusterId)).applier;
  }

  /**
   * Everything a release into an environment passes before it is stored: freezes, rendering,
   * the policies of the environment's type (read once), the platform's CEL policies, the API
   * server's dry run. Throws at the first refusal; nothing is stored then. CEL warnings join
   * the freeze warnings; warned and audited violations are recorded once the release is let in.
   */
  async #admit(
    environment: EnvironmentRecord,
    input: Omit<DeployInput, 'environment'>,
    actor: string,
  ): Promise<Admitted> {
    const cluster = this.#cluster();
    const now = this.now();
    const warnings = await checkFreezes(this.db, environment, now);
    const type = await findEnvironmentType(this.db, environment.type);
    const plan = await this.#render(environment, type, input);
    checkPolicies(type, environment.name, plan);
    const subject = { service: plan.service, environment, type, workload: plan.workload, objects: plan.objects };
    const cel = await checkCelPolicies(this.db, subject, { actor, now });
    const connection = await cluster.clusters.connect(environment.clusterId);
    await connection.applier.validate(plan.objects);
    await recordPolicyViolations(this.db, subject, cel.recorded, { actor, now });
    warnings.push(...cel.warnings);
    const rendering: Rendering = {
      environmentId: environment.id,
      inputs: plan.inputs,
      image: plan.image,
      objects: sealReleaseSecrets(this.#keyRing, plan.objects),
      contentHash: plan.contentHash,
      validatedAt: this.now(),
    };
    return { plan, rendering, warnings, approvalExpiresAt: approvalDeadline(type, now) };
  }

  /** Stores a release and hands it to the engine (which drives it at once if it is queued). */
  async #store(release: NewRelease): Promise<ReleaseRecord> {
    const cluster = this.#cluster();
    const stored = await createRelease(this.db, release, async (tx, created) => {
      const notification = createdNotification(created, this.now());
      if (notification) await emitNotification(tx, notification);
    });
    cluster.engine.accept(stored);
    return stored;
  }

  #render(environment: EnvironmentRecord, type: EnvironmentType | undefined, input: Omit<DeployInput, 'environment'>) {
    return planRelease({ ...input, environment: environment.context }, this.#platformFor(environment, type));
  }

  /**
   * Renders a workload for an environment as a deploy would, with `trying` (a provisioners file
   * not yet in the configuration) matched before the platform's own, and stores nothing. The
   * environment type's list of allowed provisioners limits them too: those it leaves out are named.
   */
  async trial(
    request: { environment: string; trying: readonly Provisioner[] } & Omit<DeployInput, 'environment'>,
  ): Promise<{ plan: PlannedRelease; excluded: string[] }> {
    const environment = await this.#existing(request.environment, '/environment');
    const type = await findEnvironmentType(this.db, environment.type);
    const allowed = type?.provisioners;
    const admitted = allowed ? request.trying.filter((p) => allowed.includes(p.id)) : request.trying;
    const platform = this.#platformFor(environment, type);
    const { trying: _, environment: __, ...input } = request;
    const plan = await planRelease(
      { ...input, environment: environment.context },
      { ...platform, provisioners: [...admitted, ...platform.provisioners] },
    );
    return { plan, excluded: request.trying.filter((p) => !admitted.includes(p)).map((p) => p.id) };
  }

  /** What a plan would change against the release running in its environment. */
  #diff(current: ReleaseRecord | null, plan: PlannedRelease): ReleaseDiff {
    return diffReleases(openReleaseSecrets(this.#keyRing, current?.objects ?? []), plan.objects);
  }

  get #keyRing(): KeyRing | null {
    return this.platform.keyRing ?? null;
  }

  /**
   * What rendering for the environment may use: the provisioners its type allows (all when it
   * names none) and the secret variables in effect there. Every render for an environment
   * (deploy, promotion, clone, preview) comes through here, so each reads the target's secrets.
   */
  #platformFor(environment: EnvironmentRecord, type: EnvironmentType | undefined) {
    const allowed = type?.provisioners;
    const source = this.platform.secretVariables;
    return {
      provisioners: allowed
        ? this.platform.provisioners.current.filter((p) => allowed.includes(p.id))
        : this.platform.provisioners.current,
      seed: this.platform.seed,
      workloads: () => deployedWorkloads(this.db, environment.id),
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
          'release_not_healthy',
          `Release #${number} in ${from.name} never became healthy (it is ${release.status}); only healthy releases are promoted`,
          { hint: 'Fix it in the first environment, or promote the last healthy release by leaving the number out.' },
        );
      }
      return release;
    }
    const healthy = await lastApplied(this.db, serviceId, from.id, { status: ['healthy'] });
    if (!healthy) {
      throw new SlipwayError('no_healthy_release', `The service has no healthy release in ${from.name} to promote`, {
        hint: `Deploy it to ${from.name} first and let it become healthy.`,
      });
    }
    return healthy;
  }

  /**
   * An environment type may take only promotions of releases that passed their metric checks
   * where they ran: a release reaches healthy with a verification only by passing it.
   */
  async #requireVerified(source: ReleaseRecord, from: EnvironmentRecord, to: EnvironmentRecord): Promise<void> {
    const type = await findEnvironmentType(this.db, to.type);
    if (!type?.verification?.requireVerifiedPromotions) return;
    if (source.status === 'healthy' && source.verification !== null) return;
    throw new SlipwayError(
      'release_not_verified',
      `Release #${source.number} in ${from.name} did not pass verification ` +
        `(${from.name} has no metric checks, or they did not pass); environments of type ${to.type} take only verified releases`,
      { hint: `Give the type of ${from.name} verification checks, deploy there and let the release pass them.` },
    );
  }

  async #pending(releaseId: string): Promise<ReleaseRecord> {
    const release = await getRelease(this.db, releaseId);
    if (release.status !== 'pending_approval') {
      throw new SlipwayError(
        'release_not_awaiting_approval',
        `Release #${release.number} is not waiting for approval (it is ${release.status})`,
      );
    }
    return release;
  }

  /** A live environment that can take a release now. */
  async #deployable(name: string, path: string): Promise<EnvironmentRecord> {
    const environment = await this.#existing(name, path);
    if (environment.status === 'paused') {
      throw new SlipwayError('environment_paused', `Environment ${name} is paused`, {
        hint: `Resume it first: slipway env resume ${name}`,
      });
    }
    if (environment.status !== 'active') {
      throw new SlipwayError('environment_deleting', `Environment ${name} is being deleted`);
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
    return (await getServiceById(this.db, serviceId)).name;
  }

  #cluster(): ClusterSide {
    if (!this.cluster) {
      throw new SlipwayError('not_configured', 'No Kubernetes cluster is configured, so nothing can be deployed', {
        hint: 'Set KUBECONFIG (or kubernetes.kubeconfig in the configuration file) and restart Slipway.',
      });
    }
    return this.cluster;
  }
}

/**
 * The workload of a stored release, checked again before it is rendered again (a newer Slipway
 * may read the format more strictly than the one that stored it): once per request.
 */
function workloadOf(release: ReleaseRecord): ScoreWorkload {
  return parseScore(release.workload, `The workload of release #${release.number}`);
}

/**
 * The service ports of the workloads running in an environment (each service's current
 * release), by workload name: what `service-port` and score-k8s's `.WorkloadServices` see.
 */
async function deployedWorkloads(
  db: Kysely<Schema>,
  environmentId: string,
): Promise<Record<string, Record<string, WorkloadServicePort>>> {
  const found: Record<string, Record<string, WorkloadServicePort>> = {};
  for (const { name, ports } of await currentServicePorts(db, environmentId)) {
    if (typeof name === 'string') found[name] = { ...((ports ?? {}) as Record<string, WorkloadServicePort>) };
  }
  return found;
}
