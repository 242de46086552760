/**
 * Moves every row of one Slipway database into another (PGlite to PostgreSQL, typically), with
 * the project's own database layer: both sides are opened and migrated to the same version,
 * then each table is copied in foreign-key order inside one transaction on the target, so a
 * failure leaves the target as it was. Values travel in PostgreSQL's text form (`col::text`
 * out, the column's own type in), the form pg_dump uses: JSON, bytea, timestamps with their
 * zone, arrays and numbers come back exactly as they were, with no JavaScript conversion between.
 */
import { SlipwayError } from '@slipway/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './database.ts';
import type { Schema } from './schema.ts';

export interface MoveOptions {
  /** Empty the target's tables first instead of refusing a target that holds rows. */
  replace?: boolean;
  /** Rows per INSERT statement (bounded further by PostgreSQL's 65535 parameters). */
  batchRows?: number;
}

export interface MovedTable {
  table: string;
  rows: number;
}

export interface MoveResult {
  migration: string | null;
  tables: MovedTable[];
  totalRows: number;
}

interface TableShape {
  name: string;
  columns: string[];
  /** Columns that point at this same table (a release's `rollback_of`): filled in a second pass. */
  selfReferences: string[];
}

type Db = Kysely<Schema> | Transaction<Schema>;

const migrationTables = new Set(['kysely_migration', 'kysely_migration_lock']);

export async function moveDatabase(from: Database, to: Database, options: MoveOptions = {}): Promise<MoveResult> {
  const migration = await sameMigration(from, to);
  const tables = orderByDependencies(await tablesOf(from.db));
  const targetRows = await countRows(to.db, tables);
  const occupied = targetRows.filter((t) => t.rows > 0);
  if (occupied.length > 0 && !options.replace) {
    throw new SlipwayError(
      'conflict',
      `The target database is not empty: ${occupied.map((t) => `${t.table} (${t.rows})`).join(', ')}`,
      { hint: 'Move into a fresh database, or pass --replace to delete what the target holds first.' },
    );
  }
  const batchRows = options.batchRows ?? 500;
  await to.db.transaction().execute(async (trx) => {
    if (occupied.length > 0) {
      await sql`truncate ${sql.join(tables.map((t) => sql.table(t.name)))} cascade`.execute(trx);
    }
    for (const table of tables) await copyTable(from.db, trx, table, batchRows);
  });
  const moved = await verifyCounts(from.db, to.db, tables);
  return { migration, tables: moved, totalRows: moved.reduce((sum, t) => sum + t.rows, 0) };
}

/** Both sides were migrated on opening; a difference means one runs another Slipway version. */
async function sameMigration(from: Database, to: Database): Promise<string | null> {
  const [source, target] = await Promise.all([from.ping(), to.ping()]);
  if (source.migration !== target.migration) {
    throw new SlipwayError(
      'conflict',
      `The two databases are at different schema versions: ${source.migration} and ${target.migration}`,
      { hint: 'Open both with the same Slipway version; it migrates each to its latest schema.' },
    );
  }
  return source.migration;
}

async function tablesOf(db: Db): Promise<Array<TableShape & { references: string[] }>> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
    order by c.table_name, c.ordinal_position`.execute(db);
  const foreignKeys = await sql<{ table_name: string; column_name: string; referenced: string }>`
    select child.relname as table_name, a.attname as column_name, parent.relname as referenced
    from pg_constraint k
    join pg_class child on child.oid = k.conrelid
    join pg_class parent on parent.oid = k.confrelid
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
    where k.contype = 'f' and child.relnamespace = current_schema()::regnamespace`.execute(db);
  const byTable = new Map<string, TableShape & { references: string[] }>();
  for (const { table_name, column_name } of columns.rows) {
    if (migrationTables.has(table_name)) continue;
    const shape = byTable.get(table_name) ?? { name: table_name, columns: [], selfReferences: [], references: [] };
    shape.columns.push(column_name);
    byTable.set(table_name, shape);
  }
  for (const fk of foreignKeys.rows) {
    const shape = byTable.get(fk.table_name);
    if (!shape) continue;
    if (fk.referenced === fk.table_name) shape.selfReferences.push(fk.column_name);
    else shape.references.push(fk.referenced);
  }
  return [...byTable.values()];
}

/** Parents before children (a topological sort on the foreign keys), by name where free to choose. */
function orderByDependencies(tables: Array<TableShape & { references: string[] }>): TableShape[] {
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  let remaining = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (remaining.length > 0) {
    const ready = remaining.filter((t) => t.references.every((r) => placed.has(r) || r === t.name));
    if (ready.length === 0) {
      throw new SlipwayError('internal', `Foreign keys form a circle among ${remaining.map((t) => t.name).join(', ')}`);
    }
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
    remaining = remaining.filter((t) => !placed.has(t.name));
  }
  return ordered;
}

async function copyTable(from: Db, to: Db, table: TableShape, batchRows: number): Promise<void> {
  const rows = await sql<{ values: Array<string | null> }>`
    select array[${sql.join(table.columns.map((c) => sql`${sql.ref(c)}::text`))}] as values
    from ${sql.table(table.name)}`.execute(from);
  // Self-references are written once every row exists: the row pointed at may come later.
  const deferred = new Set(table.selfReferences);
  const perStatement = Math.max(1, Math.min(batchRows, Math.floor(60_000 / table.columns.length)));
  for (let start = 0; start < rows.rows.length; start += perStatement) {
    const batch = rows.rows.slice(start, start + perStatement);
    const tuples = batch.map(
      (row) => sql`(${sql.join(row.values.map((v, i) => (deferred.has(table.columns[i] ?? '') ? null : v)))})`,
    );
    await sql`insert into ${sql.table(table.name)} (${sql.join(table.columns.map((c) => sql.ref(c)))})
      values ${sql.join(tuples)}`.execute(to);
  }
  if (deferred.size > 0) await fillSelfReferences(to, table, rows.rows);
}

async function fillSelfReferences(to: Db, table: TableShape, rows: Array<{ values: Array<string | null> }>) {
  const key = table.columns.indexOf('id');
  if (key < 0) throw new SlipwayError('internal', `${table.name} points at itself but has no id column`);
  for (const column of table.selfReferences) {
    const index = table.columns.indexOf(column);
    for (const row of rows) {
      const value = row.values[index];
      if (value === null || value === undefined) continue;
      await sql`update ${sql.table(table.name)} set ${sql.ref(column)} = ${value}
        where id = ${row.values[key]}`.execute(to);
    }
  }
}

async function countRows(db: Db, tables: TableShape[]): Promise<MovedTable[]> {
  const counted: MovedTable[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table.name)}`.execute(db);
    counted.push({ table: table.name, rows: Number(rows[0]?.n ?? 0) });
  }
  return counted;
}

/** The same number of rows in every table on both sides, or the move is reported as failed. */
async function verifyCounts(from: Db, to: Db, tables: TableShape[]): Promise<MovedTable[]> {
  const [source, target] = await Promise.all([countRows(from, tables), countRows(to, tables)]);
  const differ = source.filter((s, i) => s.rows !== target[i]?.rows);
  if (differ.length > 0) {
    const detail = differ.map((s) => `${s.table}: ${s.rows} → ${target.find((t) => t.table === s.table)?.rows}`);
    throw new SlipwayError('internal', `Row counts differ after the move: ${detail.join(', ')}`);
  }
  return source;
}
