/**
 * The process that starts git for the catalog (see spawner-client.ts for why): it runs the
 * commands it is sent, one child each, and answers their exit and output. No logic of its own.
 */
import { spawn } from 'node:child_process';
import type { SpawnReply, SpawnRequest } from './spawner-client.ts';

process.on('message', (request: SpawnRequest) => {
  const reply = (r: Omit<SpawnReply, 'id'>) => process.send?.({ id: request.id, ...r });
  const child = spawn(request.command, request.args, {
    cwd: request.cwd,
    env: request.env,
    stdio: [request.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    timeout: request.timeoutMs,
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (d: Buffer) => out.push(d));
  child.stderr?.on('data', (d: Buffer) => err.push(d));
  child.on('error', (error) => reply({ code: null, signal: null, stdout: '', stderr: '', error: error.message }));
  child.on('close', (code, signal) =>
    reply({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
  );
  if (child.stdin) {
    // The command may exit before reading all of its input (git with a bad revision): its exit code tells.
    child.stdin.on('error', () => {});
    child.stdin.end(request.input);
  }
});
// Ends with the server: the IPC channel closing means the parent is gone.
process.on('disconnect', () => process.exit(0));
