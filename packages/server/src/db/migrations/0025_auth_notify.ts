/**
 * Replicas remember who a token belongs to and what its user may do (auth/auth-cache.ts). When
 * a token, a user, a team, a membership or a role binding changes, every replica must forget at
 * once: these triggers send a NOTIFY on `slipway_auth` from the statement that changed them,
 * delivered when its transaction commits (and not at all if it rolls back), whoever wrote it.
 * A token's `last_used_at`, stamped once a minute, is left out: it changes nothing anyone may do.
 */
import { type Kysely, sql } from 'kysely';

const tables = ['users', 'teams', 'team_members', 'role_bindings'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION slipway_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('slipway_auth', TG_TABLE_NAME);
      RETURN NULL;
    END $$`.execute(db);
  for (const table of tables) {
    await sql`CREATE TRIGGER slipway_auth_changed AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION slipway_auth_changed()`.execute(db);
  }
  await sql`CREATE TRIGGER slipway_auth_changed AFTER INSERT OR DELETE OR UPDATE OF
      token_hash, user_id, scopes, expires_at, revoked_at ON api_tokens
      FOR EACH STATEMENT EXECUTE FUNCTION slipway_auth_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...tables, 'api_tokens']) {
    await sql`DROP TRIGGER slipway_auth_changed ON ${sql.table(table)}`.execute(db);
  }
  await sql`DROP FUNCTION slipway_auth_changed()`.execute(db);
}
