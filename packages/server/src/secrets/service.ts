import { invalidInput, notFound, SlipwayError, secretNameProblem, secretValueProblem } from '@slipway/core';
import type { Kysely } from 'kysely';
import { needsRewrap, openText, rewrap, seal } from '../crypto/envelope.ts';
import type { KeyRing } from '../crypto/keyring.ts';
import type { Schema } from '../db/schema.ts';
import { type EnvironmentRecord, getEnvironmentByName } from '../db/stores/environments.ts';
import {
  deleteSecretVariable,
  effectiveSealed,
  listSecretVariables,
  resealSecretVariable,
  type SealedSecretVariable,
  type SecretVariableMeta,
  sealedSecretVariablesPage,
  writeSecretVariable,
} from '../db/stores/secret-variables.ts';
import { getServiceByName, type ServiceRecord } from '../db/stores/services.ts';

/** Where a value is set: one environment, or (`environment` left out) every one without its own. */
export interface SecretVariableKey {
  service: string;
  name: string;
  environment?: string | undefined;
}

/**
 * Secret variables per service and environment. Values are sealed with the key ring as soon as
 * they arrive, bound to their place (service, environment or `*`, name) so that a sealed value
 * copied onto another row does not open; they are opened only to render a deploy, and never
 * returned, logged or put in an error message: callers see metadata alone.
 */
export class SecretVariableService {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly keyRing: KeyRing | null,
  ) {}

  async list(serviceName: string): Promise<SecretVariableMeta[]> {
    const service = await this.#service(serviceName);
    return listSecretVariables(this.db, service.id);
  }

  /** Sets a value (a new one, or a new version of one); returns its metadata. */
  async set(
    key: SecretVariableKey,
    value: string,
    actor: string,
  ): Promise<{ created: boolean; variable: SecretVariableMeta }> {
    const problems = [
      ...issue('/name', secretNameProblem(key.name), 'path'),
      ...issue('/value', secretValueProblem(value), 'body'),
    ];
    if (problems.length) throw invalidInput(`Secret variable ${describe(key)} cannot be set`, problems);
    const ring = this.#ring();
    const service = await this.#service(key.service);
    const environment = await this.#environment(key.environment);
    const environmentId = environment?.id ?? null;
    const written = await writeSecretVariable(this.db, {
      serviceId: service.id,
      environmentId,
      name: key.name,
      sealedValue: seal(ring, value, secretAad(service.id, environmentId, key.name)),
      actor,
    });
    return {
      created: written.created,
      variable: {
        name: key.name,
        environment: environment?.name ?? null,
        version: written.version,
        createdBy: written.createdBy,
        updatedBy: actor,
        createdAt: written.createdAt,
        updatedAt: written.updatedAt,
      },
    };
  }

  async remove(key: SecretVariableKey): Promise<void> {
    const problem = secretNameProblem(key.name);
    if (problem)
      throw invalidInput(`Secret variable ${describe(key)} cannot be deleted`, issue('/name', problem, 'path'));
    const service = await this.#service(key.service);
    const environment = await this.#environment(key.environment);
    const deleted = await deleteSecretVariable(this.db, {
      serviceId: service.id,
      environmentId: environment?.id ?? null,
      name: key.name,
    });
    if (!deleted) {
      throw notFound(`Secret variable ${describe(key)}`, `See which are set: slipway secret list ${key.service}`);
    }
  }

  /**
   * The values a deploy of the service to the environment reads, opened: the service-wide
   * ones, overridden by the environment's own. A service not created yet has none.
   */
  async effective(serviceName: string, environmentId: string): Promise<Record<string, string>> {
    const service = await getServiceByName(this.db, serviceName).catch((error: unknown) => {
      if (error instanceof SlipwayError && error.code === 'not_found') return undefined;
      throw error;
    });
    if (!service) return {};
    const rows = await effectiveSealed(this.db, service.id, environmentId);
    if (rows.length === 0) return {};
    const ring = this.#ring();
    const values: Record<string, string> = {};
    // Rows come service-wide first, so an environment's own value replaces the shared one.
    for (const row of rows) values[row.name] = this.#open(ring, row);
    return values;
  }

  /** After a key rotation: re-wraps every value sealed with an older key. Returns how many. */
  async rewrapAll(): Promise<number> {
    const ring = this.keyRing;
    if (!ring) return 0;
    let count = 0;
    let after: string | null = null;
    for (;;) {
      const page = await sealedSecretVariablesPage(this.db, after, 200);
      for (const row of page) {
        if (!needsRewrap(ring, row.sealedValue)) continue;
        const aad = secretAad(row.serviceId, row.environmentId, row.name);
        if (await resealSecretVariable(this.db, row.id, row.sealedValue, rewrap(ring, row.sealedValue, aad))) count++;
      }
      const last = page.at(-1);
      if (!last) return count;
      after = last.id;
    }
  }

  #open(ring: KeyRing, row: SealedSecretVariable): string {
    try {
      return openText(ring, row.sealedValue, secretAad(row.serviceId, row.environmentId, row.name));
    } catch (error) {
      // Name the variable (never its value) so that an operator knows which one to set again.
      const message = error instanceof Error ? error.message : String(error);
      throw new SlipwayError('internal', `Secret variable ${row.name} cannot be opened: ${message}`, {
        hint:
          error instanceof SlipwayError && error.hint
            ? error.hint
            : 'Set it again with slipway secret set, or restore the key it was sealed with.',
      });
    }
  }

  #ring(): KeyRing {
    if (!this.keyRing) {
      throw new SlipwayError('not_configured', 'No key ring is loaded, so secret variables cannot be stored or read', {
        hint: 'Set SLIPWAY_SECRET_KEYS or secrets.keyFile in the configuration.',
      });
    }
    return this.keyRing;
  }

  async #service(name: string): Promise<ServiceRecord> {
    try {
      return await getServiceByName(this.db, name);
    } catch (error) {
      if (error instanceof SlipwayError && error.code === 'not_found') {
        throw notFound(
          `Service ${name}`,
          `Create the service first: deploy it, or slipway service create ${name} --owner TEAM`,
        );
      }
      throw error;
    }
  }

  async #environment(name: string | undefined): Promise<EnvironmentRecord | undefined> {
    if (name === undefined) return undefined;
    try {
      return await getEnvironmentByName(this.db, name);
    } catch (error) {
      if (error instanceof SlipwayError && error.code === 'not_found') {
        throw notFound(`Environment ${name}`, 'See the environments there are: slipway env list');
      }
      throw error;
    }
  }
}

/** A sealed value is bound to its service, environment (`*` for every one) and name. */
export const secretAad = (serviceId: string, environmentId: string | null, name: string) =>
  `secret-variable/${serviceId}/${environmentId ?? '*'}/${name}`;

function describe(key: SecretVariableKey): string {
  return `${key.name} of ${key.service}${key.environment ? ` in ${key.environment}` : ''}`;
}

function issue(path: string, problem: string | undefined, where: 'path' | 'body') {
  return problem ? [{ path, message: problem, in: where }] : [];
}
