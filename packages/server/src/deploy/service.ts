import { invalidInput, type Provisioner, SlipwayError } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { getEnvironmentByName, listEnvironments } from '../db/stores/environments.ts';
import { createRelease, getRelease, type ReleaseRecord } from '../db/stores/releases.ts';
import { ensureService } from '../db/stores/services.ts';
import type { DeployEngine } from '../engine/engine.ts';
import type { ObjectApplier } from '../kube/apply.ts';
import { type DeployInput, planRelease } from './plan.ts';

export interface DeployRequest extends Omit<DeployInput, 'environment'> {
  environment: string;
  commit?: string | undefined;
  reason?: string | undefined;
  autoRollback?: boolean | undefined;
}

export interface ClusterSide {
  engine: DeployEngine;
  applier: ObjectApplier;
}

/**
 * What the API does for a deploy or a rollback: decide everything up front (a bad Score file,
 * an unknown resource type or an object the API server refuses is answered at once, and
 * nothing is stored or applied), store the release — desired state before the cluster is
 * touched — and wake the engine, which applies it.
 */
export class DeployService {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly cluster: ClusterSide | null,
    private readonly platform: { provisioners: readonly Provisioner[]; seed: string },
  ) {}

  async deploy(request: DeployRequest, actor: string): Promise<ReleaseRecord> {
    const cluster = this.#cluster();
    const environment = await this.#environment(request.environment);
    const plan = await planRelease({ ...request, environment: environment.context }, this.platform);
    await cluster.applier.validate(plan.objects);
    const service = await ensureService(this.db, plan.service);
    const release = await createRelease(this.db, {
      serviceId: service.id,
      environmentId: environment.id,
      contentHash: plan.contentHash,
      image: request.image ?? firstImage(plan.workload),
      commitSha: request.commit ?? null,
      createdBy: actor,
      reason: request.reason ?? null,
      workload: plan.workload,
      objects: plan.objects,
      autoRollback: request.autoRollback ?? true,
    });
    cluster.engine.markValidated(release.id);
    cluster.engine.wake();
    return release;
  }

  /** A new release with the objects of an earlier one, exactly as they were rendered then. */
  async rollback(targetId: string, actor: string, reason?: string): Promise<ReleaseRecord> {
    const cluster = this.#cluster();
    const target = await getRelease(this.db, targetId);
    if (target.status === 'failed') {
      throw new SlipwayError(
        'conflict',
        `Release #${target.number} never applied (it failed: ${target.message}); roll back to one that did`,
      );
    }
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
      rollbackOf: target.id,
      autoRollback: false,
    });
    cluster.engine.wake();
    return release;
  }

  /** The applier of the configured cluster (for reading live objects), or `unavailable`. */
  applier(): ObjectApplier {
    return this.#cluster().applier;
  }

  async #environment(name: string) {
    try {
      return await getEnvironmentByName(this.db, name);
    } catch (error) {
      if (!(error instanceof SlipwayError) || error.code !== 'not_found') throw error;
      const known = (await listEnvironments(this.db)).map((e) => e.context.name);
      throw invalidInput(
        `There is no environment named ${name}`,
        [
          {
            path: '/environment',
            message: known.length ? `not one of: ${known.join(', ')}` : 'no environments exist yet',
          },
        ],
        'Create it first: slipway env set NAME --type development',
      );
    }
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

function firstImage(workload: { containers: Record<string, { image: string }> }): string | null {
  const image = Object.values(workload.containers)[0]?.image;
  return image && image !== '.' ? image : null;
}
