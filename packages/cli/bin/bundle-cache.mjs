// The CLI runs from its TypeScript sources with no build step to remember: the first run
// bundles them with esbuild (~0.2 s) into node_modules/.cache/slipway-cli/, and later runs
// load that bundle for as long as none of its sources changed. One bundle loads in ~0.4 s
// where compiling module by module (tsx) takes ~0.8 s and twice the CPU, and the tests and
// the README's tour run the CLI hundreds of times. Without esbuild it falls back to tsx.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
// Inside the checkout: the bundle imports packages from npm by name, found in its node_modules.
// SLIPWAY_CLI_CACHE_DIR (tests) must lie there too.
const cacheDir = process.env.SLIPWAY_CLI_CACHE_DIR ?? join(root, 'node_modules', '.cache', 'slipway-cli');
// The files the last bundle was made from, this one among them: a change to how bundles are
// made makes a new one too.
const inputsFile = join(cacheDir, 'inputs.json');

/** The CLI's module (its `run`), from a bundle of the current sources. */
export async function importCli() {
  const cached = bundleFor(readInputs());
  if (cached && existsSync(cached)) {
    try {
      return await import(pathToFileURL(cached).href);
    } catch (error) {
      // Removed by a run that bundled newer sources in between: bundle them here too.
      if (error?.code !== 'ERR_MODULE_NOT_FOUND' && error?.code !== 'ENOENT') throw error;
    }
  }
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return viaTsx();
  }
  return import(pathToFileURL(await build(esbuild)).href);
}

function readInputs() {
  try {
    return JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return null;
  }
}

/** The bundle's path for these inputs as they are now on disk (null: one is gone). */
function bundleFor(inputs) {
  if (!Array.isArray(inputs)) return null;
  try {
    return bundleNamed(inputs.map((file) => ({ file, ...statSync(file) })));
  } catch {
    return null;
  }
}

/** A bundle's name says which files, as of which change, it was made from (in any order). */
function bundleNamed(stats) {
  const hash = createHash('sha256');
  const sorted = [...stats].sort((a, b) => (a.file < b.file ? -1 : 1));
  for (const { file, mtimeMs, size } of sorted) hash.update(`${file}\0${mtimeMs}\0${size}\n`);
  return join(cacheDir, `cli-${hash.digest('hex').slice(0, 16)}.mjs`);
}

async function build(esbuild) {
  mkdirSync(cacheDir, { recursive: true });
  // Several CLIs may start at once on a fresh checkout: each writes under a name of its own and
  // renames, so none reads a half-written bundle.
  const temporary = join(cacheDir, `build-${process.pid}-${Date.now()}.mjs`);
  // Each source is looked at before it is read: one edited while we bundle no longer matches,
  // and the next run bundles again.
  const self = fileURLToPath(import.meta.url);
  const read = [{ file: self, ...statSync(self) }];
  await esbuild.build({
    entryPoints: [entry],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'silent',
    plugins: [workspaceOnly, sourceFiles(read)],
  });
  const bundle = bundleNamed(read);
  const name = bundle.slice(cacheDir.length + 1);
  for (const old of readdirSync(cacheDir)) {
    const stale = old.startsWith('cli-') && !old.startsWith(name);
    const abandoned = old.startsWith('build-') && Date.now() - statSync(join(cacheDir, old)).mtimeMs > 60_000;
    if (stale || abandoned) rmSync(join(cacheDir, old), { force: true });
  }
  renameSync(`${temporary}.map`, `${bundle}.map`);
  renameSync(temporary, bundle);
  writeFileSync(`${inputsFile}.${process.pid}`, JSON.stringify(read.map((r) => r.file)));
  renameSync(`${inputsFile}.${process.pid}`, inputsFile);
  return bundle;
}

// The two plugins below are shared with scripts/run-tests.mjs, which bundles the test files.

/** Packages from npm stay imports (Node resolves them as before); Slipway's own are bundled. */
export const workspaceOnly = {
  name: 'workspace-only',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@slipway/') ? undefined : { external: true }));
  },
};

/**
 * Reads Slipway's sources for esbuild, noting each file's change time and size first (in
 * `read`), and rewrites `import.meta.url` and friends so they keep naming the source file, as
 * unbundled: fixtures, migrations and the portal are found beside the sources.
 */
export function sourceFiles(read = []) {
  return {
    name: 'source-files',
    setup(b) {
      b.onLoad({ filter: /\.(ts|mjs|js|json)$/ }, (args) => {
        read.push({ file: args.path, ...statSync(args.path) });
        const url = pathToFileURL(args.path).href;
        const contents = readFileSync(args.path, 'utf8')
          .replaceAll('import.meta.url', JSON.stringify(url))
          .replaceAll('import.meta.filename', JSON.stringify(args.path))
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)));
        return { contents, loader: extname(args.path).slice(1) === 'mjs' ? 'js' : extname(args.path).slice(1) };
      });
    },
  };
}

async function viaTsx() {
  const { register } = await import('tsx/esm/api');
  // Ignore any tsconfig.json in the caller's working directory: the sources need none to run.
  register({ tsconfig: false });
  return import(pathToFileURL(entry).href);
}
