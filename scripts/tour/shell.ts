// One bash session for a whole tour, as a reader's terminal is: `cd`, variables and exports
// carry from one step to the next. Each step is written to a file and sourced in the session
// with its output going to a file of its own and stdin closed (a command that would wait for
// the keyboard fails instead of hanging); the session's own stdout carries only "done" marks.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface StepResult {
  status: number;
  output: string[];
  timedOut: boolean;
}

export class Session {
  private readonly bash: ChildProcessWithoutNullStreams;
  private readonly marks: AsyncIterator<string>;
  private count = 0;

  constructor(
    private readonly folder: string,
    env: NodeJS.ProcessEnv,
    cwd: string,
  ) {
    this.bash = spawn('bash', ['--noprofile', '--norc'], { env, cwd, detached: true });
    this.bash.stderr.resume();
    this.marks = createInterface({ input: this.bash.stdout })[Symbol.asyncIterator]();
  }

  async run(command: string, timeoutMs: number): Promise<StepResult> {
    const n = ++this.count;
    const script = join(this.folder, `step-${n}.sh`);
    const out = join(this.folder, `step-${n}.out`);
    writeFileSync(script, `${command}\n`);
    this.bash.stdin.write(`source ${quote(script)} </dev/null >${quote(out)} 2>&1; echo "tour-step-done $?"\n`);
    const status = await this.nextMark(timeoutMs);
    const output = readFileSync(out, 'utf8').replace(/\n$/, '').split('\n');
    return { status: status ?? -1, output, timedOut: status === undefined };
  }

  private async nextMark(timeoutMs: number): Promise<number | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    const mark = (async () => {
      for (;;) {
        const next = await this.marks.next();
        if (next.done) return -1;
        const found = /^tour-step-done (\d+)$/.exec(next.value);
        if (found) return Number(found[1]);
      }
    })();
    try {
      return await Promise.race([mark, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the session and whatever its steps left running. */
  close(): void {
    try {
      if (this.bash.pid) process.kill(-this.bash.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

function quote(path: string): string {
  return `'${path.replaceAll("'", "'\\''")}'`;
}
