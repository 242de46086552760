// The tour as a test: runs every shell block of README.md and docs/ the way a newcomer would
// (a copy of the checkout in a home of its own, the README's first command in the background,
// then each block from a scratch folder in one shell session, `slipway` on PATH as the start
// command says) and checks each output the documents show. On PGlite, then PostgreSQL.
//
//   node --import tsx scripts/tour/run.ts [--db pglite|postgres] [--keep] [FILE.md ...]
//
// It stops at a tour's first failing step and prints what the document shows against what
// came out; the last line says how many tours passed. See docs/testing.md.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mask, matches } from './compare.ts';
import { type Instance, makeHome, startInstance, stopInstance } from './instance.ts';
import { type DocBlock, readBlocks } from './markdown.ts';
import { Session } from './shell.ts';
import { splitSteps } from './steps.ts';

const repo = resolve(import.meta.dirname, '../..');
const stepTimeoutMs = 5 * 60_000;
const startTimeoutMs = 20 * 60_000;

/** What differs between the two databases, applied to the documents' commands and outputs. */
interface Database {
  name: string;
  start: string;
  /** [as the README writes it, as it is on this database] */
  rewrites: [string, string][];
}

const databases: Record<string, Database> = {
  pglite: { name: 'PGlite', start: 'bash scripts/up.sh', rewrites: [] },
  postgres: {
    name: 'PostgreSQL',
    start: 'bash scripts/up.sh --postgres',
    rewrites: [
      ['/.slipway/initial-admin', '/.slipway-postgres/state/initial-admin'],
      ['Embedded PGlite answers', 'PostgreSQL answers'],
    ],
  },
};

function documents(files: string[]): string[] {
  if (files.length) return files.map((file) => relative(repo, resolve(file)));
  // The API reference is generated from the OpenAPI document: its curl lines are templates.
  const docs = readdirSync(join(repo, 'docs')).filter((f) => f.endsWith('.md') && f !== 'api-reference.md');
  return ['README.md', ...docs.sort().map((f) => `docs/${f}`)];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

function rewrite(text: string, database: Database, port: number): string {
  let out = text.replaceAll('127.0.0.1:7420', `127.0.0.1:${port}`);
  for (const [from, to] of database.rewrites) out = out.replaceAll(from, to);
  return out;
}

class TourFailure extends Error {}

function report(where: string, expected: string[], actual: string[], detail: string): never {
  const lines = [`✖ ${where}: ${detail}`];
  if (expected.length) lines.push('  the document shows:', ...expected.map((l) => `    | ${l}`));
  lines.push('  it printed (masked):', ...actual.map((l) => `    | ${mask(l)}`));
  throw new TourFailure(lines.join('\n'));
}

function checkStartOutput(blocks: DocBlock[], instance: Instance, database: Database): void {
  for (const block of blocks.filter((b) => b.role === 'server-output')) {
    const expected = rewrite(block.text, database, instance.port).replace(/\n$/, '').split('\n');
    const first = instance.startOutput.findIndex((line) => /Slipway is running at/.test(line));
    const shown = expected.filter((line) => line.trim() !== '');
    const printed = instance.startOutput.slice(first).filter((line) => line.trim() !== '');
    if (!matches([...shown, '…'], printed))
      report(`${block.file}:${block.line}`, shown, printed, 'the start-up lines differ');
    console.log(`  ✔ ${block.file}:${block.line}  what the start command prints`);
  }
}

/** The `export PATH=…` line the start command prints when `slipway` is not on PATH yet. */
function pathLine(instance: Instance): string | undefined {
  for (const line of instance.startOutput) {
    const found = /(export PATH="[^"]*:\$PATH")/.exec(line);
    if (found) return found[1];
  }
  return undefined;
}

async function runBlocks(blocks: DocBlock[], session: Session, database: Database, port: number): Promise<number> {
  let count = 0;
  for (const block of blocks.filter((b) => b.role === 'run')) {
    for (const step of splitSteps(rewrite(block.text, database, port), block.line)) {
      const where = `${block.file}:${step.line}`;
      const result = await session.run(step.command, stepTimeoutMs);
      const title = step.command.split('\n')[0];
      if (result.timedOut)
        report(where, step.expected, result.output, `\`${title}\` did not end within ${stepTimeoutMs / 1000} s`);
      if (step.status === 'nonzero' ? result.status === 0 : result.status !== step.status) {
        const wanted = step.status === 'nonzero' ? 'fail' : `exit ${step.status}`;
        report(where, step.expected, result.output, `\`${title}\` should ${wanted}; exit status ${result.status}`);
      }
      if (step.expected.length && !matches(step.expected, result.output)) {
        report(where, step.expected, result.output, `\`${title}\` printed something else`);
      }
      console.log(`  ✔ ${where}  ${title}`);
      count++;
    }
  }
  return count;
}

async function tour(database: Database, files: string[], keep: boolean): Promise<boolean> {
  const scratch = mkdtempSync(
    join(process.env.SLIPWAY_TOUR_DIR ?? tmpdir(), `slipway-tour-${database.name.toLowerCase()}-`),
  );
  const blocks = files.flatMap((file) => readBlocks(file, readFileSync(join(repo, file), 'utf8')));
  const skipped = blocks.filter((b) => b.role === 'skip');
  console.log(`tour on ${database.name}: ${files.length} documents, scratch folder ${scratch}`);
  const { home, checkout } = makeHome(repo, scratch);
  const state = join(scratch, 'state');
  const port = await freePort();
  const started = Date.now();
  let instance: Instance | undefined;
  try {
    instance = await startInstance({
      checkout,
      home,
      state,
      port,
      command: database.start,
      log: join(scratch, 'server.log'),
      timeoutMs: startTimeoutMs,
    });
    console.log(
      `  ✔ \`${database.start}\` runs Slipway (${((Date.now() - started) / 1000).toFixed(0)} s; log ${join(scratch, 'server.log')})`,
    );
    checkStartOutput(blocks, instance, database);
    const session = new Session(scratch, instance.env, home);
    try {
      const path = pathLine(instance);
      if (path) await session.run(path, 10_000);
      const steps = await runBlocks(blocks, session, database, port);
      console.log(
        `tour on ${database.name}: passed, ${steps} steps (${skipped.length} blocks skipped, each saying why) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
      return true;
    } finally {
      session.close();
    }
  } catch (error) {
    console.log(error instanceof TourFailure ? error.message : `✖ ${error instanceof Error ? error.message : error}`);
    console.log(`tour on ${database.name}: FAILED (files kept in ${scratch})`);
    keep = true;
    return false;
  } finally {
    if (instance) await stopInstance(instance, database.name === 'PostgreSQL');
    if (!keep) rmSync(scratch, { recursive: true, force: true });
    else writeFileSync(join(scratch, 'README'), 'Kept by scripts/tour/run.ts: the tour failed or --keep was given.\n');
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { db: { type: 'string', multiple: true }, keep: { type: 'boolean', default: false } },
});
const chosen = values.db?.length ? values.db : ['pglite', 'postgres'];
let passed = 0;
let failed = 0;
for (const name of chosen) {
  const database = databases[name];
  if (!database) throw new Error(`--db is pglite or postgres, not ${name}`);
  if (await tour(database, documents(positionals), values.keep ?? false)) passed++;
  else failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
