import type { CatalogEntity } from '../catalog/types.ts';
import type { EnvironmentType } from '../environments/types.ts';
import type { KubeObject } from '../kube/object.ts';
import type { ScoreWorkload } from '../workload/types.ts';

/** DORA figures of the service over the window the server reports (docs/analytics.md). */
export interface CelDoraFacts {
  deploymentsPerDay: number;
  leadTimeSeconds: number | null;
  changeFailureRate: number | null;
  timeToRestoreSeconds: number | null;
}

/** What Slipway knows about a service beyond its files, gathered by the server before evaluating. */
export interface CelFacts {
  /** Owning team from the catalog entity's `spec.owner`, or null. */
  owner: string | null;
  /** Whether the service has TechDocs (`backstage.io/techdocs-ref`) or a docs link. */
  docsPresent: boolean;
  /** ISO 8601 time of the last successful deploy to this environment, or null. */
  lastDeployAt: string | null;
  /** Whether the live objects differ from the last release (drift detection). */
  drift: boolean;
  /** Approvals requested for this service and not yet decided. */
  openApprovals: number;
  dora: CelDoraFacts;
  /** Outcome of the last metric verification in this environment, or null when never verified. */
  verification: { status: string; at: string } | null;
}

/** The environment a release goes to, as expressions see it. */
export interface CelEnvironment {
  name: string;
  /** Name of the environment type, e.g. `production`. */
  type: string;
  labels: Record<string, string>;
  requiresApproval: boolean;
  /** Whether environments of this type expire (a TTL is set). */
  ephemeral: boolean;
}

/** The variables an expression evaluates over: plain JSON data, nothing live. */
export interface CelContext {
  workload: ScoreWorkload;
  objects: readonly KubeObject[];
  environment: CelEnvironment;
  service: CatalogEntity | null;
  facts: CelFacts;
  [name: string]: unknown;
}

export interface CelContextInput {
  workload: ScoreWorkload;
  objects: readonly KubeObject[];
  environment: { name: string; labels?: Record<string, string> };
  environmentType: Pick<EnvironmentType, 'name' | 'requiresApproval' | 'ttlSeconds'>;
  service: CatalogEntity | null;
  facts: Partial<CelFacts>;
}

const noDora: CelDoraFacts = {
  deploymentsPerDay: 0,
  leadTimeSeconds: null,
  changeFailureRate: null,
  timeToRestoreSeconds: null,
};

/**
 * Builds the evaluation context from what a deploy has at hand. The result is a JSON copy, so an
 * expression sees exactly what a JSON document would (numbers are doubles, `undefined` fields are
 * absent) and cannot reach into the caller's objects.
 */
export function buildCelContext(input: CelContextInput): CelContext {
  const owner = input.facts.owner ?? ownerOf(input.service);
  const context: CelContext = {
    workload: input.workload,
    objects: input.objects,
    environment: {
      name: input.environment.name,
      type: input.environmentType.name,
      labels: input.environment.labels ?? {},
      requiresApproval: input.environmentType.requiresApproval,
      ephemeral: input.environmentType.ttlSeconds !== null,
    },
    service: input.service,
    facts: {
      owner,
      docsPresent: input.facts.docsPresent ?? docsPresent(input.service),
      lastDeployAt: input.facts.lastDeployAt ?? null,
      drift: input.facts.drift ?? false,
      openApprovals: input.facts.openApprovals ?? 0,
      dora: { ...noDora, ...input.facts.dora },
      verification: input.facts.verification ?? null,
    },
  };
  return JSON.parse(JSON.stringify(context)) as CelContext;
}

function ownerOf(service: CatalogEntity | null): string | null {
  const owner = service?.spec?.owner;
  return typeof owner === 'string' ? owner : null;
}

function docsPresent(service: CatalogEntity | null): boolean {
  return Boolean(service?.metadata.annotations?.['backstage.io/techdocs-ref']);
}
