import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SlipwayError } from '@slipway/core';
import { openDatabase } from '../../src/db/database.ts';
import { latestMigration } from '../../src/db/migrations/index.ts';
import { hasDatabase, initdbApart } from '../../src/db/pglite-initdb.ts';

describe('a new PGlite data directory is made by a child process', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'slipway-initdb-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test("initdb's memory is not left in this process", async () => {
    const dataDir = join(root, 'data');
    assert.equal(await hasDatabase(dataDir), false);
    const database = await openDatabase({ engine: 'pglite', dataDir });
    try {
      assert.equal(await hasDatabase(dataDir), true);
      assert.equal((await database.ping()).migration, latestMigration);
      // Memory outside V8's heap: the WebAssembly instances' memory. The running database's
      // is ~200 MB; initdb's instance, were it made here, adds ~240 MB until a full collection.
      const externalMb = process.memoryUsage().external / 2 ** 20;
      assert.ok(externalMb < 330, `${Math.round(externalMb)} MB outside the heap after opening a new directory`);
    } finally {
      await database.close();
    }
  });

  test('a failed initdb is unavailable, saying where and why', async () => {
    // PGlite makes the last directory of the path, not its parents (openDatabase makes those).
    const orphan = join(root, 'no-such-parent', 'data');
    await assert.rejects(initdbApart(orphan), (error: unknown) => {
      assert.ok(error instanceof SlipwayError);
      assert.equal(error.code, 'unavailable');
      assert.match(error.message, new RegExp(`^Cannot create the embedded database in ${orphan}: \\S`));
      return true;
    });
    assert.ok(!existsSync(join(root, 'no-such-parent')));
  });
});
