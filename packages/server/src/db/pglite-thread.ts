import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
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

/**
 * PGlite in a thread of its own. In the server's thread, PGlite's WebAssembly ran every query
 * there: its answers settle without I/O, so a burst of queries held timers, sockets and HTTP
 * requests (100 deploys at once held the event loop 330 ms at p99, and a release's verdict
 * reached the database seconds after the engine had it). In its own thread, the database works
 * on the second core while the server's thread goes on serving, and each answer comes back as a
 * message, between which the event loop turns.
 *
 * One statement at a time, in order: PGlite is one session, so the driver hands its single
 * connection to one holder at a time (a transaction keeps it to its end), as
 * kysely-pglite-dialect does in the same thread.
 */

/** What the server's thread sends: a statement, or the request to close the database. */
export type ThreadRequest = { id: number } & ThreadAsk;
type ThreadAsk = { kind: 'query'; sql: string; parameters: unknown[] } | { kind: 'close' };

/** What the database's thread answers; id 0 is its first word (opened, or why not). */
export interface ThreadAnswer {
  id: number;
  rows?: unknown[];
  affectedRows?: number | undefined;
  error?: { message: string; fields?: Record<string, unknown> } | undefined;
}

/** The database's thread, and a statement's answer by its id. */
export class PgliteThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (a: ThreadAnswer) => void; reject: (e: Error) => void }>();
  #next = 1;
  #gone: Error | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (answer: ThreadAnswer) => {
      const waiter = this.#waiting.get(answer.id);
      this.#waiting.delete(answer.id);
      if (this.#waiting.size === 0) worker.unref();
      waiter?.resolve(answer);
    });
    // Idle, the thread does not keep the process alive (a command that opened the database and
    // forgot to close it still ends); a statement under way does, until its answer is in.
    worker.unref();
    const fail = (error: Error) => {
      this.#gone ??= error;
      for (const waiter of this.#waiting.values()) waiter.reject(error);
      this.#waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The embedded database's thread ended (exit code ${code})`)));
  }

  /**
   * Starts the thread and opens PGlite on `dataDir` there; rejects with PGlite's reason. A
   * directory that holds no database yet is created first in a thread of its own, which then
   * ends: creating one (initdb) leaves about 400 MB of WebAssembly memory behind in the thread
   * that ran it (the server's RSS with a fresh directory, migrated: 960 MB in one thread, 560 MB
   * so; with an existing one, 450 MB).
   */
  static async open(dataDir: string): Promise<PgliteThread> {
    const fresh = dataDir !== 'memory://' && !existsSync(join(dataDir, 'PG_VERSION'));
    if (fresh) await (await PgliteThread.#start(dataDir)).close();
    return PgliteThread.#start(dataDir);
  }

  static async #start(dataDir: string): Promise<PgliteThread> {
    const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: { dataDir },
      // The server's own flags (--test, --import tsx, inspector ports) are not the thread's.
      execArgv: [],
    });
    const first = await new Promise<ThreadAnswer>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The embedded database's thread ended (exit code ${code})`)));
    });
    if (first.error) {
      await worker.terminate();
      throw errorOf(first.error);
    }
    return new PgliteThread(worker);
  }

  async query(sql: string, parameters: readonly unknown[]): Promise<QueryResult<unknown>> {
    const answer = await this.#ask({ kind: 'query', sql, parameters: [...parameters] });
    if (answer.error) throw errorOf(answer.error);
    const rows = answer.rows ?? [];
    return answer.affectedRows ? { rows, numAffectedRows: BigInt(answer.affectedRows) } : { rows };
  }

  /** Closes PGlite (flushing its files) and ends the thread. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#gone) return;
    await this.#ask({ kind: 'close' }).catch(() => {});
    this.#gone = new Error('The embedded database is closed');
    await this.#worker.terminate();
  }

  #ask(request: ThreadAsk): Promise<ThreadAnswer> {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = this.#next++;
    if (this.#waiting.size === 0) this.#worker.ref();
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ ...request, id });
    });
  }
}

/** An Error carrying the database's fields (code, constraint…), as node-postgres's do. */
function errorOf(described: NonNullable<ThreadAnswer['error']>): Error {
  return Object.assign(new Error(described.message), described.fields ?? {});
}

export class PgliteThreadDialect implements Dialect {
  constructor(private readonly thread: PgliteThread) {}

  createDriver(): Driver {
    return new OneSessionDriver(this.thread);
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

/** The single session, lent to one holder at a time in the order they asked. */
class OneSessionDriver implements Driver {
  readonly #connection: DatabaseConnection;
  #held = false;
  readonly #queue: Array<(connection: DatabaseConnection) => void> = [];

  constructor(thread: PgliteThread) {
    this.#connection = {
      executeQuery: <R>(query: CompiledQuery) => thread.query(query.sql, query.parameters) as Promise<QueryResult<R>>,
      streamQuery: async function* <R>(query: CompiledQuery, chunkSize = 100) {
        const { rows } = (await thread.query(query.sql, query.parameters)) as QueryResult<R>;
        for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
      },
    };
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve(this.#connection);
    }
    return new Promise((resolve) => this.#queue.push(resolve));
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

  async releaseConnection(): Promise<void> {
    const next = this.#queue.shift();
    if (next) next(this.#connection);
    else this.#held = false;
  }

  async destroy(): Promise<void> {}
}
