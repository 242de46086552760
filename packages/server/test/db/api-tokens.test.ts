import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, test } from 'node:test';
import { SlipwayError } from '@slipway/core';
import { sql } from 'kysely';
import {
  createToken,
  getToken,
  lastUsedResolutionMs,
  listTokens,
  revokeToken,
  verifyToken,
} from '../../src/db/stores/api-tokens.ts';
import { ensureUser, type UserRecord } from '../../src/db/stores/users.ts';
import { describeEachDatabase } from '../harness/databases.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const now = new Date('2030-06-01T12:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const hour = 3_600_000;

function isCode(code: string) {
  return (error: unknown) => {
    assert.ok(error instanceof SlipwayError, `expected a SlipwayError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  };
}

describeEachDatabase('API tokens store', (getDb) => {
  let alice: UserRecord;
  let bob: UserRecord;
  before(async () => {
    alice = await ensureUser(getDb().db, 'alice');
    bob = await ensureUser(getDb().db, 'bob');
  });

  test('createToken returns a slw_ secret once and a record without the hash', async () => {
    const { token, secret } = await createToken(getDb().db, { userId: alice.id, name: 'laptop', scopes: ['read'] });
    assert.match(secret, /^slw_[0-9A-Za-z]{40}$/);
    assert.equal(token.prefix, secret.slice(4, 12));
    assert.equal(token.userId, alice.id);
    assert.equal(token.name, 'laptop');
    assert.deepEqual(token.scopes, ['read']);
    assert.equal(token.expiresAt, null);
    assert.equal(token.lastUsedAt, null);
    assert.equal(token.revokedAt, null);
    assert.ok(token.createdAt instanceof Date);
    assert.deepEqual(Object.keys(token).sort(), [
      'createdAt',
      'expiresAt',
      'id',
      'lastUsedAt',
      'name',
      'prefix',
      'revokedAt',
      'scopes',
      'userId',
    ]);
  });

  test('only the sha256 of the secret is stored, never the secret', async () => {
    const { token, secret } = await createToken(getDb().db, {
      userId: alice.id,
      name: 'ci',
      scopes: ['read', 'write'],
    });
    const stored = await getDb()
      .db.selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.token_hash, sha256(secret));
    // Every column of every row, as text: neither the secret nor its random part may appear.
    const { rows } = await sql<{ dump: string }>`select string_agg(t::text, E'\n') as dump from api_tokens t`.execute(
      getDb().db,
    );
    const dump = rows[0]?.dump ?? '';
    assert.ok(dump.includes(sha256(secret)), 'the dump should contain the hash (sanity check)');
    assert.ok(!dump.includes(secret), 'the secret is stored in api_tokens');
    assert.ok(!dump.includes(secret.slice(4)), 'the random part of the secret is stored in api_tokens');
  });

  test('secrets are random: many tokens, all different', async () => {
    const secrets = new Set<string>();
    for (let i = 0; i < 20; i++) {
      secrets.add((await createToken(getDb().db, { userId: bob.id, name: `batch-${i}`, scopes: [] })).secret);
    }
    assert.equal(secrets.size, 20);
  });

  test('verifyToken accepts the right secret, returns its user and records the use', async () => {
    const { token, secret } = await createToken(getDb().db, { userId: alice.id, name: 'verify', scopes: ['read'] });
    const found = await verifyToken(getDb().db, secret, now);
    assert.ok(found, 'the token should verify');
    assert.equal(found.token.id, token.id);
    assert.deepEqual(found.user, alice);
    assert.deepEqual(found.token.lastUsedAt, now);
    const listed = (await listTokens(getDb().db, alice.id)).find((t) => t.id === token.id);
    assert.deepEqual(listed?.lastUsedAt, now);
  });

  test('verifyToken records a use at most once a minute, so reads stay reads', async () => {
    const { token, secret } = await createToken(getDb().db, { userId: alice.id, name: 'busy', scopes: ['read'] });
    await verifyToken(getDb().db, secret, now);
    await verifyToken(getDb().db, secret, later(lastUsedResolutionMs - 1));
    let listed = (await listTokens(getDb().db, alice.id)).find((t) => t.id === token.id);
    assert.deepEqual(listed?.lastUsedAt, now, 'within the minute the first use stands');
    await verifyToken(getDb().db, secret, later(lastUsedResolutionMs));
    listed = (await listTokens(getDb().db, alice.id)).find((t) => t.id === token.id);
    assert.deepEqual(listed?.lastUsedAt, later(lastUsedResolutionMs));
  });

  test("getToken finds a token by id, and with an owner only that owner's", async () => {
    const { token } = await createToken(getDb().db, { userId: alice.id, name: 'owned', scopes: ['read'] });
    assert.equal((await getToken(getDb().db, token.id))?.id, token.id);
    assert.equal((await getToken(getDb().db, token.id, alice.id))?.id, token.id);
    assert.equal(await getToken(getDb().db, token.id, bob.id), null);
    assert.equal(await getToken(getDb().db, 'not-a-uuid'), null);
    assert.equal(await getToken(getDb().db, token.id, 'not-a-uuid'), null);
  });

  test('verifyToken refuses a wrong or malformed secret', async () => {
    const { secret } = await createToken(getDb().db, { userId: alice.id, name: 'wrong', scopes: ['read'] });
    const lastChar = secret.at(-1) === 'a' ? 'b' : 'a';
    assert.equal(await verifyToken(getDb().db, secret.slice(0, -1) + lastChar, now), null);
    assert.equal(await verifyToken(getDb().db, secret.slice(4), now), null);
    assert.equal(await verifyToken(getDb().db, `${secret} `, now), null);
    assert.equal(await verifyToken(getDb().db, '', now), null);
    assert.equal(await verifyToken(getDb().db, sha256(secret), now), null, 'the stored hash must not work as a secret');
  });

  test('a revoked token no longer verifies; revoking again keeps the first time', async () => {
    const { token, secret } = await createToken(getDb().db, { userId: alice.id, name: 'revoke-me', scopes: ['read'] });
    assert.ok(await verifyToken(getDb().db, secret, now));
    const revoked = await revokeToken(getDb().db, token.id, later(1000));
    assert.deepEqual(revoked.revokedAt, later(1000));
    assert.equal(await verifyToken(getDb().db, secret, later(2000)), null);
    const again = await revokeToken(getDb().db, token.id, later(5000));
    assert.deepEqual(again.revokedAt, later(1000));
  });

  test('revoking an unknown token is not_found', async () => {
    await assert.rejects(revokeToken(getDb().db, '00000000-0000-4000-8000-000000000000'), isCode('not_found'));
    await assert.rejects(revokeToken(getDb().db, 'not-a-uuid'), isCode('not_found'));
  });

  test('a token verifies until its expiry and not from then on', async () => {
    const expiresAt = later(hour);
    const { token, secret } = await createToken(getDb().db, {
      userId: alice.id,
      name: 'short-lived',
      scopes: ['read'],
      expiresAt,
    });
    assert.deepEqual(token.expiresAt, expiresAt);
    assert.ok(await verifyToken(getDb().db, secret, later(hour - 1)));
    assert.equal(await verifyToken(getDb().db, secret, expiresAt), null);
    assert.equal(await verifyToken(getDb().db, secret, later(2 * hour)), null);
    const listed = (await listTokens(getDb().db, alice.id)).find((t) => t.id === token.id);
    assert.deepEqual(listed?.lastUsedAt, later(hour - 1), 'a refused attempt must not count as a use');
  });

  test('a duplicate name for the same user already exists; other users and revoked names are free', async () => {
    const first = await createToken(getDb().db, { userId: alice.id, name: 'deploy', scopes: ['read'] });
    await assert.rejects(
      createToken(getDb().db, { userId: alice.id, name: 'deploy', scopes: ['write'] }),
      isCode('already_exists'),
    );
    await createToken(getDb().db, { userId: bob.id, name: 'deploy', scopes: ['read'] });
    await revokeToken(getDb().db, first.token.id);
    const second = await createToken(getDb().db, { userId: alice.id, name: 'deploy', scopes: ['read'] });
    assert.notEqual(second.token.id, first.token.id);
  });

  test('invalid input and unknown users are refused', async () => {
    await assert.rejects(createToken(getDb().db, { userId: alice.id, name: ' ', scopes: [] }), isCode('invalid_input'));
    await assert.rejects(
      createToken(getDb().db, { userId: alice.id, name: 'x', scopes: [''] }),
      isCode('invalid_input'),
    );
    const ghost = '00000000-0000-4000-8000-000000000000';
    await assert.rejects(createToken(getDb().db, { userId: ghost, name: 'x', scopes: [] }), isCode('not_found'));
  });

  test('listTokens lists one user’s tokens, oldest first', async () => {
    const carol = await ensureUser(getDb().db, 'carol');
    assert.deepEqual(await listTokens(getDb().db, carol.id), []);
    const a = await createToken(getDb().db, { userId: carol.id, name: 'one', scopes: ['read'] });
    const b = await createToken(getDb().db, { userId: carol.id, name: 'two', scopes: ['read', 'write'] });
    const listed = await listTokens(getDb().db, carol.id);
    assert.deepEqual(listed, [a.token, b.token]);
    assert.deepEqual(await listTokens(getDb().db, 'not-a-uuid'), []);
  });

  test('deleting a user deletes their tokens', async () => {
    const dave = await ensureUser(getDb().db, 'dave');
    const { secret } = await createToken(getDb().db, { userId: dave.id, name: 'doomed', scopes: ['read'] });
    await createToken(getDb().db, { userId: dave.id, name: 'doomed-too', scopes: ['read'] });
    await getDb().db.deleteFrom('users').where('id', '=', dave.id).execute();
    const left = await getDb().db.selectFrom('api_tokens').select('id').where('user_id', '=', dave.id).execute();
    assert.equal(left.length, 0);
    assert.equal(await verifyToken(getDb().db, secret, now), null);
    assert.ok((await listTokens(getDb().db, alice.id)).length > 0, 'other users keep their tokens');
  });
});
