/**
 * `slipway export`: the objects Slipway applies to an environment, as files for a GitOps tool.
 * Per service the newest release that reached the cluster and did not fail (what a rollback
 * would start from), plus the environment's own objects. Secret values leave the server only
 * when asked for; otherwise Secrets are left out and named, so nothing sealed in the database
 * lands in a Git repository by accident.
 */
import {
  type ExportedRelease,
  type ExportFile,
  environmentNamespaceObjects,
  exportFiles,
  type KubeObject,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import type { KeyRing } from '../crypto/keyring.ts';
import { openReleaseSecrets } from '../crypto/release-secrets.ts';
import type { Schema } from '../db/schema.ts';
import { requireEnvironmentType } from '../db/stores/environment-types.ts';
import { getEnvironmentByName } from '../db/stores/environments.ts';
import { newestAppliedReleases } from '../db/stores/releases.ts';
import { serviceNames } from '../db/stores/services.ts';

export interface ExportOptions {
  /** Ids of the services the caller may read; null: all. Others are left out and counted. */
  readable: readonly string[] | null;
  includeSecrets: boolean;
}

export interface OmittedObject {
  service: string;
  kind: string;
  name: string;
  reason: string;
}

export interface EnvironmentExport {
  environment: string;
  namespace: string;
  releases: Array<{ service: string; id: string; number: number; status: string }>;
  files: ExportFile[];
  omitted: OmittedObject[];
  /** Services with releases here that the caller may not read: left out. */
  hiddenServices: number;
}

const secretsLeftOut = 'Secret values are exported only when asked for (--include-secrets)';

export async function exportEnvironment(
  db: Kysely<Schema>,
  keyRing: KeyRing | null,
  name: string,
  options: ExportOptions,
): Promise<EnvironmentExport> {
  const environment = await getEnvironmentByName(db, name);
  const type = await requireEnvironmentType(db, environment.type);
  const { releases, hidden } = await liveReleases(db, environment.id, options.readable);
  const omitted: OmittedObject[] = [];
  const exported: ExportedRelease[] = releases.map(({ service, release }) => {
    const objects = options.includeSecrets ? openReleaseSecrets(keyRing, release.objects) : release.objects;
    return { service, number: release.number, objects: objects.filter(keepOrNote(service, options, omitted)) };
  });
  const environmentObjects = environmentNamespaceObjects({
    environment: environment.name,
    namespace: environment.namespace,
    type,
  });
  return {
    environment: environment.name,
    namespace: environment.namespace,
    releases: releases.map(({ service, release }) => ({
      service,
      id: release.id,
      number: release.number,
      status: release.status,
    })),
    files: exportFiles({ environment: environment.name, environmentObjects, releases: exported }),
    omitted,
    hiddenServices: hidden,
  };
}

function keepOrNote(service: string, options: ExportOptions, omitted: OmittedObject[]) {
  return (o: KubeObject): boolean => {
    if (options.includeSecrets || o.kind !== 'Secret') return true;
    omitted.push({ service, kind: o.kind, name: o.metadata.name, reason: secretsLeftOut });
    return false;
  };
}

/** Each readable service's newest applied release that did not fail, by service name. */
async function liveReleases(db: Kysely<Schema>, environmentId: string, readable: readonly string[] | null) {
  const all = await newestAppliedReleases(db, environmentId);
  const allowed = readable === null ? null : new Set(readable);
  const shown = all.filter((r) => allowed === null || allowed.has(r.serviceId));
  const names = await serviceNames(
    db,
    shown.map((r) => r.serviceId),
  );
  const releases = shown.map((release) => ({ service: names.get(release.serviceId) ?? release.serviceId, release }));
  releases.sort((a, b) => a.service.localeCompare(b.service));
  return { releases, hidden: all.length - shown.length };
}
