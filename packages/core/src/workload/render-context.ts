import type { EnvironmentContext } from '../environments/context.ts';
import { type FieldIssue, jsonPointer } from '../errors/index.ts';
import type { ObjectMeta } from '../kube/object.ts';
import type { ResolvedResource } from '../resources/resolved.ts';
import type { WorkloadSettings } from './annotations.ts';
import { kubeName } from './names.ts';
import type { PlaceholderContext } from './placeholders.ts';
import type { ScoreWorkload } from './types.ts';

/** What every part of rendering shares: the inputs, the names chosen once, and the issues found. */
export interface RenderContext {
  workload: ScoreWorkload;
  environment: EnvironmentContext;
  resources: Readonly<Record<string, ResolvedResource>>;
  settings: WorkloadSettings;
  placeholders: PlaceholderContext;
  names: ObjectNames;
  /** The release id; a Job's name carries its hash. */
  release: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  /** Problems with the workload, collected so the user sees all of them at once. */
  issues: FieldIssue[];
  /** Keys digests of content holding secrets; plain sha256 when left out. */
  checksumKey?: string;
}

export interface ObjectNames {
  /** The service name: Deployment/StatefulSet, Service, HPA and PDB. */
  workload: string;
  service: string;
  headless: string;
  config: string;
  secret: string;
}

export function objectNames(serviceName: string): ObjectNames {
  return {
    workload: kubeName([serviceName]),
    // Service names are RFC 1035 labels: they must start with a letter.
    service: kubeName([serviceName], { startWithLetter: true }),
    headless: kubeName([serviceName, 'headless'], { startWithLetter: true }),
    config: kubeName([serviceName, 'config']),
    secret: kubeName([serviceName, 'secret']),
  };
}

/** Metadata of a rendered object: its name in the environment's namespace with the workload's labels. */
export function objectMeta(ctx: RenderContext, name: string, annotations?: Record<string, string>): ObjectMeta {
  const meta: ObjectMeta = { name, namespace: ctx.environment.namespace, labels: { ...ctx.labels } };
  if (annotations && Object.keys(annotations).length) meta.annotations = annotations;
  return meta;
}

export function addIssue(ctx: RenderContext, at: Array<string | number>, message: string): void {
  ctx.issues.push({ path: jsonPointer(at), message });
}
