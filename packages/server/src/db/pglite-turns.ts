import type {
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  TransactionSettings,
} from 'kysely';

/**
 * PGlite runs in this thread and answers without any I/O: its promises settle as microtasks,
 * so a chain of queries never lets the event loop turn. While one runs, timers, sockets and
 * HTTP requests wait (2,000 queries in a row held a timer of 0 ms for 2.2 s), and a loop that
 * waits on one of them never ends: the notification dispatcher re-claimed deliveries postponed
 * for a busy receiver whose answers it could not read, forever (bench notify froze so).
 *
 * This dialect wraps PGlite's and gives the event loop a turn before handing out a connection
 * once `starvedMs` have gone by without one. It notices a turn with a marker queued by
 * `setImmediate`: when the marker has not run for that long, the queries have been keeping the
 * loop busy. Queries spread over time (the usual case) never wait.
 */
export class EventLoopTurnsDialect implements Dialect {
  constructor(
    private readonly inner: Dialect,
    private readonly starvedMs = 20,
  ) {}

  createDriver(): Driver {
    return new EventLoopTurnsDriver(this.inner.createDriver(), this.starvedMs);
  }

  createAdapter(): DialectAdapter {
    return this.inner.createAdapter();
  }

  createQueryCompiler(): QueryCompiler {
    return this.inner.createQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return this.inner.createIntrospector(db);
  }
}

class EventLoopTurnsDriver implements Driver {
  /** When the pending marker was queued; undefined when none is pending (the loop turned since). */
  #markedAt: number | undefined;

  constructor(
    private readonly inner: Driver,
    private readonly starvedMs: number,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // Checked once the connection is ours, not before asking: those waiting for it are handed
    // it one after another in one run of microtasks, and checked before their wait, a queue of
    // them held the loop for as long as they all took (0.5–0.9 s with 10 deploys at once).
    // Holding it through the turn costs the others nothing: they could not use it meanwhile.
    const connection = await this.inner.acquireConnection();
    if (this.#markedAt === undefined) this.#mark();
    else if (performance.now() - this.#markedAt >= this.starvedMs) {
      // The marker waits behind the queries: let it (and every timer and socket) through.
      await new Promise((resolve) => setImmediate(resolve));
      this.#mark();
    }
    return connection;
  }

  #mark(): void {
    const at = performance.now();
    this.#markedAt = at;
    setImmediate(() => {
      if (this.#markedAt === at) this.#markedAt = undefined;
    });
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
