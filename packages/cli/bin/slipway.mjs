#!/usr/bin/env node
// Runs the CLI from its TypeScript sources (bundled on first use, see scripts/bundle-cache.mjs):
// the CLI ships without a build step, like the server. Its packages from npm are bundled in too:
// a command starts in under half the CPU.
import { importBundled } from '../../../scripts/bundle-cache.mjs';

const { run } = await importBundled(new URL('../src/main.ts', import.meta.url), 'cli', {
  cacheDir: process.env.SLIPWAY_CLI_CACHE_DIR,
  packages: 'bundle',
});
process.exitCode = await run(process.argv.slice(2));
