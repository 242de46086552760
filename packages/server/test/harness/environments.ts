import type { EnvironmentContext } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../../src/db/schema.ts';
import { createEnvironment, type EnvironmentRecord } from '../../src/db/stores/environments.ts';

/**
 * Stores an environment with exactly this rendering context (its defaults as overrides), for
 * tests of the store and the engine that need one without going through the API.
 */
export function storeEnvironment(
  db: Kysely<Schema>,
  context: EnvironmentContext,
  clusterId: string | null = null,
  now: Date = new Date(),
): Promise<EnvironmentRecord> {
  const { name, type, namespace, defaults, ...settings } = context;
  return createEnvironment(db, {
    name,
    type,
    namespace,
    clusterId,
    createdBy: 'test',
    settings: { ...settings, overrides: defaults },
    now,
  });
}
