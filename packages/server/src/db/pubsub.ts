/**
 * Messages between replicas through PostgreSQL's LISTEN/NOTIFY: what one replica writes, the
 * others hear about at once (a live view on replica B follows a release replica A drives). A
 * subscription holds one connection of its own, taken from the pool; when it drops (a server
 * restart, the network), it connects again with growing pauses and then says so through
 * `onResync`, since whatever was sent meanwhile is lost: listeners read afresh. PGlite is one
 * process: it has no other replica to tell, so it has no pub/sub.
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
  const open = new Set<() => Promise<void>>();
  return {
    async close() {
      await Promise.all([...open].map((stop) => stop()));
    },

    async publish(channel, payload) {
      if (Buffer.byteLength(payload) > maxPayloadBytes) throw new Error(`a ${channel} message is too long for NOTIFY`);
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },

    async subscribe(channel, onMessage, onResync) {
      let client: pg.PoolClient | undefined;
      let stopped = false;
      let retryMs = firstRetryMs;
      let timer: NodeJS.Timeout | undefined;

      const connect = async (): Promise<void> => {
        const c = await pool.connect();
        c.on('notification', (n) => {
          if (n.channel === channel && n.payload !== undefined) onMessage(n.payload);
        });
        c.on('error', (error) => lost(c, error));
        c.on('end', () => lost(c, new Error('the connection ended')));
        // The identifier is ours, not the caller's: quote it anyway.
        await c.query(`listen "${channel.replaceAll('"', '""')}"`);
        client = c;
        retryMs = firstRetryMs;
      };

      const lost = (c: pg.PoolClient, error: unknown) => {
        if (client !== c) return;
        client = undefined;
        c.release(true); // destroyed, not returned to the pool
        if (stopped) return;
        log?.warn({ err: error, channel }, 'lost the LISTEN connection; reconnecting');
        retry();
      };

      const retry = () => {
        timer = setTimeout(() => {
          connect().then(onResync, (error: unknown) => {
            log?.warn({ err: error, channel }, 'could not LISTEN again; retrying');
            retryMs = Math.min(retryMs * 2, maxRetryMs);
            if (!stopped) retry();
          });
        }, retryMs);
        timer.unref();
      };

      await connect();
      const stop = async () => {
        open.delete(stop);
        stopped = true;
        clearTimeout(timer);
        const c = client;
        client = undefined;
        if (!c) return;
        await c.query(`unlisten "${channel.replaceAll('"', '""')}"`).catch(() => {});
        c.release();
      };
      open.add(stop);
      return stop;
    },
  };
}
