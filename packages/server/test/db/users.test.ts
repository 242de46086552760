import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SlipwayError } from '@slipway/core';
import { ensureUser, getUserById, getUserByUsername } from '../../src/db/stores/users.ts';
import { describeEachDatabase } from '../harness/databases.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeEachDatabase('users store', (getDb) => {
  test('ensureUser creates a user with a generated id and creation time', async () => {
    const before = Date.now();
    const user = await ensureUser(getDb().db, 'ada', 'Ada Lovelace');
    assert.match(user.id, uuid);
    assert.equal(user.username, 'ada');
    assert.equal(user.displayName, 'Ada Lovelace');
    assert.ok(user.createdAt instanceof Date);
    // The database clock may differ a little from ours; a minute either way is plenty.
    assert.ok(Math.abs(user.createdAt.getTime() - before) < 60_000);
  });

  test('ensureUser is idempotent: the same username gives the same user', async () => {
    const first = await ensureUser(getDb().db, 'grace');
    const second = await ensureUser(getDb().db, 'grace');
    assert.deepEqual(second, first);
    const rows = await getDb().db.selectFrom('users').select('id').where('username', '=', 'grace').execute();
    assert.equal(rows.length, 1);
  });

  test('a given display name replaces the stored one; an omitted one keeps it', async () => {
    const created = await ensureUser(getDb().db, 'linus', 'Linus');
    const renamed = await ensureUser(getDb().db, 'linus', 'Linus T.');
    assert.equal(renamed.id, created.id);
    assert.equal(renamed.displayName, 'Linus T.');
    const kept = await ensureUser(getDb().db, 'linus');
    assert.equal(kept.displayName, 'Linus T.');
    assert.equal((await getUserById(getDb().db, created.id))?.displayName, 'Linus T.');
  });

  test('users are found by id and by username, and null when absent', async () => {
    const user = await ensureUser(getDb().db, 'margaret', 'Margaret Hamilton');
    assert.deepEqual(await getUserById(getDb().db, user.id), user);
    assert.deepEqual(await getUserByUsername(getDb().db, 'margaret'), user);
    assert.equal(await getUserByUsername(getDb().db, 'nobody'), null);
    assert.equal(await getUserById(getDb().db, '00000000-0000-4000-8000-000000000000'), null);
    assert.equal(await getUserById(getDb().db, 'not-a-uuid'), null);
  });

  test('an empty username is invalid input', async () => {
    await assert.rejects(ensureUser(getDb().db, '  '), (error: unknown) => {
      assert.ok(error instanceof SlipwayError);
      assert.equal(error.code, 'invalid_input');
      assert.equal(error.fields?.[0]?.path, '/username');
      return true;
    });
  });
});
