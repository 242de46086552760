/**
 * Messages between replicas through PostgreSQL's LISTEN/NOTIFY: what one replica writes, the
 * others hear about at once (a live view on replica B follows a release replica A drives).
 * Every subscription of a process shares one connection, taken from the pool when the first
 * one starts and given back when the last one ends, so the pool keeps its connections for
 * queries however many parts of the server listen. When it drops (a server restart, the
 * network), it connects again with growing pauses, listens to every channel again and then
 * says so to each subscriber through `onResync`, since whatever was sent meanwhile is lost:
 * listeners read afresh. PGlite is one process: it has no other replica to tell, so it has no
 * pub/sub.
 */
import type pg from 'pg';

export interface PubSub {
  /** Sends a message to every subscriber of the channel, this process's included. */
  publish(channel: string, payload: string): Promise<void>;
  /**
   * Hears the channel's messages until the returned function is called. `onResync` runs after
   * the connection came back: messages may have been missed.
   */
  subscribe(channel: string, onMessage: (payload: string) => void, onResync: () => void): Promise<() => Promise<void>>;
  /** Ends every subscription: their connections go back, so the pool can close. */
  close(): Promise<void>;
}

// NOTIFY refuses payloads of 8,000 bytes and more.
const maxPayloadBytes = 7_900;
const firstRetryMs = 500;
const maxRetryMs = 30_000;

export function postgresPubSub(pool: pg.Pool, log?: { warn(obj: object, msg?: string): void }): PubSub {
  const listeners = new Set<Listener>();
  let client: pg.PoolClient | undefined;
  let connecting: Promise<pg.PoolClient> | undefined;
  let retryMs = firstRetryMs;
  let timer: NodeJS.Timeout | undefined;

  const channels = () => new Set([...listeners].map((l) => l.channel));
  const quote = (channel: string) => `"${channel.replaceAll('"', '""')}"`;

  const connect = (): Promise<pg.PoolClient> => {
    connecting ??= (async () => {
      const c = await pool.connect();
      c.on('notification', (n) => {
        if (n.payload === undefined) return;
        for (const l of [...listeners]) if (l.channel === n.channel) l.onMessage(n.payload);
      });
      c.on('error', (error) => lost(c, error));
      c.on('end', () => lost(c, new Error('the connection ended')));
      try {
        for (const channel of channels()) await c.query(`listen ${quote(channel)}`);
      } catch (error) {
        c.release(true);
        throw error;
      }
      client = c;
      retryMs = firstRetryMs;
      return c;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  const lost = (c: pg.PoolClient, error: unknown) => {
    if (client !== c) return;
    client = undefined;
    c.release(true); // destroyed, not returned to the pool
    if (listeners.size === 0) return;
    log?.warn({ err: error }, 'lost the LISTEN connection; reconnecting');
    retry();
  };

  const retry = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      connect().then(
        () => {
          for (const l of [...listeners]) l.onResync();
        },
        (error: unknown) => {
          log?.warn({ err: error }, 'could not LISTEN again; retrying');
          retryMs = Math.min(retryMs * 2, maxRetryMs);
          if (listeners.size > 0) retry();
        },
      );
    }, retryMs);
    timer.unref();
  };

  /** Gives the connection back once nobody listens any more. */
  const idle = async () => {
    if (listeners.size > 0) return;
    clearTimeout(timer);
    const c = client;
    client = undefined;
    if (!c) return;
    await c.query('unlisten *').catch(() => {});
    c.release();
  };

  return {
    async close() {
      listeners.clear();
      await idle();
    },

    async publish(channel, payload) {
      if (Buffer.byteLength(payload) > maxPayloadBytes) throw new Error(`a ${channel} message is too long for NOTIFY`);
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },

    async subscribe(channel, onMessage, onResync) {
      const listener: Listener = { channel, onMessage, onResync };
      const fresh = !channels().has(channel);
      listeners.add(listener);
      try {
        const c = client ?? (await connect());
        // connect() listened to every channel known when it began; a newer one is added here.
        if (fresh) await c.query(`listen ${quote(channel)}`);
      } catch (error) {
        listeners.delete(listener);
        await idle();
        throw error;
      }
      return async () => {
        if (!listeners.delete(listener)) return;
        if (listeners.size === 0) return idle();
        if (!channels().has(channel)) await client?.query(`unlisten ${quote(channel)}`).catch(() => {});
      };
    },
  };
}

interface Listener {
  channel: string;
  onMessage(payload: string): void;
  onResync(): void;
}
