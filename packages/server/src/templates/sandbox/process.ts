/**
 * One sandbox process (worker.cjs) and the JSON lines between it and us. Started with Node's
 * permission model: it may read its own script and Nunjucks' browser build and nothing else;
 * it may not write files, start processes or worker threads; its heap is capped
 * (templateLimits.sandboxHeap) and its environment is empty. Each request has a wall-clock
 * limit (templateLimits.renderMillis): past it the process is killed, the request fails with
 * invalid_input, and the next request starts a new process.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { backstageFilters, formatSize, limitError, SlipwayError, templateLimits } from '@slipway/core';

const workerPath = fileURLToPath(new URL('./worker.cjs', import.meta.url));
const nunjucksPath = createRequire(import.meta.url).resolve('nunjucks/browser/nunjucks.js');

/** The largest line we read from the sandbox: a render capped at renderedText, JSON-escaped. */
const maxLine = 6 * templateLimits.renderedText + 64 * 1024;

export interface SandboxOptions {
  /** Wall-clock milliseconds one request may take (tests make it short). */
  timeoutMs?: number;
  /** Heap of the process, in bytes. */
  heapBytes?: number;
}

type Answer = Record<string, unknown>;

/**
 * Node's flags for the sandbox: the permission model with reads of the worker and Nunjucks
 * only, and no `--allow-fs-write`, `--allow-child-process` or `--allow-worker`; a capped heap.
 */
export function sandboxFlags(heapBytes: number = templateLimits.sandboxHeap): string[] {
  return [
    '--experimental-permission',
    `--allow-fs-read=${workerPath}`,
    `--allow-fs-read=${nunjucksPath}`,
    `--max-old-space-size=${Math.ceil(heapBytes / (1024 * 1024))}`,
    '--no-warnings',
  ];
}

interface Pending {
  resolve(answer: Answer): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class SandboxProcess {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #timeoutMs: number;
  readonly #heapBytes: number;
  #buffer = '';
  #stderr = '';
  #pending: Pending | null = null;
  #ready: Promise<void>;
  /** Why the process is gone, once it is; every later request fails with it. */
  #ended: Error | null = null;
  #timedOut = false;

  constructor(options: SandboxOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? templateLimits.renderMillis;
    this.#heapBytes = options.heapBytes ?? templateLimits.sandboxHeap;
    const limits = JSON.stringify({
      expressionResult: templateLimits.expressionResult,
      renderedText: templateLimits.renderedText,
      specDepth: templateLimits.specDepth,
    });
    this.#child = spawn(process.execPath, [...sandboxFlags(this.#heapBytes), workerPath, nunjucksPath, limits], {
      env: {},
      cwd: '/',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#child.stdout.setEncoding('utf8');
    this.#child.stdout.on('data', (data: string) => this.#read(data));
    this.#child.stderr.setEncoding('utf8');
    this.#child.stderr.on('data', (data: string) => {
      this.#stderr = (this.#stderr + data).slice(-4096);
    });
    this.#child.stdin.on('error', () => {}); // a write to a killed process: its exit says why
    this.#child.on('exit', (code, signal) => this.#exited(code, signal));
    this.#ready = new Promise<void>((resolve, reject) => {
      this.#pending = { resolve: () => resolve(), reject, timer: this.#timer() };
    });
    // A process that dies before its first request: that request sees why.
    this.#ready.catch(() => {});
  }

  get alive(): boolean {
    return this.#ended === null;
  }

  /** Sends one request; answers its JSON, or throws invalid_input (timeout, memory) and is then dead. */
  async request(message: Record<string, unknown>): Promise<Answer> {
    await this.#ready;
    if (this.#ended) throw this.#ended;
    if (this.#pending) throw new Error('SandboxProcess takes one request at a time');
    const answer = new Promise<Answer>((resolve, reject) => {
      this.#pending = { resolve, reject, timer: this.#timer() };
    });
    this.#child.stdin.write(`${JSON.stringify(message)}\n`);
    return answer;
  }

  close(): void {
    if (this.#ended) return;
    this.#ended = new Error('the template sandbox was closed');
    this.#child.kill('SIGKILL');
  }

  #timer(): NodeJS.Timeout {
    return setTimeout(() => {
      this.#timedOut = true;
      this.#child.kill('SIGKILL');
    }, this.#timeoutMs);
  }

  #read(data: string): void {
    this.#buffer += data;
    if (this.#buffer.length > maxLine) {
      this.#child.kill('SIGKILL');
      return;
    }
    for (let end = this.#buffer.indexOf('\n'); end !== -1; end = this.#buffer.indexOf('\n')) {
      const line = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 1);
      let message: Answer;
      try {
        message = JSON.parse(line) as Answer;
      } catch {
        this.#stderr += `\nunreadable answer: ${line.slice(0, 200)}`;
        this.#child.kill('SIGKILL');
        return;
      }
      this.#message(message);
    }
  }

  #message(message: Answer): void {
    if (typeof message.call === 'string') {
      this.#child.stdin.write(`${JSON.stringify(callFilter(message.call, message.args))}\n`);
      return;
    }
    const pending = this.#pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pending = null;
    pending.resolve(message);
  }

  #exited(code: number | null, signal: NodeJS.Signals | null): void {
    this.#ended ??= this.#why(code, signal);
    const pending = this.#pending;
    this.#pending = null;
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.reject(this.#ended);
  }

  /** What ended the process, said so that the template's author knows which limit they met. */
  #why(code: number | null, signal: NodeJS.Signals | null): Error {
    if (this.#timedOut)
      return limitError('The template took too long to render', 'renderMillis', `${this.#timeoutMs} ms`);
    if (/heap out of memory|Allocation failed/i.test(this.#stderr))
      return limitError('The template used more memory than allowed', 'sandboxHeap', formatSize(this.#heapBytes));
    if (this.#buffer.length > maxLine)
      return limitError('The template rendered more text than allowed', 'renderedText', templateLimits.renderedText);
    return new SlipwayError(
      'internal',
      `The template sandbox stopped (${signal ?? `exit code ${code}`}): ${this.#stderr.trim().split('\n').at(-1) ?? ''}`,
    );
  }
}

/** A host filter asked for from inside a render: its JSON value, or its error in words. */
function callFilter(name: string, args: unknown): { value?: unknown; error?: string } {
  const filter = Object.hasOwn(backstageFilters, name) ? backstageFilters[name] : undefined;
  if (!filter || !Array.isArray(args)) return { error: `no filter ${name}` };
  try {
    const [value, ...rest] = args;
    return { value: filter(value, ...rest) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
