#!/usr/bin/env node
// Runs the CLI from its TypeScript sources (bundled on first use, see scripts/bundle-cache.mjs):
// the CLI ships without a build step, like the server.
import { importBundled } from '../../../scripts/bundle-cache.mjs';

const { run } = await importBundled(
  new URL('../src/main.ts', import.meta.url),
  'cli',
  process.env.SLIPWAY_CLI_CACHE_DIR,
);
process.exitCode = await run(process.argv.slice(2));
