import { type messages, type PGlite, protocol, types } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pgUtils from 'pg/lib/utils.js';

/**
 * Kysely on PGlite, each statement in one exchange with its WebAssembly backend.
 *
 * PGlite's own `query()` crosses into the backend six times per statement (parse, describe the
 * parameters, bind, describe the result, execute, sync) so that it can turn each parameter into
 * text by the type PostgreSQL inferred for it. Here the whole extended-protocol conversation
 * goes in one buffer, and parameters are turned into text the way node-postgres does it on
 * PostgreSQL (`prepareValue`, the type left for PostgreSQL to infer, bytes sent as binary): the
 * statements of both engines receive the same parameters. Per statement, 0.36 → 0.17 CPU-ms in
 * a refresh-like mix, 0.75 → 0.49 for a select of three rows (docs/benchmarks.md); PGlite runs
 * in the server's thread, so every statement's overhead is the server's CPU.
 *
 * One connection, handed to one holder at a time (a transaction keeps it); the others queue.
 */
export class PgliteDialect implements Dialect {
  constructor(private readonly client: PGlite) {}

  createDriver(): Driver {
    return new PgliteDriver(this.client);
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

class PgliteDriver implements Driver {
  readonly #connection: PgliteConnection;
  #held = false;
  readonly #waiting: Array<(connection: PgliteConnection) => void> = [];

  constructor(private readonly client: PGlite) {
    this.#connection = new PgliteConnection(client);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#held) {
      this.#held = true;
      return this.#connection;
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async releaseConnection(): Promise<void> {
    const next = this.#waiting.shift();
    if (next) next(this.#connection);
    else this.#held = false;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel;
    await connection.executeQuery(CompiledQuery.raw(level ? `start transaction isolation level ${level}` : 'begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    if (!this.client.closed) await this.client.close();
  }
}

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly client: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // A closed PGlite aborts its WebAssembly on the next message instead of refusing it.
    if (this.client.closed) throw new Error('PGlite is closed');
    const message = exchange(query.sql, query.parameters);
    // Exclusive as PGlite's own queries are: nothing else may talk to the backend meanwhile.
    // A statement PostgreSQL refuses throws here, after the sync in the same buffer has ended
    // the failed exchange: the connection is ready for the next statement (or the rollback).
    // Nothing to sync afterwards: the file systems used here (a directory, memory) write through.
    const messages = await this.client.runExclusive(() => this.client.execProtocolStream(message, { syncToFs: false }));
    return toResult<R>(messages, this.client.parsers);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    // PGlite answers a statement whole; it is handed out in chunks.
    const { rows } = await this.executeQuery<R>(query);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}

/** Parse, bind, describe, execute and sync in one buffer: the unnamed statement and portal. */
function exchange(text: string, parameters: readonly unknown[]): Uint8Array {
  const { serialize } = protocol;
  const parts = [
    serialize.parse({ text }),
    serialize.bind({ values: parameters.map((p) => pgUtils.prepareValue(p)) }),
    serialize.describe({ type: 'P' }),
    serialize.execute({}),
    serialize.sync(),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

type Parsers = PGlite['parsers'];
type Field = { name: string; dataTypeID: number };

// The statements whose command tag counts rows, as node-postgres (and so Kysely's PostgreSQL
// driver) report them: numAffectedRows is set for these, zero included.
const countingCommands = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);

function toResult<R>(messages: readonly messages.BackendMessage[], parsers: Parsers): QueryResult<R> {
  let fields: readonly Field[] = [];
  const rows: R[] = [];
  let numAffectedRows: bigint | undefined;
  for (const m of messages) {
    if (m.name === 'rowDescription') fields = (m as messages.RowDescriptionMessage).fields;
    else if (m.name === 'dataRow') rows.push(toRow<R>((m as messages.DataRowMessage).fields, fields, parsers));
    else if (m.name === 'commandComplete') numAffectedRows = affectedRows((m as messages.CommandCompleteMessage).text);
  }
  return numAffectedRows === undefined ? { rows } : { rows, numAffectedRows };
}

/** A row as PGlite's query() makes it: by column name, each value through PGlite's parser for its type. */
function toRow<R>(values: ReadonlyArray<string | null>, fields: readonly Field[], parsers: Parsers): R {
  const row: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    row[field.name] = types.parseType(values[i] ?? null, field.dataTypeID, parsers);
  });
  return row as R;
}

/** `INSERT 0 3` → 3n, `UPDATE 2` → 2n; undefined for a statement that counts nothing. */
function affectedRows(tag: string): bigint | undefined {
  const words = tag.split(' ');
  if (!countingCommands.has(words[0] ?? '')) return undefined;
  const count = words[words.length - 1];
  return count && /^\d+$/.test(count) ? BigInt(count) : undefined;
}
