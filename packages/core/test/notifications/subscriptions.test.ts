/** Which events a subscription's filters let through (core/notifications/subscriptions.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesSubscription, type NotificationEvent, type NotificationFilter } from '../../src/index.ts';

const event = (over: Partial<NotificationEvent>): NotificationEvent => ({
  id: 'e-1',
  kind: 'release.failed',
  at: '2026-03-02T09:00:00.000Z',
  title: 'checkout #12 failed in staging',
  team: 'payments',
  service: 'checkout',
  environment: 'staging',
  environmentType: 'staging',
  link: null,
  data: {},
  ...over,
});
const filter = (over: Partial<NotificationFilter>): NotificationFilter => ({
  events: [],
  teams: [],
  services: [],
  environmentTypes: [],
  ...over,
});

describe('subscription filters', () => {
  it('pass everything when empty, and only listed values otherwise', () => {
    assert.equal(matchesSubscription(filter({}), event({})), true);
    assert.equal(matchesSubscription(filter({ events: ['release.healthy'] }), event({})), false);
    assert.equal(matchesSubscription(filter({ teams: ['payments'], services: ['checkout'] }), event({})), true);
    assert.equal(matchesSubscription(filter({ environmentTypes: ['production'] }), event({})), false);
  });

  it('leave out an event without a service or team when they filter by it', () => {
    const freeze = event({ kind: 'freeze.started', team: null, service: null, environment: null });
    assert.equal(matchesSubscription(filter({ services: ['checkout'] }), freeze), false);
    assert.equal(matchesSubscription(filter({ teams: ['payments'] }), freeze), false);
  });

  it('pass an event about several types when they name one of them, or it covers every type', () => {
    const some = event({ kind: 'freeze.started', environmentType: null, environmentTypes: ['production', 'staging'] });
    assert.equal(matchesSubscription(filter({ environmentTypes: ['staging'] }), some), true);
    assert.equal(matchesSubscription(filter({ environmentTypes: ['development'] }), some), false);
    assert.equal(matchesSubscription(filter({}), some), true);
    const every = event({ kind: 'freeze.started', environmentType: null, environmentTypes: [] });
    assert.equal(matchesSubscription(filter({ environmentTypes: ['development'] }), every), true);
  });

  it('never broadcast a test message', () => {
    assert.equal(matchesSubscription(filter({}), event({ kind: 'notification.test' })), false);
  });
});
