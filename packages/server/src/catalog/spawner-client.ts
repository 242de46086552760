/**
 * Starts commands from a small helper process instead of this one. Starting a child copies
 * the parent's memory map, and a server holding PGlite's WebAssembly heap (about 1 GB) blocks
 * its event loop some 25 ms per start, against 2–5 ms for a small process: with several git
 * commands per location, that was most of the catalog's ingestion time.
 *
 * Two ways to run: `spawnViaHelper` runs a command to its end and answers its output;
 * `openViaHelper` keeps its stdin open and streams its stdout back, for a long-lived
 * `git cat-file --batch` that answers many requests without a process each.
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

/** What the helper is sent: run to the end, open a session, or write to / close a session's stdin. */
export type HelperMessage =
  | ({ op: 'run' } & SpawnRequest)
  | ({ op: 'open' } & SpawnRequest)
  | { op: 'write'; id: number; data: string }
  | { op: 'end'; id: number };

export interface SpawnReply {
  id: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Uint8Array | '';
  stderr: string;
  error?: string;
}

/** A piece of a session's stdout, sent as it comes; its SpawnReply follows once it exits. */
export interface ChunkReply {
  id: number;
  chunk: Uint8Array;
}

export interface SpawnResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** A command running in the helper with its stdin open. */
export interface HelperSession {
  write(data: string): void;
  /** Closes its stdin; most commands then finish. */
  end(): void;
  /** Its exit (stdout went to `onStdout`), or the reason it could not start. */
  readonly exited: Promise<SpawnResult>;
}

interface Waiting {
  resolve(r: SpawnResult): void;
  reject(e: Error): void;
  onStdout?: (chunk: Buffer) => void;
}

let helper: ChildProcess | undefined;
let nextId = 0;
const pending = new Map<number, Waiting>();

const bytes = (out: Uint8Array | '') =>
  out === '' ? Buffer.alloc(0) : Buffer.from(out.buffer, out.byteOffset, out.byteLength);

function start(): ChildProcess {
  // Plain JavaScript, without this process's flags (tsx, heap size, test or profiling ones).
  const child = fork(new URL('./git-spawner.mjs', import.meta.url), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: [],
  });
  child.on('message', (reply: SpawnReply | ChunkReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    if ('chunk' in reply) return waiting.onStdout?.(bytes(reply.chunk));
    pending.delete(reply.id);
    idle();
    if (reply.error !== undefined) return waiting.reject(new Error(reply.error));
    waiting.resolve({ code: reply.code, signal: reply.signal, stdout: bytes(reply.stdout), stderr: reply.stderr });
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

function send(message: HelperMessage): void {
  helper?.send(message);
}

/** Runs `command` through the helper; answers its exit and output, failing only if it could not start. */
export function spawnViaHelper(request: Omit<SpawnRequest, 'id'>): Promise<SpawnResult> {
  helper ??= start();
  const id = nextId++;
  helper.channel?.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send({ op: 'run', id, ...request });
  });
}

/**
 * Starts `command` through the helper with its stdin open (`input` written first); its stdout
 * comes to `onStdout` piece by piece.
 */
export function openViaHelper(request: Omit<SpawnRequest, 'id'>, onStdout: (chunk: Buffer) => void): HelperSession {
  helper ??= start();
  const owner = helper;
  const id = nextId++;
  owner.channel?.ref();
  const exited = new Promise<SpawnResult>((resolve, reject) => {
    pending.set(id, { resolve, reject, onStdout });
    send({ op: 'open', id, ...request });
  });
  // Writes after the command (or the helper) is gone are dropped: `exited` tells why.
  const live = () => pending.has(id) && helper === owner;
  return {
    write: (data) => {
      if (live()) send({ op: 'write', id, data });
    },
    end: () => {
      if (live()) send({ op: 'end', id });
    },
    exited,
  };
}
