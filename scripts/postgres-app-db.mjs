// Creates (once) the role and database Slipway runs on for `scripts/up.sh --postgres`, through
// the admin URL of testbed/postgres.sh. Usage: node scripts/postgres-app-db.mjs ADMIN_URL NAME PASSWORD
import pg from 'pg';

const [adminUrl, name, password] = process.argv.slice(2);
if (!adminUrl || !name || !password || !/^[a-z_][a-z0-9_]*$/.test(name)) {
  console.error('usage: node scripts/postgres-app-db.mjs ADMIN_URL NAME PASSWORD');
  process.exit(2);
}
const client = new pg.Client({ connectionString: adminUrl });
await client.connect();
try {
  const role = await client.query('select 1 from pg_roles where rolname = $1', [name]);
  const literal = `'${password.replaceAll("'", "''")}'`;
  await client.query(`${role.rowCount ? 'alter' : 'create'} role ${name} login password ${literal}`);
  const db = await client.query('select 1 from pg_database where datname = $1', [name]);
  // The owner of the database may create schemas; on PostgreSQL 15 and later the public schema
  // belongs to pg_database_owner, so owning the database is all the migrations need.
  if (!db.rowCount) await client.query(`create database ${name} owner ${name}`);
} finally {
  await client.end();
}
