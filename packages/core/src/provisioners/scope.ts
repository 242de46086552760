import type { EnvironmentContext } from '../environments/context.ts';
import { type DerivationKey, derivedGuid } from './derive.ts';
import { templateFunctions } from './functions.ts';
import { dnsLabel } from './names.ts';
import type { TemplateScope } from './template.ts';

/** Who is asking, for which resource: everything a template may know. */
export interface ResourceIdentity {
  name: string;
  type: string;
  class: string;
  id: string;
  shared: boolean;
  params: Record<string, unknown>;
  annotations: Record<string, string>;
}

export interface WorkloadIdentity {
  name: string;
  annotations: Record<string, string>;
}

/** `type#class#id`: what makes two requests the same shared resource. */
export const resourceUid = (r: Pick<ResourceIdentity, 'type' | 'class' | 'id'>): string =>
  `${r.type}#${r.class}#${r.id}`;

/**
 * A DNS label for the resource's objects: the id for shared resources (plus a non-default
 * class, so two classes of one id never collide), `<workload>-<name>` otherwise.
 */
export function resourceSlug(r: Pick<ResourceIdentity, 'class' | 'id' | 'shared'>): string {
  const base = r.shared && r.class !== 'default' ? `${r.id}-${r.class}` : r.id;
  return dnsLabel(base);
}

/**
 * The template context of one resource. The derivation key includes the environment's name,
 * so the same seed never yields the same password in two environments.
 */
export function resourceScope(
  resource: ResourceIdentity,
  workload: WorkloadIdentity,
  environment: EnvironmentContext,
  seed: string,
): TemplateScope {
  const key: DerivationKey = { seed, uid: `${environment.name}/${resourceUid(resource)}` };
  const data = {
    resource: {
      name: resource.name,
      type: resource.type,
      class: resource.class,
      id: resource.id,
      uid: resourceUid(resource),
      slug: resourceSlug(resource),
      shared: resource.shared,
      params: resource.params,
      metadata: { annotations: resource.annotations },
    },
    workload: { name: workload.name, annotations: workload.annotations },
    environment: {
      name: environment.name,
      type: environment.type,
      namespace: environment.namespace,
      domain: environment.domain,
    },
    guid: derivedGuid(key),
    init: {},
  };
  return { data, functions: templateFunctions(key) };
}
