import {
  canonicalJson,
  contentDigest,
  type EnvironmentContext,
  type KubeObject,
  type NetworkSettings,
  objectKey,
  type Provisioner,
  type ResolvedResource,
  renderWorkload,
  type ScoreWorkload,
  shortHash,
  type WorkloadServicePort,
} from '@slipway/core';
import type { ReleaseInputs } from '../db/stores/releases.ts';
import { provisionResources } from './resources.ts';

export interface DeployInput {
  /** The Score workload, parsed and checked once by whoever read it (parseScore). */
  workload: ScoreWorkload;
  environment: EnvironmentContext;
  service?: string | undefined;
  image?: string | undefined;
  /** Contents of the files the Score file names by `source`, keyed as written there. */
  files?: Record<string, string> | undefined;
}

export interface PlannedRelease {
  service: string;
  workload: ScoreWorkload;
  /** What rendering was given besides the workload: stored, to render the release again. */
  inputs: ReleaseInputs;
  /** The image the release runs: the one given, else its first container's. */
  image: string | null;
  objects: KubeObject[];
  /** sha256 of the canonical rendered objects: equal hashes mean equal releases. */
  contentHash: string;
  /** The workload's resources as provisioned (outputs, secret outputs, manifests), by name. */
  resources: Record<string, ResolvedResource>;
}

/**
 * Everything a deploy decides before anything is stored or applied: provision the workload's
 * resources, render the objects, hash them. Pure apart from Helm; every mistake in the input
 * surfaces here (or in parseScore before it), with the path of the offending field.
 */
export async function planRelease(
  input: DeployInput,
  platform: {
    provisioners: readonly Provisioner[];
    seed: string;
    /** The secret variables in effect for the service in the target environment (none when left out). */
    secrets?: (service: string) => Promise<Readonly<Record<string, string>>>;
    /** The service ports of the workloads deployed in the environment, by name (for service-port). */
    workloads?: () => Promise<Record<string, Record<string, WorkloadServicePort>>>;
    /** Where ingress controllers run, for the workload's NetworkPolicy (core's defaults when left out). */
    network?: NetworkSettings;
  },
): Promise<PlannedRelease> {
  const { workload } = input;
  const service = input.service ?? workload.metadata.name;
  const secrets = (await platform.secrets?.(service)) ?? {};
  const resources = await provisionResources({
    workload,
    environment: input.environment,
    provisioners: platform.provisioners,
    seed: `${platform.seed}/${service}`,
    ...(platform.workloads ? { environmentWorkloads: await platform.workloads() } : {}),
  });
  // The release label is derived from the inputs, so an identical deploy renders identical objects.
  const release = shortHash(
    canonicalJson({ workload, environment: input.environment, image: input.image ?? null, resources }),
    10,
  );
  const { objects: rendered } = renderWorkload({
    workload,
    environment: input.environment,
    resources,
    release,
    serviceName: service,
    secrets,
    // The installation's secret seed keys the checksum that covers secret values.
    checksumKey: platform.seed || undefined,
    ...(platform.network ? { network: platform.network } : {}),
    ...(input.image ? { image: input.image } : {}),
    ...(input.files ? { fileSources: input.files } : {}),
  });
  const objects = dedupe([...Object.values(resources).flatMap((r) => r.manifests), ...rendered]);
  // Keyed for the same reason: the objects hold the Secret's values.
  const digest = contentDigest(canonicalJson(objects), platform.seed || undefined);
  const inputs: ReleaseInputs = {
    ...(input.image ? { image: input.image } : {}),
    ...(input.files ? { files: input.files } : {}),
  };
  return {
    service,
    workload,
    inputs,
    image: inputs.image ?? firstImage(workload),
    objects,
    contentHash: `${platform.seed ? 'hmac-sha256' : 'sha256'}:${digest}`,
    resources,
  };
}

function firstImage(workload: ScoreWorkload): string | null {
  const image = Object.values(workload.containers)[0]?.image;
  return image && image !== '.' ? image : null;
}

/** A shared resource's manifests may come from several requests: keep the first of each object. */
function dedupe(objects: KubeObject[]): KubeObject[] {
  const seen = new Set<string>();
  return objects.filter((o) => {
    const key = objectKey(o);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
