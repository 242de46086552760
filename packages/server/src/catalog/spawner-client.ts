/**
 * Starts commands from a small helper process instead of this one. Starting a child copies
 * the parent's memory map, and a server holding PGlite's WebAssembly heap (about 1 GB) blocks
 * its event loop some 25 ms per start, against 2–5 ms for a small process: with several git
 * commands per location, that was most of the catalog's ingestion time.
 */
import { type ChildProcess, fork } from 'node:child_process';

export interface SpawnRequest {
  id: number;
  command: string;
  args: string[];
  cwd?: string | undefined;
  env: NodeJS.ProcessEnv;
  input?: string | undefined;
  timeoutMs: number;
}

export interface SpawnReply {
  id: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Uint8Array | '';
  stderr: string;
  error?: string;
}

export interface SpawnResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

let helper: ChildProcess | undefined;
let nextId = 0;
const pending = new Map<number, { resolve(r: SpawnResult): void; reject(e: Error): void }>();

// The helper runs with this process's loader flags (it is TypeScript too), not its test or profiling ones.
const inheritedFlags = () => process.execArgv.filter((a) => !/^--(test|cpu-prof|heap-prof|inspect|watch|prof)/.test(a));

function start(): ChildProcess {
  const child = fork(new URL('./git-spawner.ts', import.meta.url), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: inheritedFlags(),
  });
  child.on('message', (reply: SpawnReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    idle();
    if (reply.error !== undefined) return waiting.reject(new Error(reply.error));
    const out = reply.stdout;
    const stdout = out === '' ? Buffer.alloc(0) : Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    waiting.resolve({ code: reply.code, signal: reply.signal, stdout, stderr: reply.stderr });
  });
  child.on('exit', () => {
    if (helper === child) helper = undefined;
    for (const [id, waiting] of pending) {
      pending.delete(id);
      waiting.reject(new Error('the process starting git exited'));
    }
  });
  child.unref();
  child.channel?.unref();
  return child;
}

// Holds the server open only while commands run, so an idle helper never delays shutdown.
function idle(): void {
  if (pending.size === 0) helper?.channel?.unref();
}

/** Runs `command` through the helper; answers its exit and output, failing only if it could not start. */
export function spawnViaHelper(request: Omit<SpawnRequest, 'id'>): Promise<SpawnResult> {
  helper ??= start();
  const id = nextId++;
  helper.channel?.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    helper?.send({ id, ...request });
  });
}
