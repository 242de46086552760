import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Provisioner, parseProvisioners, SlipwayError } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { settingOrCreate } from '../db/stores/settings.ts';

/** The platform engineers' provisioners, from the files the configuration lists, in order. */
export function loadProvisioners(files: readonly string[]): Provisioner[] {
  return files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new SlipwayError(
        'invalid_config',
        `Cannot read the provisioners file ${file}: ${(error as Error).message}`,
        {
          fields: [{ path: '/provisioners/files', message: `${file} cannot be read` }],
        },
      );
    }
    return parseProvisioners(text, file);
  });
}

/**
 * The installation's secret seed: provisioner passwords derive from it, so they are stable
 * across releases and replicas, yet unguessable from service and environment names.
 */
export function provisionerSeed(db: Kysely<Schema>): Promise<string> {
  return settingOrCreate(db, 'provisioner_seed', () => randomBytes(32).toString('hex'));
}
