/**
 * Locks that one replica holds while it works on something and that PostgreSQL takes away the
 * moment that replica is gone: session-level advisory locks, all on one connection of their
 * own. A replica that is SIGKILLed has its socket closed by the kernel, its session ends, and
 * its locks are free for the next replica at once, with no lease to wait out. A replica whose
 * connection drops (the network, a database restart) is told through `onLost`, since another
 * replica may take its locks from then on: it must stop what they guarded. PGlite is one
 * process: nothing to lock against, so it has no session locks.
 */
import type pg from 'pg';

export interface SessionLocks {
  /** Takes the lock named `key` if nobody holds it; true when this replica holds it now. */
  tryLock(key: string): Promise<boolean>;
  /** Lets go of a lock this replica took (nothing when the session was lost meanwhile). */
  unlock(key: string): Promise<void>;
  /** Whether this replica still holds `key`: false once the session that took it is gone. */
  holds(key: string): boolean;
  /** Called when the session ends unasked: every lock it held is gone. */
  onLost(listener: () => void): void;
  /** Gives the connection back; every lock is let go with it. */
  close(): Promise<void>;
}

export function postgresSessionLocks(pool: pg.Pool): SessionLocks {
  let client: Promise<pg.PoolClient> | undefined;
  let closed = false;
  const held = new Set<string>();
  const listeners: Array<() => void> = [];

  const lost = (c: pg.PoolClient) => {
    if (closed) return;
    client = undefined;
    try {
      c.release(true);
    } catch {
      // released already (both 'error' and 'end' came)
    }
    if (held.size === 0) return;
    held.clear();
    for (const listener of listeners) listener();
  };
  const session = (): Promise<pg.PoolClient> => {
    client ??= pool.connect().then((c) => {
      c.on('error', () => lost(c));
      c.on('end', () => lost(c));
      return c;
    });
    // A failed connect is tried again at the next call.
    return client.catch((error) => {
      client = undefined;
      throw error;
    });
  };

  return {
    async tryLock(key) {
      if (closed) return false;
      if (held.has(key)) return true;
      const c = await session();
      // hashtextextended: a 64-bit key from the text, the width advisory locks take.
      const { rows } = await c.query<{ locked: boolean }>(
        'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked',
        [key],
      );
      if (rows[0]?.locked) held.add(key);
      return held.has(key);
    },
    async unlock(key) {
      if (!held.delete(key) || !client) return;
      const c = await client;
      await c.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]);
    },
    holds: (key) => held.has(key),
    onLost(listener) {
      listeners.push(listener);
    },
    async close() {
      closed = true;
      held.clear();
      const c = await client?.catch(() => undefined);
      client = undefined;
      // Destroyed, not returned to the pool: a pooled session would keep its locks.
      c?.release(true);
    },
  };
}
