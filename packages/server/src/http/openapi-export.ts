/**
 * Writes the OpenAPI document the server serves at /openapi.json to the repository's
 * openapi.json, so reviewers see API changes in diffs. `--check` fails when the checked-in
 * file is out of date instead of writing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../config/load.ts';
import { openDatabase } from '../db/database.ts';
import { buildApp } from './app.ts';

const target = new URL('../../../../openapi.json', import.meta.url).pathname;

export async function generateOpenApi(): Promise<string> {
  const config = loadConfig({ env: { SLIPWAY_DATA_DIR: 'memory://' } });
  const database = await openDatabase({ engine: 'pglite', dataDir: 'memory://' });
  try {
    const app = await buildApp({ config, database, kube: null });
    await app.ready();
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    await database.close();
  }
}

const text = await generateOpenApi();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('openapi.json is out of date: run `npm run openapi` and commit the result');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.error(`wrote ${target}`);
}
