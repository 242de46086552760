import { alreadyExists, notFound } from '@slipway/core';
import type { Kysely, Selectable } from 'kysely';
import type { PreviewSourcesTable, Schema } from '../schema.ts';
import { isUniqueViolation } from '../sql-errors.ts';

/** How pull requests of one repository become preview environments. */
export interface PreviewSourceSpec {
  /** The environment previews are cloned from. */
  baseEnvironment: string;
  /** The type of the previews (its TTL, quota and rules apply). */
  environmentType: string;
  /** Name of each preview; `{number}` and `{repo}` are replaced. */
  namePattern: string;
  /** Per service, the image a pull request's commit is built as: `{sha}`, `{short_sha}`, `{number}`, `{branch}`. */
  images: Record<string, string>;
  /** Overrides the type's time-to-live, in seconds. */
  ttlSeconds?: number;
}

export interface PreviewSource extends PreviewSourceSpec {
  name: string;
  repository: string;
  updatedAt: Date;
}

export async function putPreviewSource(
  db: Kysely<Schema>,
  name: string,
  repository: string,
  spec: PreviewSourceSpec,
): Promise<PreviewSource> {
  try {
    const row = await db
      .insertInto('preview_sources')
      .values({ name, repository, spec: JSON.stringify(spec) })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({ repository, spec: JSON.stringify(spec), updated_at: new Date() }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSource(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(`Another preview source already serves ${repository}`);
    throw error;
  }
}

export async function listPreviewSources(db: Kysely<Schema>): Promise<PreviewSource[]> {
  return (await db.selectFrom('preview_sources').selectAll().orderBy('name').execute()).map(toSource);
}

export async function findPreviewSourceByRepository(db: Kysely<Schema>, repository: string) {
  const row = await db
    .selectFrom('preview_sources')
    .selectAll()
    .where(({ eb, fn }) => eb(fn('lower', ['repository']), '=', repository.toLowerCase()))
    .executeTakeFirst();
  return row ? toSource(row) : undefined;
}

export async function deletePreviewSource(db: Kysely<Schema>, name: string): Promise<void> {
  const result = await db.deleteFrom('preview_sources').where('name', '=', name).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Preview source ${name}`);
}

/** Records a webhook delivery; false when it was seen before (GitHub redelivers). */
export async function recordDelivery(
  db: Kysely<Schema>,
  delivery: { id: string; event: string; action: string },
): Promise<boolean> {
  const rows = await db
    .insertInto('webhook_deliveries')
    .values(delivery)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  return rows.length > 0;
}

export async function forgetDelivery(db: Kysely<Schema>, id: string): Promise<void> {
  await db.deleteFrom('webhook_deliveries').where('id', '=', id).execute();
}

export async function recordDeliveryResult(db: Kysely<Schema>, id: string, result: string): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ result }).where('id', '=', id).execute();
}

function toSource(row: Selectable<PreviewSourcesTable>): PreviewSource {
  return { ...(row.spec as PreviewSourceSpec), name: row.name, repository: row.repository, updatedAt: row.updated_at };
}
