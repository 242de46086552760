import type { KubeObject } from '../kube/object.ts';

/**
 * A resource a workload asks for (the `resources` map of a Score file), and what a
 * provisioner made of it. Provisioners produce ResolvedResources; rendering consumes them:
 * `${resources.NAME.KEY}` placeholders read `outputs`, and `manifests` are applied with
 * the workload's own objects.
 */
export interface ResourceRequest {
  /** The key in the workload's `resources` map, e.g. `db`. */
  name: string;
  type: string;
  class?: string;
  /** Set for shared resources: every workload asking for the same type/class/id gets one. */
  id?: string;
  params?: Record<string, unknown>;
  metadata?: { annotations?: Record<string, string> };
}

export interface ResolvedResource {
  name: string;
  type: string;
  /** `default` when the request named none. */
  class: string;
  /** The request's id for shared resources, else `<workload>.<name>`. */
  id: string;
  /** Which provisioner resolved it (its id), for status and errors. */
  provisioner: string;
  /** Values placeholders may read. Nested objects are allowed (`${resources.db.tls.ca}`). */
  outputs: Record<string, unknown>;
  /** Output keys that are secret: rendered into a Secret, never into a ConfigMap or a log. */
  secretOutputs: string[];
  /** Objects the provisioner needs applied (a database StatefulSet, a Secret, ...). */
  manifests: KubeObject[];
  shared: boolean;
}
