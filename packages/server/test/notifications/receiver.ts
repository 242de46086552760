import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a receiver saw it. */
export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

/**
 * A real HTTP server standing in for a webhook receiver. `answer` decides per request (its
 * index counts from 0): a status, 'hang' (never answers), or 'reset' (drops the connection).
 */
export async function startReceiver(
  answer: (index: number, request: Received) => number | 'hang' | 'reset' = () => 200,
): Promise<{
  url: string;
  received: Received[];
  close(): Promise<void>;
  waitFor(count: number, ms?: number): Promise<void>;
}> {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() };
      const index = received.push(request) - 1;
      for (const w of waiters.splice(0)) w();
      const verdict = answer(index, request);
      if (verdict === 'hang') return;
      if (verdict === 'reset') return req.socket.destroy();
      res.writeHead(verdict, { 'content-type': 'text/plain' }).end(verdict >= 300 ? 'receiver says no' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    waitFor: async (count, ms = 20_000) => {
      const deadline = performance.now() + ms;
      while (received.length < count) {
        if (performance.now() > deadline) throw new Error(`the receiver got ${received.length} of ${count} requests`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
}
