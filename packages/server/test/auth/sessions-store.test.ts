import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, test } from 'node:test';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../src/auth/passwords.ts';
import { updateAccount } from '../../src/db/stores/accounts.ts';
import {
  createSession,
  getSession,
  lastSeenResolutionMs,
  listSessions,
  revokeSession,
  revokeUserSessions,
  verifySession,
} from '../../src/db/stores/sessions.ts';
import { ensureUser, type UserRecord } from '../../src/db/stores/users.ts';
import { describeEachDatabase } from '../harness/databases.ts';

const now = new Date('2030-06-01T12:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const hour = 3_600_000;

describeEachDatabase('sessions store', (getDb) => {
  let alice: UserRecord;
  let bob: UserRecord;
  const open = (user: UserRecord, ttl = hour) =>
    createSession(getDb().db, { userId: user.id, method: 'password', expiresAt: later(ttl) }, now);

  before(async () => {
    alice = await ensureUser(getDb().db, 'alice');
    bob = await ensureUser(getDb().db, 'bob');
  });

  test('the database keeps only the sha256 of the secret', async () => {
    const { session, secret } = await open(alice);
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    const row = await getDb()
      .db.selectFrom('sessions')
      .selectAll()
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.secret_hash, createHash('sha256').update(secret).digest('hex'));
    assert.ok(!JSON.stringify(row).includes(secret));
  });

  test('a session verifies until its absolute expiry and not from then on', async () => {
    const { session, secret } = await open(alice, hour);
    assert.equal((await verifySession(getDb().db, secret, later(hour - 1)))?.user.username, 'alice');
    assert.equal(await verifySession(getDb().db, secret, later(hour)), null);
    assert.equal(await verifySession(getDb().db, secret, later(2 * hour)), null);
    assert.equal(await verifySession(getDb().db, 'x'.repeat(43), now), null, 'an unknown secret');
    assert.equal(await verifySession(getDb().db, `${secret}!`, now), null, 'a malformed secret');
    assert.equal((await getSession(getDb().db, session.id, alice.id))?.id, session.id);
  });

  test('last_seen_at slides at most once a minute', async () => {
    const { session, secret } = await open(alice);
    await verifySession(getDb().db, secret, later(lastSeenResolutionMs - 1));
    assert.deepEqual((await getSession(getDb().db, session.id, alice.id))?.lastSeenAt, now);
    await verifySession(getDb().db, secret, later(lastSeenResolutionMs));
    assert.deepEqual((await getSession(getDb().db, session.id, alice.id))?.lastSeenAt, later(lastSeenResolutionMs));
  });

  test('a revoked session no longer verifies; revoking again keeps the first time', async () => {
    const { session, secret } = await open(alice);
    assert.equal(await revokeSession(getDb().db, session.id, later(1000)), true);
    assert.equal(await verifySession(getDb().db, secret, later(2000)), null);
    await revokeSession(getDb().db, session.id, later(5000));
    assert.deepEqual((await getSession(getDb().db, session.id, alice.id))?.revokedAt, later(1000));
    assert.equal(await revokeSession(getDb().db, 'not-a-uuid'), false);
  });

  test("one user's sessions are not another's; revoking all but one keeps that one", async () => {
    const mine = [await open(bob), await open(bob), await open(bob)];
    const theirs = await open(alice);
    assert.equal(await getSession(getDb().db, theirs.session.id, bob.id), null, "alice's session is not bob's");
    const listed = await listSessions(getDb().db, bob.id, now);
    assert.deepEqual(listed.map((s) => s.id).sort(), mine.map((m) => m.session.id).sort());
    const keep = mine[0]?.session.id;
    assert.equal(await revokeUserSessions(getDb().db, bob.id, { except: keep, now }), 2);
    assert.deepEqual(
      (await listSessions(getDb().db, bob.id, now)).map((s) => s.id),
      [keep],
    );
    assert.ok(await verifySession(getDb().db, theirs.secret, now), "alice's session is untouched");
  });

  test('disabling a user revokes their sessions and stops them verifying', async () => {
    const carol = await ensureUser(getDb().db, 'carol');
    const { session, secret } = await open(carol);
    await updateAccount(getDb().db, 'carol', { disabled: true }, later(1000));
    assert.equal(await verifySession(getDb().db, secret, later(2000)), null);
    assert.deepEqual((await getSession(getDb().db, session.id, carol.id))?.revokedAt, later(1000));
    await updateAccount(getDb().db, 'carol', { disabled: false });
    assert.equal(await verifySession(getDb().db, secret, later(2000)), null, 'enabling again does not revive it');
  });
});

test('passwords are argon2id with OWASP parameters; a malformed hash is a mismatch', async () => {
  const phc = await hashPassword('correct horse battery staple');
  assert.match(phc, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(phc, 'correct horse battery staple'), true);
  assert.equal(await verifyPassword(phc, 'correct horse battery stapler'), false);
  assert.equal(await verifyPassword('not a hash', 'anything'), false);
  assert.equal(await verifyAgainstDummy('anything'), false);
});
