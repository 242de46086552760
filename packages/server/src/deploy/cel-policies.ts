import {
  buildCelContext,
  type CatalogEntity,
  type CelContext,
  type CelFacts,
  type CelPolicy,
  type CelViolation,
  type CompiledCelPolicy,
  celPolicyApplies,
  celPolicyError,
  celViolationLine,
  compileCelPolicies,
  type EnvironmentType,
  evaluateCelPolicies,
  type KubeObject,
  parseScore,
  type ScoreWorkload,
  SlipwayError,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import type { KeyRing } from '../crypto/keyring.ts';
import { openReleaseSecrets } from '../crypto/release-secrets.ts';
import type { Schema } from '../db/schema.ts';
import { appendAudit } from '../db/stores/audit.ts';
import { listCelPolicies } from '../db/stores/cel-policies.ts';
import { findEnvironmentType } from '../db/stores/environment-types.ts';
import { type EnvironmentRecord, listEnvironments } from '../db/stores/environments.ts';
import { emitNotification } from '../db/stores/notifications.ts';
import { currentReleases } from '../db/stores/releases.ts';
import { serviceEntity, serviceRow } from '../db/stores/service-facts.ts';
import { getServiceById } from '../db/stores/services.ts';
import { gatherFacts } from '../standards/facts.ts';

/**
 * The CEL policies platform engineers write (docs/cel.md), as deploys meet them. The table is
 * read at every deploy — one small select, so every replica sees a change at its next deploy
 * without any message between them — and each policy is compiled once per source text: the
 * cache is keyed by the text, so an edited policy simply misses it.
 */

/** A stored policy ready to run; `broken` when its source no longer compiles (a library upgrade). */
type Loaded = { compiled: CompiledCelPolicy; broken?: undefined } | { policy: CelPolicy; broken: string };

const compiledBySource = new Map<string, Loaded>();
const cacheLimit = 1_000;

function compileStored(policy: CelPolicy): Loaded {
  const key = JSON.stringify([
    policy.name,
    policy.expression,
    policy.messageExpression,
    policy.severity,
    policy.remedy,
    policy.match,
  ]);
  const cached = compiledBySource.get(key);
  if (cached) return cached;
  let loaded: Loaded;
  try {
    const [compiled] = compileCelPolicies([policy]);
    loaded = compiled ? { compiled } : { policy, broken: 'did not compile' };
  } catch (error) {
    loaded = { policy, broken: error instanceof SlipwayError ? error.message : String(error) };
  }
  if (compiledBySource.size >= cacheLimit) compiledBySource.clear();
  compiledBySource.set(key, loaded);
  return loaded;
}

export async function loadCelPolicies(db: Kysely<Schema>): Promise<Loaded[]> {
  return (await listCelPolicies(db)).map(compileStored);
}

/** What a release into an environment is checked as: rendered, not stored yet. */
export interface CelSubject {
  service: string;
  environment: EnvironmentRecord;
  type: EnvironmentType | undefined;
  workload: ScoreWorkload;
  objects: readonly KubeObject[];
}

/**
 * The documented evaluation context: the release, its environment and type, the catalog entity,
 * the facts. With `light`, only the owner is read (what `match.teams` needs): for policies that
 * name neither `facts` nor `service`, whose answer the rest cannot change. The full facts cost
 * a DORA computation, tens of milliseconds on PGlite (docs/cel.md has the figures).
 */
export async function celContextFor(
  db: Kysely<Schema>,
  subject: CelSubject,
  now: Date,
  light = false,
): Promise<CelContext> {
  const { entity, facts } = light
    ? await ownerOnly(db, subject.service)
    : await gatherFacts(db, { service: subject.service, environmentId: subject.environment.id }, now);
  return buildCelContext({
    workload: subject.workload,
    objects: subject.objects,
    environment: { name: subject.environment.name },
    environmentType: subject.type ?? { name: subject.environment.type, requiresApproval: false, ttlSeconds: null },
    service: entity,
    facts,
  });
}

/** The owner as gatherFacts finds it (Slipway's team, else the entity's spec.owner), and nothing else. */
async function ownerOnly(
  db: Kysely<Schema>,
  service: string,
): Promise<{ entity: CatalogEntity | null; facts: Partial<CelFacts> }> {
  const [row, entity] = await Promise.all([serviceRow(db, service), serviceEntity(db, service)]);
  return { entity: entity?.entity ?? null, facts: row?.owner_team ? { owner: row.owner_team } : {} };
}

/** Whether a policy's text names `facts` or `service` (a word, not part of one): then it needs them gathered. */
function readsFacts(loaded: Loaded): boolean {
  const p = loaded.broken === undefined ? loaded.compiled.policy : loaded.policy;
  return /\b(facts|service)\b/.test(`${p.expression}\n${p.messageExpression ?? ''}`);
}

/** Runs the loaded policies; one that no longer compiles is a violation at its own severity. */
export function evaluateLoaded(loaded: readonly Loaded[], context: CelContext): CelViolation[] {
  const broken: CelViolation[] = loaded.flatMap((l) =>
    l.broken !== undefined && celPolicyApplies(l.policy, context)
      ? [{ policy: l.policy.name, severity: l.policy.severity, message: `policy does not compile: ${l.broken}` }]
      : [],
  );
  const compiled = loaded.flatMap((l) => (l.broken === undefined ? [l.compiled] : []));
  return [...broken, ...evaluateCelPolicies(compiled, context)];
}

/** What the policies said of a release that may go ahead. */
export interface CelVerdict {
  /** One line per `warn` violation, for the deploy's answer. */
  warnings: string[];
  /** The `warn` and `audit` violations, to record once the release is let in. */
  recorded: CelViolation[];
}

/**
 * Checks a release against every CEL policy that applies. An `enforce` violation refuses it
 * (after recording the refusal in the audit log): `policy_violation` names each policy, path,
 * message and fix. Warnings and audits are returned for the caller to pass on and record.
 */
export async function checkCelPolicies(
  db: Kysely<Schema>,
  subject: CelSubject,
  who: { actor: string; now: Date },
): Promise<CelVerdict> {
  const loaded = await loadCelPolicies(db);
  if (loaded.length === 0) return { warnings: [], recorded: [] };
  const light = !loaded.some(readsFacts);
  const violations = evaluateLoaded(loaded, await celContextFor(db, subject, who.now, light));
  const enforced = violations.filter((v) => v.severity === 'enforce');
  if (enforced.length > 0) {
    await recordPolicyViolations(db, subject, enforced, { ...who, refused: true });
    throw celPolicyError(subject.environment.name, enforced);
  }
  const warned = violations.filter((v) => v.severity === 'warn');
  return { warnings: warned.map(celViolationLine), recorded: violations };
}

/**
 * Appends one audit entry per violation (action `celPolicyViolation`, target
 * `environments/ENV/services/SERVICE`, the policy, severity, message, path and fix in `detail`),
 * then writes a `policy.violation` notification of each to the outbox.
 */
export async function recordPolicyViolations(
  db: Kysely<Schema>,
  subject: Pick<CelSubject, 'service' | 'environment'>,
  violations: readonly CelViolation[],
  who: { actor: string; now: Date; refused?: boolean },
): Promise<void> {
  if (violations.length === 0) return;
  for (const v of violations) {
    await appendAudit(db, {
      at: who.now,
      actor: who.actor,
      via: 'policy',
      action: 'celPolicyViolation',
      method: '',
      route: '',
      target: `environments/${subject.environment.name}/services/${subject.service}`,
      status: who.refused ? 400 : 200,
      result: who.refused ? 'failure' : 'success',
      requestId: '',
      ip: '',
      detail: violationDetail(v),
    });
  }
  // The audit chain takes its own transaction; the notifications of one check commit together.
  await db.transaction().execute(async (tx) => {
    const service = await serviceRow(tx, subject.service);
    for (const v of violations) {
      await emitNotification(tx, {
        kind: 'policy.violation',
        at: who.now,
        title: `${subject.service} in ${subject.environment.name}: ${who.refused ? 'refused by' : 'breaks'} policy ${v.policy}: ${v.message}`,
        serviceId: service?.id ?? null,
        environmentId: subject.environment.id,
        link: `/services/${subject.service}`,
        data: { ...violationDetail(v), refused: who.refused === true, actor: who.actor },
      });
    }
  });
}

function violationDetail(v: CelViolation): Record<string, unknown> {
  return {
    policy: v.policy,
    severity: v.severity,
    message: v.message,
    ...(v.path ? { path: v.path } : {}),
    ...(v.remedy ? { remedy: v.remedy } : {}),
  };
}

/** A release a dry run found in breach of the policy. */
export interface DryRunViolator {
  service: string;
  environment: string;
  release: number;
  releaseId: string;
  message: string;
  path?: string;
}

/**
 * Evaluates one policy (compiled by the caller, enforced or not) against the current release of
 * every service in every environment — what would be refused if each were deployed again now.
 */
export async function dryRunCelPolicy(
  db: Kysely<Schema>,
  keyRing: KeyRing | null,
  policy: CompiledCelPolicy,
  now: Date,
): Promise<{ evaluated: number; violators: DryRunViolator[] }> {
  const violators: DryRunViolator[] = [];
  let evaluated = 0;
  const types = new Map<string, EnvironmentType | undefined>();
  const names = new Map<string, string>();
  const light = !readsFacts({ compiled: policy });
  for (const environment of await listEnvironments(db)) {
    if (environment.deletedAt) continue;
    if (!types.has(environment.type)) types.set(environment.type, await findEnvironmentType(db, environment.type));
    for (const release of await currentReleases(db, environment.id)) {
      const service = names.get(release.serviceId) ?? (await getServiceById(db, release.serviceId)).name;
      names.set(release.serviceId, service);
      const subject: CelSubject = {
        service,
        environment,
        type: types.get(environment.type),
        workload: parseScore(release.workload, `The workload of release #${release.number}`),
        objects: openReleaseSecrets(keyRing, release.objects),
      };
      const context = await celContextFor(db, subject, now, light);
      if (!celPolicyApplies(policy.policy, context)) continue;
      evaluated += 1;
      for (const v of evaluateCelPolicies([policy], context)) {
        violators.push({
          service,
          environment: environment.name,
          release: release.number,
          releaseId: release.id,
          message: v.message,
          ...(v.path ? { path: v.path } : {}),
        });
      }
    }
  }
  return { evaluated, violators };
}
