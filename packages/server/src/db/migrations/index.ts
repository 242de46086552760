/**
 * The list of migrations, in order. Registered statically rather than read from a folder so
 * that they run the same from any working directory and from a bundled build.
 */

import { SlipwayError } from '@slipway/core';
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_releases.ts';
import * as m0003 from './0003_settings.ts';
import * as m0004 from './0004_environment_management.ts';
import * as m0005 from './0005_audit.ts';
import * as m0006 from './0006_identity.ts';
import * as m0007 from './0007_catalog.ts';
import * as m0008 from './0008_templates.ts';
import * as m0009 from './0009_entity_docs.ts';
import * as m0010 from './0010_catalog_list_order.ts';
import * as m0011 from './0011_template_run_owner.ts';
import * as m0012 from './0012_release_validated_at.ts';
import * as m0013 from './0013_pull_request_memory.ts';
import * as m0014 from './0014_release_commit_time.ts';
import * as m0015 from './0015_delivery_indexes.ts';
import * as m0016 from './0016_cluster_prometheus.ts';
import * as m0017 from './0017_release_verification.ts';
import * as m0018 from './0018_delivery_facts.ts';
import * as m0019 from './0019_service_checks.ts';
import * as m0020 from './0020_cel_policies.ts';
import * as m0021 from './0021_scorecards.ts';
import * as m0022 from './0022_notifications.ts';
import * as m0023 from './0023_rate_limits_and_indexes.ts';
import * as m0025 from './0025_auth_notify.ts';
import * as m0026 from './0026_freeze_announced.ts';
import * as m0027 from './0027_release_drift.ts';
import * as m0028 from './0028_notification_retention.ts';
import * as m0029 from './0029_destination_buckets.ts';
import * as m0030 from './0030_services_by_team.ts';
import * as m0031 from './0031_releases_per_service.ts';
import * as m0032 from './0032_catalog_owner_kind.ts';
import * as m0033 from './0033_catalog_drop_owner_index.ts';
import * as m0034 from './0034_catalog_notify.ts';
import * as m0035 from './0035_catalog_kind_tags_index.ts';
import * as m0036 from './0036_catalog_relations_lean.ts';

/** Migration names sort in the order they must run: keep the zero-padded version prefix. */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001,
  '0002_releases': m0002,
  '0003_settings': m0003,
  '0004_environment_management': m0004,
  '0005_audit': m0005,
  '0006_identity': m0006,
  '0007_catalog': m0007,
  '0008_templates': m0008,
  '0009_entity_docs': m0009,
  '0010_catalog_list_order': m0010,
  '0011_template_run_owner': m0011,
  '0012_release_validated_at': m0012,
  '0013_pull_request_memory': m0013,
  '0014_release_commit_time': m0014,
  '0015_delivery_indexes': m0015,
  '0016_cluster_prometheus': m0016,
  '0017_release_verification': m0017,
  '0018_delivery_facts': m0018,
  '0019_service_checks': m0019,
  '0020_cel_policies': m0020,
  '0021_scorecards': m0021,
  '0022_notifications': m0022,
  '0023_rate_limits_and_indexes': m0023,
  '0025_auth_notify': m0025,
  '0026_freeze_announced': m0026,
  '0027_release_drift': m0027,
  '0028_notification_retention': m0028,
  '0029_destination_buckets': m0029,
  '0030_services_by_team': m0030,
  '0031_releases_per_service': m0031,
  '0032_catalog_owner_kind': m0032,
  '0033_catalog_drop_owner_index': m0033,
  '0034_catalog_notify': m0034,
  '0035_catalog_kind_tags_index': m0035,
  '0036_catalog_relations_lean': m0036,
};

export const staticMigrationProvider = (list: Readonly<Record<string, Migration>>): MigrationProvider => ({
  getMigrations: async () => ({ ...list }),
});

/** The name of the newest migration this build knows; what a fully migrated database reports. */
export const latestMigration: string = Object.keys(migrations).sort().at(-1) ?? '';

/**
 * Brings the database up to the latest migration. Kysely takes a lock first, so replicas that
 * start together run each migration once, and runs the pending ones in a single transaction.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  provider: MigrationProvider = staticMigrationProvider(migrations),
): Promise<void> {
  const { error, results = [] } = await new Migrator({ db, provider }).migrateToLatest();
  if (error === undefined) return;
  const reason = error instanceof Error ? error.message : String(error);
  const failed = results.find((r) => r.status === 'Error')?.migrationName;
  if (failed) {
    // Kysely runs the whole batch in one transaction on PostgreSQL, so nothing of it stuck.
    throw new SlipwayError('unavailable', `Database migration ${failed} failed: ${reason}`, {
      hint: 'No migration of this start-up was applied; fix the cause and start again.',
      cause: error,
    });
  }
  throw new SlipwayError('unavailable', `Database migrations could not run: ${reason}`, {
    hint: 'If a newer Slipway already migrated this database, run that version: downgrades are not supported.',
    cause: error,
  });
}
