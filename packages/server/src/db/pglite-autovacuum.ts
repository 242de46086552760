/**
 * PGlite runs PostgreSQL as a single backend, without the background workers a server starts,
 * autovacuum among them. Nothing ever vacuums or analyzes its tables, and that costs queries as
 * the data grows. At 100,000 catalog entities: no statistics, so the planner guesses at every
 * filter; no visibility map, so counting the 70,000 components read the whole heap (60 ms)
 * where an index-only scan takes 12 ms; dead rows of updates never reclaimed.
 *
 * This does autovacuum's work on autovacuum's own triggers, read from the cumulative statistics
 * PGlite keeps while it runs (`pg_stat_user_tables`): a table is vacuumed when its dead rows or
 * its rows inserted since the last vacuum pass the thresholds, analyzed when its rows changed
 * since the last analyze do, with PostgreSQL's default settings. One pass a minute (autovacuum's
 * naptime). PGlite answers one statement at a time in this thread, so a pass holds requests up
 * while it runs: ~0.4 s to vacuum 830,000 relation rows the first time, ~1.2 s to analyze
 * 100,000 entities, milliseconds when little changed, and nothing when nothing did.
 */
import { type Kysely, sql } from 'kysely';
import type { Schema } from './schema.ts';

// PostgreSQL's defaults: autovacuum_vacuum_threshold and _scale_factor, the insert ones, and analyze's.
const vacuumBase = 50;
const vacuumScale = 0.2;
const insertBase = 1000;
const insertScale = 0.2;
const analyzeBase = 50;
const analyzeScale = 0.1;

/** What one pass did to a table. */
export interface TableUpkeep {
  table: string;
  vacuumed: boolean;
  analyzed: boolean;
}

interface TableCounts {
  table: string;
  /** pg_class.reltuples: -1 until the table is first vacuumed or analyzed. */
  tuples: number;
  dead: number;
  insertedSinceVacuum: number;
  changedSinceAnalyze: number;
}

/** Which tables are due, by autovacuum's rules. Pure, for the tests. */
export function dueUpkeep(tables: readonly TableCounts[]): TableUpkeep[] {
  return tables
    .map((t) => {
      const rows = Math.max(t.tuples, 0);
      const vacuumed =
        t.dead > vacuumBase + vacuumScale * rows || t.insertedSinceVacuum > insertBase + insertScale * rows;
      const analyzed = t.changedSinceAnalyze > analyzeBase + analyzeScale * rows;
      return { table: t.table, vacuumed, analyzed };
    })
    .filter((t) => t.vacuumed || t.analyzed);
}

/** One pass: vacuums and analyzes the tables that are due; answers what it did. */
export async function upkeepPass(db: Kysely<Schema>): Promise<TableUpkeep[]> {
  // Counts of the statements just run reach the view once flushed; flushed now, not later.
  await sql`select pg_stat_force_next_flush()`.execute(db);
  const { rows } = await sql<{ table: string; tuples: number; dead: string; inserted: string; changed: string }>`
    select s.relname as table, c.reltuples as tuples, s.n_dead_tup as dead,
      s.n_ins_since_vacuum as inserted, s.n_mod_since_analyze as changed
    from pg_stat_user_tables s join pg_class c on c.oid = s.relid
    where s.schemaname = current_schema()`.execute(db);
  const due = dueUpkeep(
    rows.map((r) => ({
      table: r.table,
      tuples: Number(r.tuples),
      dead: Number(r.dead),
      insertedSinceVacuum: Number(r.inserted),
      changedSinceAnalyze: Number(r.changed),
    })),
  );
  for (const t of due) {
    const table = sql.id(t.table);
    if (t.vacuumed && t.analyzed) await sql`vacuum (analyze) ${table}`.execute(db);
    else if (t.vacuumed) await sql`vacuum ${table}`.execute(db);
    else await sql`analyze ${table}`.execute(db);
  }
  return due;
}

/** Runs a pass every `intervalMs`; a pass under way is joined, never doubled. */
export class PgliteAutovacuum {
  readonly #db: Kysely<Schema>;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<TableUpkeep[]> | undefined;
  #stopped = false;

  constructor(db: Kysely<Schema>, intervalMs = 60_000) {
    this.#db = db;
    this.#intervalMs = intervalMs;
  }

  start(): void {
    // A pass that fails (the database closing under it) changes nothing; the next one tries again.
    this.#timer = setInterval(() => this.pass().catch(() => undefined), this.#intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a pass under way, so the database can close after it. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  pass(): Promise<TableUpkeep[]> {
    if (this.#stopped) return Promise.resolve([]);
    this.#running ??= upkeepPass(this.#db).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }
}
