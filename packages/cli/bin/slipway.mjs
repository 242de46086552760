#!/usr/bin/env node
// Runs the TypeScript sources directly: the CLI ships without a build step, like the server.
import { register } from 'tsx/esm/api';

// Ignore any tsconfig.json in the caller's working directory: the sources need none to run.
register({ tsconfig: false });
const { run } = await import(new URL('../src/main.ts', import.meta.url).href);
process.exitCode = await run(process.argv.slice(2));
