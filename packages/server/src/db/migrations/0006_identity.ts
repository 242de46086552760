/**
 * Identity and access: local accounts (argon2 hashes) and OIDC identities on users, browser
 * sessions, teams and their members, role bindings, owning teams of services and environments,
 * and secret variables per service (and optionally per environment), sealed with the key ring.
 * Frozen once released.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('email', 'text')
    // An argon2id PHC string; null for users who only sign in through OIDC or with tokens.
    .addColumn('password_hash', 'text')
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('disabled_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('users_oidc_identity_key')
    .on('users')
    .columns(['oidc_issuer', 'oidc_subject'])
    .unique()
    .where(sql.ref('oidc_subject'), 'is not', null)
    .execute();

  // A browser session: the cookie holds a random secret, the table only its sha256.
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('teams')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    // local: managed through the API; catalog or oidc: kept in step with that source.
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('local'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('team_members')
    .addColumn('team', 'text', (c) => c.notNull().references('teams.name').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('local'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('team_members_pkey', ['team', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_user_idx').on('team_members').column('user_id').execute();

  await db.schema
    .createTable('role_bindings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('role', 'text', (c) => c.notNull())
    // user (a username) or team (a team name).
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // global (scope ''), team (a team name) or service (a service name).
    .addColumn('scope_kind', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
    // Empty: every environment type.
    .addColumn('environment_types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('role_bindings_unique_key', [
      'role',
      'subject_kind',
      'subject',
      'scope_kind',
      'scope',
      'environment_types',
    ])
    .execute();
  await db.schema
    .createIndex('role_bindings_subject_idx')
    .on('role_bindings')
    .columns(['subject_kind', 'subject'])
    .execute();

  // Null owner: the service or environment is the platform's (only global bindings reach it).
  await db.schema
    .alterTable('services')
    .addColumn('owner_team', 'text', (c) => c.references('teams.name').onDelete('restrict'))
    .execute();
  await db.schema
    .alterTable('environments')
    .addColumn('owner_team', 'text', (c) => c.references('teams.name').onDelete('restrict'))
    .execute();

  await db.schema
    .createTable('secret_variables')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id').onDelete('cascade'))
    // Null: the value for every environment without its own.
    .addColumn('environment_id', 'uuid', (c) => c.references('environments.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // Sealed with the key ring (AES-256-GCM envelope); never returned by the API.
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index secret_variables_scope_name_key on secret_variables
    (service_id, coalesce(environment_id, '00000000-0000-0000-0000-000000000000'::uuid), name)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('secret_variables').execute();
  await db.schema.alterTable('environments').dropColumn('owner_team').execute();
  await db.schema.alterTable('services').dropColumn('owner_team').execute();
  await db.schema.dropTable('role_bindings').execute();
  await db.schema.dropTable('team_members').execute();
  await db.schema.dropTable('teams').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropIndex('users_oidc_identity_key').execute();
  await db.schema
    .alterTable('users')
    .dropColumn('disabled_at')
    .dropColumn('oidc_subject')
    .dropColumn('oidc_issuer')
    .dropColumn('password_hash')
    .dropColumn('email')
    .execute();
}
