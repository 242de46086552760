/**
 * The catalog benchmark's baseline in a process of its own: `git clone --depth 1` of the given
 * repositories, `concurrency` at a time. The benchmark's process holds the database (PGlite's
 * heap among it), and every child it starts costs it more than a small process pays: run from
 * here, the clones before and after ingestion start the same way.
 *
 * Reads {"urls": [...], "root": "...", "concurrency": N} as JSON on stdin; prints
 * {"ms": wall time, "cpu_s": CPU of the git processes it waited for} (null off Linux).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// cutime + cstime of /proc/self/stat (fields 13 and 14 after the command name), in USER_HZ.
function childrenCpuSeconds() {
  try {
    const fields = (readFileSync('/proc/self/stat', 'utf8').split(') ')[1] ?? '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

function clone(url, dir) {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['clone', '--quiet', '--depth', '1', '--', url, dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const err = [];
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git clone ${url}: ${Buffer.concat(err)}`)),
    );
  });
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { urls, root, concurrency } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const cpuBefore = childrenCpuSeconds();
const started = performance.now();
let next = 0;
const worker = async () => {
  for (let i = next++; i < urls.length; i = next++) await clone(urls[i], join(root, `clone-${i}`));
};
await Promise.all(Array.from({ length: concurrency }, worker));
const ms = performance.now() - started;
const cpuAfter = childrenCpuSeconds();
console.log(JSON.stringify({ ms, cpu_s: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore }));
