import type { EnvironmentContext } from '../environments/context.ts';
import { slipwayLabels } from '../kube/object.ts';
import { labelValue } from './names.ts';

export interface WorkloadLabels {
  /** On every object and pod template. */
  labels: Record<string, string>;
  /** Only labels that never change between releases, so a new release rolls the same Deployment. */
  selector: Record<string, string>;
}

export function workloadLabels(input: {
  serviceName: string;
  environment: EnvironmentContext;
  release: string;
  image?: string;
}): WorkloadLabels {
  const selector = {
    'app.kubernetes.io/name': labelValue(input.serviceName),
    'app.kubernetes.io/instance': labelValue(`${input.serviceName}-${input.environment.name}`),
  };
  const version = input.image ? imageTag(input.image) : undefined;
  const labels: Record<string, string> = {
    ...selector,
    [slipwayLabels.managedBy]: 'slipway',
    [slipwayLabels.service]: labelValue(input.serviceName),
    [slipwayLabels.environment]: labelValue(input.environment.name),
    [slipwayLabels.release]: labelValue(input.release),
  };
  if (version) labels['app.kubernetes.io/version'] = labelValue(version);
  return { labels, selector };
}

/** The tag of an image reference (`registry:5000/app:1.2@sha256:…` → `1.2`), if it has one. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] ?? '';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? undefined : withoutDigest.slice(colon + 1) || undefined;
}
