import {
  canonicalJson,
  type EnvironmentContext,
  type KubeObject,
  objectKey,
  type Provisioner,
  parseScore,
  renderWorkload,
  type ScoreWorkload,
  sha256Hex,
  shortHash,
} from '@slipway/core';
import { provisionResources } from './resources.ts';

export interface DeployInput {
  /** The Score file's text, or the parsed document. */
  workload: unknown;
  environment: EnvironmentContext;
  service?: string | undefined;
  image?: string | undefined;
  /** Contents of the files the Score file names by `source`, keyed as written there. */
  files?: Record<string, string> | undefined;
}

export interface PlannedRelease {
  service: string;
  workload: ScoreWorkload;
  objects: KubeObject[];
  /** sha256 of the canonical rendered objects: equal hashes mean equal releases. */
  contentHash: string;
}

/**
 * Everything a deploy decides before anything is stored or applied: parse and validate the
 * Score file, provision its resources, render the objects, hash them. Pure apart from Helm;
 * every mistake in the input surfaces here, with the path of the offending field.
 */
export async function planRelease(
  input: DeployInput,
  platform: { provisioners: readonly Provisioner[]; seed: string },
): Promise<PlannedRelease> {
  const workload = parseScore(input.workload);
  const service = input.service ?? workload.metadata.name;
  const resources = await provisionResources({
    workload,
    environment: input.environment,
    provisioners: platform.provisioners,
    seed: `${platform.seed}/${service}`,
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
    ...(input.image ? { image: input.image } : {}),
    ...(input.files ? { fileSources: input.files } : {}),
  });
  const objects = dedupe([...Object.values(resources).flatMap((r) => r.manifests), ...rendered]);
  return { service, workload, objects, contentHash: `sha256:${sha256Hex(canonicalJson(objects))}` };
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
