// Slipway's programs (the CLI, the server, the benchmarks) run from their TypeScript sources
// with no build step to remember: the first run of one bundles its sources with esbuild
// (~0.3 s) into node_modules/.cache/slipway-NAME/, and later runs load that bundle for as long
// as none of its sources changed. A bundle loads with under half the CPU that compiling
// module by module through tsx takes (the server: 2.3 CPU-s against 6.1), and the tests, the
// README's tour and the benchmarks start these programs hundreds of times. Without esbuild
// or where it may not write its cache, it falls back to tsx.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * The module at `entry` (a path or file URL of a TypeScript source), from a bundle of its
 * current sources named `name`. The cache lies inside the checkout, where the bundle finds the
 * packages from npm it imports by name; a `cacheDir` of the caller's (tests) must lie there too.
 * `packages: 'bundle'` bundles those packages in as well: a short-lived program then starts in
 * under half the CPU (the CLI: 0.28 CPU-s against 0.72), as Node no longer resolves and reads
 * their hundreds of files one by one. Programs whose packages find files of their own beside
 * their code (PGlite's WebAssembly, the server's) keep them as imports.
 */
export async function importBundled(
  entry,
  name,
  { cacheDir = join(root, 'node_modules', '.cache', `slipway-${name}`), packages = 'import' } = {},
) {
  const target = { entry: entry instanceof URL ? fileURLToPath(entry) : entry, name, cacheDir, packages };
  const cached = bundleFor(target, readInputs(target));
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
    return viaTsx(target.entry);
  }
  let bundle;
  try {
    bundle = await build(esbuild, target);
  } catch (error) {
    // A checkout it may not write to (an image run as another user): compile as it loads.
    if (['EACCES', 'EPERM', 'EROFS', 'ENOSPC'].includes(error?.code)) return viaTsx(target.entry);
    throw error;
  }
  return import(pathToFileURL(bundle).href);
}

// The files the last bundle was made from, this one among them: a change to how bundles are
// made makes a new one too.
const inputsFile = ({ cacheDir }) => join(cacheDir, 'inputs.json');
const installed = join(root, 'node_modules', '.package-lock.json');

function readInputs(target) {
  try {
    return JSON.parse(readFileSync(inputsFile(target), 'utf8'));
  } catch {
    return null;
  }
}

/** The bundle's path for these inputs as they are now on disk (null: one is gone). */
function bundleFor(target, inputs) {
  if (!Array.isArray(inputs)) return null;
  try {
    return bundleNamed(
      target,
      inputs.map((file) => ({ file, ...statSync(file) })),
    );
  } catch {
    return null;
  }
}

/** A bundle's name says which files, as of which change, it was made from (in any order). */
function bundleNamed({ name, cacheDir }, stats) {
  const hash = createHash('sha256');
  const sorted = [...stats].sort((a, b) => (a.file < b.file ? -1 : 1));
  for (const { file, mtimeMs, size } of sorted) hash.update(`${file}\0${mtimeMs}\0${size}\n`);
  return join(cacheDir, `${name}-${hash.digest('hex').slice(0, 16)}.mjs`);
}

async function build(esbuild, target) {
  const { entry, name, cacheDir, packages } = target;
  mkdirSync(cacheDir, { recursive: true });
  // Several processes may start at once on a fresh checkout: each writes under a name of its own and
  // renames, so none reads a half-written bundle.
  const temporary = join(cacheDir, `build-${process.pid}-${Date.now()}.mjs`);
  // Each source is looked at before it is read: one edited while we bundle no longer matches,
  // and the next run bundles again.
  const self = fileURLToPath(import.meta.url);
  const read = [{ file: self, ...statSync(self) }];
  // npm rewrites this file on every install: bundled packages are then bundled again.
  const install = packages === 'bundle' && statSync(installed, { throwIfNoEntry: false });
  if (install) read.push({ file: installed, ...install });
  await esbuild.build({
    entryPoints: [entry],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'silent',
    plugins: packages === 'bundle' ? [sourceFiles(read)] : [workspaceOnly, sourceFiles(read)],
    // For the packages written as CommonJS that require Node's own modules.
    ...(packages === 'bundle' && {
      banner: {
        js: "import { createRequire as bundledRequire } from 'node:module'; const require = bundledRequire(import.meta.url);",
      },
    }),
  });
  const bundle = bundleNamed(target, read);
  const file = bundle.slice(cacheDir.length + 1);
  for (const old of readdirSync(cacheDir)) {
    const stale = old.startsWith(`${name}-`) && !old.startsWith(file);
    if (stale || (old.startsWith('build-') && abandoned(join(cacheDir, old))))
      rmSync(join(cacheDir, old), { force: true });
  }
  renameSync(`${temporary}.map`, `${bundle}.map`);
  renameSync(temporary, bundle);
  const inputs = inputsFile(target);
  writeFileSync(`${inputs}.${process.pid}`, JSON.stringify(read.map((r) => r.file)));
  renameSync(`${inputs}.${process.pid}`, inputs);
  return bundle;
}

/**
 * A temporary file left by a run that died mid-build. Another run's may be renamed away
 * between our listing and this look: that one is not abandoned.
 */
function abandoned(file) {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats !== undefined && Date.now() - stats.mtimeMs > 60_000;
}

// The two plugins below are shared with run-tests.mjs, which bundles the test files.

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
 * unbundled: fixtures, migrations and the portal are found beside the sources. Files of npm
 * packages bundled in are not noted one by one (the install marker stands for them all).
 */
export function sourceFiles(read = []) {
  return {
    name: 'source-files',
    setup(b) {
      b.onLoad({ filter: /\.(ts|mjs|js|json)$/ }, (args) => {
        if (!args.path.includes('/node_modules/')) read.push({ file: args.path, ...statSync(args.path) });
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

async function viaTsx(entry) {
  const { register } = await import('tsx/esm/api');
  // Ignore any tsconfig.json in the caller's working directory: the sources need none to run.
  register({ tsconfig: false });
  return import(pathToFileURL(entry).href);
}
