import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { SlipwayError } from '@slipway/core';
import type { LocationAllowList } from '../../src/catalog/url-policy.ts';
import { KeyRing } from '../../src/crypto/keyring.ts';
import type { DeliveryView } from '../../src/db/stores/notifications.ts';
import { emitNotification } from '../../src/db/stores/notifications.ts';
import { addMember, createTeam } from '../../src/db/stores/teams.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { NotificationDispatcher } from '../../src/notifications/dispatcher.ts';
import { NotificationService } from '../../src/notifications/service.ts';
import { systemClock } from '../../src/util/clock.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { startReceiver } from './receiver.ts';
import { verifyStandardWebhook } from './verify.ts';

const quiet = { info() {}, warn() {} };
const local: LocationAllowList = { allowedHosts: ['127.0.0.1'], allowFileUrls: false };

describeEachDatabase('notifications: outbox and dispatcher', (getDb) => {
  let service: NotificationService;
  let dispatcher: NotificationDispatcher;
  const keyRing = KeyRing.parse(KeyRing.generate('test'));

  before(async () => {
    const db = getDb().db;
    dispatcher = new NotificationDispatcher({
      db,
      keyRing,
      allow: local,
      now: systemClock,
      log: quiet,
      options: { timeoutMs: 400, maxAttempts: 3, backoff: { baseMs: 20, maxMs: 100 }, pollMs: 50 },
    });
    service = new NotificationService({ db, keyRing, allow: local, now: systemClock, dispatcher });
    await dispatcher.start();
  });
  after(() => dispatcher.stop());

  /** Waits until the subscription's newest delivery is in `status`. */
  const settled = async (subscriptionId: string, status: DeliveryView['status']) => {
    const deadline = performance.now() + 20_000;
    for (;;) {
      const [delivery] = await service.deliveries({ subscriptionId, limit: 1 });
      if (delivery?.status === status) return delivery;
      assert.ok(performance.now() < deadline, `delivery still ${delivery?.status ?? 'missing'}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  };

  it('sends a message a receiver verifies with the Standard Webhooks rules', async () => {
    const receiver = await startReceiver();
    try {
      const { subscription, secret } = await service.subscribe(
        { name: 'signed', channel: 'webhook', url: receiver.url },
        'ana',
      );
      assert.match(secret ?? '', /^whsec_[A-Za-z0-9+/]+=*$/);
      assert.equal(JSON.stringify(await service.list()).includes(secret ?? '?'), false, 'the secret is shown once');
      await service.test(subscription.id, 'ana');
      await receiver.waitFor(1);
      const [request] = receiver.received;
      assert.ok(request);
      const now = Math.floor(Date.now() / 1000);
      assert.ok(verifyStandardWebhook(secret ?? '', request.headers, request.body, now), 'the signature verifies');
      assert.equal(verifyStandardWebhook(secret ?? '', request.headers, `${request.body} `, now), false);
      const body = JSON.parse(request.body);
      assert.equal(body.type, 'notification.test');
      assert.match(body.data.title, /A test of signed, sent by ana/);
      const delivered = await settled(subscription.id, 'delivered');
      assert.equal(request.headers['webhook-id'], delivered.id);
      assert.equal(delivered.attempts, 1);
    } finally {
      await receiver.close();
    }
  });

  it('retries a receiver that answers 500, hangs and resets, with the same webhook-id, then delivers', async () => {
    const faults = [500, 'hang', 'reset'] as const;
    const receiver = await startReceiver((i) => faults[i] ?? 200);
    try {
      const { subscription } = await service.subscribe({ name: 'flaky', channel: 'webhook', url: receiver.url }, 'ana');
      // Three faults need a fourth attempt: more than this suite's maximum of 3, so redeliver once.
      await service.test(subscription.id, 'ana');
      const dead = await settled(subscription.id, 'dead');
      assert.equal(dead.attempts, 3);
      assert.ok(dead.lastError, 'the last error is kept');
      assert.match(dead.lastError ?? '', /socket hang up|ECONNRESET|reset/i);
      await service.redeliver(dead.id);
      const delivered = await settled(subscription.id, 'delivered');
      assert.equal(delivered.id, dead.id);
      assert.equal(receiver.received.length, 4);
      assert.deepEqual(
        new Set(receiver.received.map((r) => r.headers['webhook-id'])),
        new Set([delivered.id]),
        'every attempt carries the same id',
      );
    } finally {
      await receiver.close();
    }
  });

  it('keeps a delivery that never succeeds as dead with the last error', async () => {
    const receiver = await startReceiver(() => 503);
    try {
      const { subscription } = await service.subscribe({ name: 'down', channel: 'webhook', url: receiver.url }, 'ana');
      await service.test(subscription.id, 'ana');
      const dead = await settled(subscription.id, 'dead');
      assert.equal(dead.attempts, 3);
      assert.equal(dead.lastStatus, 503);
      assert.match(dead.lastError ?? '', /HTTP 503: receiver says no/);
      assert.equal(receiver.received.length, 3);
      const listed = await service.deliveries({ status: 'dead' });
      assert.ok(listed.some((d) => d.id === dead.id));
      await assert.rejects(
        service.redeliver(dead.id).then(() => service.redeliver(dead.id)),
        /on its way/,
      );
    } finally {
      await receiver.close();
    }
  });

  it('delivers a burst of 300 to one receiver, more than its 8 slots, while the receiver is answered', async () => {
    // Most of the burst is put back while the receiver's slots are full. On PGlite, which
    // answers without I/O, re-claiming them kept the event loop from ever reading the
    // receiver's answers, and nothing was delivered again (db/pglite-turns.ts).
    const receiver = await startReceiver();
    try {
      const { subscription } = await service.subscribe({ name: 'burst', channel: 'webhook', url: receiver.url }, 'ana');
      await getDb()
        .db.transaction()
        .execute(async (tx) => {
          for (let i = 0; i < 300; i++)
            await emitNotification(tx, {
              kind: 'notification.test',
              at: new Date(),
              title: `burst #${i}`,
              onlySubscription: subscription.id,
            });
        });
      dispatcher.wake();
      await receiver.waitFor(300, 60_000);
      // Each is marked delivered once its answer is read: wait for the last marks.
      const deadline = performance.now() + 20_000;
      let delivered = 0;
      while (delivered < 300 && performance.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        delivered = (await service.deliveries({ subscriptionId: subscription.id, status: 'delivered', limit: 500 }))
          .length;
      }
      const all = await service.deliveries({ subscriptionId: subscription.id, limit: 500 });
      const byStatus = all.reduce<Record<string, number>>((a, d) => ({ ...a, [d.status]: (a[d.status] ?? 0) + 1 }), {});
      assert.equal(
        delivered,
        300,
        `${JSON.stringify(byStatus)}; ${all.find((d) => d.lastError)?.lastError}; received ${receiver.received.length}`,
      );
      // At least once, under one id per delivery: a send whose answer came after the 400 ms
      // timeout (a loaded machine) is sent again, and receivers de-duplicate by webhook-id. No
      // delivery arrives more often than its recorded attempts.
      const arrivals = new Map<string, number>();
      for (const request of receiver.received) {
        const id = String(request.headers['webhook-id']);
        arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
      }
      assert.equal(arrivals.size, 300, 'each delivery arrived, under its own id');
      for (const delivery of all)
        assert.ok(
          (arrivals.get(delivery.id) ?? 0) <= delivery.attempts,
          `${delivery.id} arrived ${arrivals.get(delivery.id)} times in ${delivery.attempts} attempts`,
        );
    } finally {
      await receiver.close();
    }
  });

  it('refuses a destination in the server’s own network unless the allow-list names it', async () => {
    const strict = new NotificationService({
      db: getDb().db,
      keyRing,
      allow: { allowedHosts: [], allowFileUrls: false },
      now: systemClock,
      dispatcher,
    });
    await assert.rejects(
      strict.subscribe({ name: 'inside', channel: 'webhook', url: 'http://127.0.0.1:9/hook' }, 'ana'),
      (error: unknown) =>
        error instanceof SlipwayError &&
        error.code === 'invalid_input' &&
        error.fields?.[0]?.path === '/url' &&
        /internal address/.test(error.message),
    );
    await assert.rejects(
      strict.subscribe({ name: 'metadata', channel: 'slack', url: 'http://169.254.169.254/latest' }, 'ana'),
      /internal address/,
    );
  });

  it('writes matching events to webhooks, Slack and team inboxes, and nothing when the change rolls back', async () => {
    const db = getDb().db;
    const slack = await startReceiver();
    try {
      await service.subscribe(
        { name: 'chat', channel: 'slack', url: slack.url, events: ['release.failed'], services: ['cart'] },
        'ana',
      );
      const user = await ensureUser(db, 'inbox-reader');
      await createTeam(db, { name: 'payments' });
      await addMember(db, 'payments', user.id);
      await service.subscribe(
        { name: 'team inbox', channel: 'inbox', team: 'payments', teams: ['payments'], events: ['release.failed'] },
        'ana',
      );
      const failed = {
        kind: 'release.failed' as const,
        at: new Date(),
        title: 'cart #3 failed in staging',
        team: 'payments',
      };
      // A transaction that fails writes no event: the outbox follows the change.
      await assert.rejects(
        db.transaction().execute(async (tx) => {
          await emitNotification(tx, failed);
          throw new Error('the change failed');
        }),
      );
      assert.equal(await service.unread(user.id), 0);
      await db.transaction().execute(async (tx) => {
        const event = await emitNotification(tx, failed);
        // A service filter needs the event's service: this one has none, so only the inbox gets it.
        assert.equal(event.service, null);
      });
      assert.equal(await service.unread(user.id), 1);
      const [item] = await service.inbox(user.id, {});
      assert.equal(item?.event.title, 'cart #3 failed in staging');
      assert.equal(await service.markRead(user.id, null), 1);
      assert.equal(await service.unread(user.id), 0);
      assert.equal(slack.received.length, 0);
    } finally {
      await slack.close();
    }
  });
});
