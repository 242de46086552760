#!/usr/bin/env node
// Runs the server from its TypeScript sources, bundled on first use (scripts/bundle-cache.mjs):
// it starts on under half the CPU of compiling module by module, which the tests, the tour and
// the benchmarks, starting servers by the dozen on two cores, feel most.
//   node packages/server/bin/slipway-server.mjs [--config FILE]
import { importBundled } from '../../../scripts/bundle-cache.mjs';

const { main } = await importBundled(new URL('../src/main.ts', import.meta.url), 'server');
await main(process.argv.slice(2));
