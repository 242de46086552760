/**
 * Writes the OpenAPI document the server serves at /openapi.json to the repository's
 * openapi.json, and the API reference generated from it to docs/api-reference.md, so
 * reviewers see API changes in diffs, and the TypeScript types of the API to
 * packages/api-client/src/schema.d.ts, the typed client the CLI and the portal share, so neither
 * can drift from the API. `--check` fails when any checked-in file is out of date instead of
 * writing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { loadConfig } from '../config/load.ts';
import { openDatabase } from '../db/database.ts';
import { buildApp } from './app.ts';
import { openApiToMarkdown } from './openapi-markdown.ts';

const root = new URL('../../../../', import.meta.url).pathname;

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

const document = await generateOpenApi();
const outputs = {
  'openapi.json': document,
  'docs/api-reference.md': openApiToMarkdown(JSON.parse(document)),
  'packages/api-client/src/schema.d.ts': `// Generated from openapi.json by \`npm run openapi\`: do not edit.\n${astToString(
    await openapiTS(JSON.parse(document)),
  )}`,
};
const check = process.argv.includes('--check');
let stale = false;
for (const [file, text] of Object.entries(outputs)) {
  const path = `${root}${file}`;
  if (!check) {
    writeFileSync(path, text);
    console.error(`wrote ${file}`);
    continue;
  }
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(`${file} is out of date: run \`npm run openapi\` and commit the result`);
    stale = true;
  }
}
process.exit(stale ? 1 : 0);
