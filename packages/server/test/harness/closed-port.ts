import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on, for "connection refused": below the range Linux hands
 * out for port 0 (ip_local_port_range). A port from that range, just released, may be handed
 * to the next server a test starts: in CI the "stopped cluster" of a test was once that test's
 * own Slipway server, which answered TLS with plain HTTP.
 */
export async function closedPort(): Promise<number> {
  const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 10_000 + Math.floor(Math.random() * Math.max(1, low - 10_000));
    if (port < low && (await canListen(port))) return port;
  }
  throw new Error(`no free port below the ephemeral range (from ${low})`);
}

async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  return listening;
}
