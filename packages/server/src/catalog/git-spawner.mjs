/**
 * The process that starts git for the catalog (see spawner-client.ts for why): it runs the
 * commands it is sent, one child each, and answers their exit and output; a session's stdin
 * stays open for more writes and its stdout is sent back as it comes. No logic of its own.
 *
 * Plain JavaScript, started without tsx: a process carrying tsx's loader (a second thread and
 * isolate, ~30 MB more) costs about 1 ms more of CPU for every child it starts, since starting
 * one copies the process's page tables. The message types are in spawner-client.ts.
 */
import { spawn } from 'node:child_process';

/** @type {Map<number, import('node:child_process').ChildProcess>} */
const sessions = new Map();

process.on('message', (/** @type {import('./spawner-client.ts').HelperMessage} */ message) => {
  if (message.op === 'write') return void sessions.get(message.id)?.stdin?.write(message.data);
  if (message.op === 'end') return void sessions.get(message.id)?.stdin?.end();
  const { id } = message;
  /** @param {object} r a SpawnReply or ChunkReply without its id */
  const reply = (r) => process.send?.({ id, ...r });
  const { input } = message;
  const open = message.op === 'open';
  const child = spawn(message.command, message.args, {
    cwd: message.cwd,
    env: message.env,
    stdio: [open || input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    timeout: message.timeoutMs,
  });
  /** @type {Buffer[]} */
  const out = [];
  /** @type {Buffer[]} */
  const err = [];
  child.stdout?.on('data', (d) => (open ? reply({ chunk: d }) : out.push(d)));
  child.stderr?.on('data', (d) => err.push(d));
  child.on('error', (error) => {
    sessions.delete(id);
    reply({ code: null, signal: null, stdout: '', stderr: '', error: error.message });
  });
  child.on('close', (code, signal) => {
    sessions.delete(id);
    reply({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
  });
  // The command may exit before reading all of its input (git with a bad revision): its exit code tells.
  child.stdin?.on('error', () => {});
  if (!open) child.stdin?.end(input);
  else {
    sessions.set(id, child);
    if (input !== undefined) child.stdin?.write(input);
  }
});
// Ends with the server: the IPC channel closing means the parent is gone.
process.on('disconnect', () => process.exit(0));
