#!/usr/bin/env node
// Runs the CLI from its TypeScript sources (bundled on first use, see bundle-cache.mjs): the
// CLI ships without a build step, like the server.
import { importCli } from './bundle-cache.mjs';

const { run } = await importCli();
process.exitCode = await run(process.argv.slice(2));
