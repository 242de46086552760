import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { after, before } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { reuseConnections } from '../../src/kube/connection-reuse.ts';
import { testKubeConfigPath } from './cluster.ts';

type Mode = 'open' | 'cut' | 'blackhole';
type Pair = { client: Socket; upstream?: Socket };

/**
 * A real TCP proxy between Slipway and the test cluster's API server, for outages that touch
 * no one else sharing the cluster: Slipway gets a kubeconfig pointing here (the server's
 * certificate is for 127.0.0.1, so TLS goes through untouched), and the test can
 * - cut: close every connection and close new ones at once (an API server that is down);
 * - black-hole: stop forwarding, and accept new connections without ever forwarding them
 *   (a network that drops packets: requests hang rather than fail);
 * - heal: forward again, held connections included;
 * - reset the next request: the next bytes a client sends, on any connection, are dropped with
 *   their connection (an API server closing a kept-alive connection as a request goes out).
 */
export class KubeProxy {
  readonly #server: Server;
  readonly #upstream: { host: string; port: number };
  readonly #source: KubeConfig;
  readonly #pairs = new Set<Pair>();
  #mode: Mode = 'open';
  /** Requests reset so far by resetNextRequest(). */
  resets = 0;

  private constructor(source: KubeConfig) {
    this.#source = source;
    const server = new URL(source.getCurrentCluster()?.server ?? '');
    this.#upstream = { host: server.hostname, port: Number(server.port || 443) };
    this.#server = createServer((socket) => this.#accept(socket));
  }

  /** Starts a proxy to the API server of the kubeconfig at `path`. */
  static async start(path: string): Promise<KubeProxy> {
    const source = new KubeConfig();
    source.loadFromFile(path);
    const proxy = new KubeProxy(source);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** A kubeconfig like the source's, whose current cluster is reached through the proxy. */
  kubeConfig(): KubeConfig {
    const address = this.#server.address();
    if (!address || typeof address === 'string') throw new Error('the proxy is not listening');
    const current = this.#source.getCurrentCluster()?.name;
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: this.#source.clusters.map((c) =>
        c.name === current ? { ...c, server: `https://127.0.0.1:${address.port}` } : c,
      ),
      users: this.#source.users,
      contexts: this.#source.contexts,
      currentContext: this.#source.currentContext,
    });
    return reuseConnections(kc);
  }

  cut(): void {
    this.#mode = 'cut';
    for (const pair of this.#pairs) destroy(pair);
    this.#pairs.clear();
  }

  blackhole(): void {
    this.#mode = 'blackhole';
    for (const { client, upstream } of this.#pairs) {
      if (!upstream) continue;
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /** The next request to arrive is dropped with its connection; later ones go through. */
  resetNextRequest(): void {
    const trapped = new Map<Pair, (chunk: Buffer) => void>();
    // Every connection is held back until one of them sends: that one is dropped, the others
    // are let through again, with what they sent meanwhile.
    const release = () => {
      this.#onForward = undefined;
      for (const [pair, onData] of trapped) {
        pair.client.off('data', onData);
        if (pair.upstream && !pair.client.destroyed) pair.client.pipe(pair.upstream);
      }
      trapped.clear();
    };
    const trap = (pair: Pair) => {
      if (!pair.upstream) return;
      pair.client.unpipe(pair.upstream);
      const onData = () => {
        trapped.delete(pair);
        this.resets++;
        destroy(pair);
        release();
      };
      trapped.set(pair, onData);
      pair.client.once('data', onData);
      // unpipe() paused the socket; a 'data' listener alone does not start it again.
      pair.client.resume();
    };
    for (const pair of this.#pairs) trap(pair);
    this.#onForward = trap;
  }

  #onForward: ((pair: Pair) => void) | undefined;

  heal(): void {
    this.#mode = 'open';
    for (const pair of this.#pairs) {
      if (pair.upstream) {
        pair.client.pipe(pair.upstream);
        pair.upstream.pipe(pair.client);
      } else this.#forward(pair);
    }
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: Socket): void {
    if (this.#mode === 'cut') {
      client.destroy();
      return;
    }
    const pair: Pair = { client };
    this.#pairs.add(pair);
    client.on('error', () => destroy(pair));
    client.on('close', () => {
      pair.upstream?.destroy();
      this.#pairs.delete(pair);
    });
    if (this.#mode === 'blackhole') client.pause();
    else this.#forward(pair);
  }

  #forward(pair: Pair): void {
    const upstream = tcpConnect(this.#upstream.port, this.#upstream.host);
    pair.upstream = upstream;
    // A clean end is passed on by pipe(); only a failure resets the client.
    upstream.on('error', () => destroy(pair));
    pair.client.pipe(upstream);
    upstream.pipe(pair.client);
    this.#onForward?.(pair);
  }
}

/**
 * Closes both ends. Not resetAndDestroy(): with the proxy and its clients in one process, a
 * reset now and then left Node 20 spinning forever in its exit cleanup (CleanupHandles).
 */
function destroy({ client, upstream }: Pair): void {
  if (!client.destroyed) client.destroy();
  upstream?.destroy();
}

/**
 * A proxy to the test cluster for the suite, started before its tests and closed after them.
 * Call inside a `describe`; the function returned gives the running proxy.
 */
export function useKubeProxy(): () => KubeProxy {
  let proxy: KubeProxy | undefined;
  before(async () => {
    proxy = await KubeProxy.start(testKubeConfigPath());
  });
  after(async () => {
    await proxy?.close();
  });
  return () => {
    if (!proxy) throw new Error('the proxy is not running');
    return proxy;
  };
}
