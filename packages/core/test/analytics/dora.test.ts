import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { doraByGroup, doraReport, median } from '../../src/index.ts';
import { history, now, window } from './history.ts';

const hour = 3600;
const day = 24 * hour;

describe('doraReport on the seeded history (figures worked out by hand, see history.ts)', () => {
  const report = doraReport(history, { ...window, now });

  it('deployment frequency: changes that became healthy, per elapsed day', () => {
    // healthy changes in the window: shop #2 #5 #6 #7, cart #1 #4, search #1 = 7
    // (rollbacks shop #4 #8 are not changes; shop #10 and search #3 finish after now)
    assert.equal(report.figures.deployments, 7);
    // elapsed: Nov 9 00:00 → now Nov 27 12:00 = 18.5 days; 7 / 18.5 = 0.378… a day
    assert.equal(report.figures.deploymentsPerDay, 7 / 18.5);
    assert.equal(report.bands.deploymentFrequency, 'high'); // ≥ 1/7 a day, < 1 a day
  });

  it('lead time: median of commit → healthy over changes with a commit time', () => {
    // shop #2 3 h = 10800, #5 24 h = 86400, #6 20 min = 1200; cart #1 2 h = 7200, #4 2 h = 7200;
    // search #1 7 d = 604800. Sorted: 1200 7200 7200 | 10800 86400 604800 → (7200 + 10800) / 2
    assert.deepEqual(report.figures.leadTime, { medianSeconds: 9000, count: 6, withoutCommitTime: 1 });
    assert.equal(report.bands.leadTime, 'elite'); // 2.5 h < 1 day
  });

  it('change failure rate: failed, rolled back or fixed within the hour, over all changes', () => {
    // changes: shop #2 #3 #5 #6 #7, cart #1 #2 #3 #4, search #1 #2 = 11
    // failed: shop #3 (failed), #5 (fixed by #6 40 min later), #7 (rolled back by #8);
    //         cart #2 (degraded), #3 (failed); search #2 (failed) = 6
    assert.deepEqual(report.figures.changeFailure, { rate: 6 / 11, changes: 11, failed: 6 });
    assert.equal(report.bands.changeFailureRate, 'low'); // 54.5 % > 15 %
  });

  it('time to restore: first failure → next healthy release, median over outages ended in the window', () => {
    // shop: Nov 11 10:00 → 10:30 = 1800; cart: Nov 19 06:00 → Nov 23 08:00 = 4 d 2 h = 352800
    // median (1800 + 352800) / 2 = 177300 (49.25 h); search's outage (Nov 26 12:00) is still on
    assert.deepEqual(report.figures.timeToRestore, { medianSeconds: 177300, restored: 2, open: 1 });
    assert.equal(report.bands.timeToRestore, 'medium'); // ≥ 1 day, ≤ 1 week
  });

  it('by ISO week: every week of the window, the running one measured up to now', () => {
    assert.deepEqual(
      report.weeks.map((w) => [w.week, w.start.toISOString()]),
      [
        ['2026-W46', '2026-11-09T00:00:00.000Z'],
        ['2026-W47', '2026-11-16T00:00:00.000Z'],
        ['2026-W48', '2026-11-23T00:00:00.000Z'],
      ],
    );
    const [w46, w47, w48] = report.weeks.map((w) => w.figures);
    // W46: changes shop #2 #3, cart #1; healthy shop #2, cart #1; failed shop #3
    assert.deepEqual(w46, {
      deployments: 2,
      deploymentsPerDay: 2 / 7,
      leadTime: { medianSeconds: 9000, count: 2, withoutCommitTime: 0 }, // (7200 + 10800) / 2
      changeFailure: { rate: 1 / 3, changes: 3, failed: 1 },
      timeToRestore: { medianSeconds: 1800, restored: 1, open: 0 },
    });
    // W47: changes shop #5 #6, cart #2 #3, search #1; healthy shop #5 #6, search #1;
    // failed shop #5, cart #2 #3; cart's outage is still on at the week's end
    assert.deepEqual(w47, {
      deployments: 3,
      deploymentsPerDay: 3 / 7,
      leadTime: { medianSeconds: 86400, count: 3, withoutCommitTime: 0 }, // 1200 86400 604800
      changeFailure: { rate: 3 / 5, changes: 5, failed: 3 },
      timeToRestore: { medianSeconds: null, restored: 0, open: 1 },
    });
    // W48 (Mon 00:00 → now Fri 12:00 = 4.5 days): changes cart #4, shop #7, search #2;
    // healthy cart #4, shop #7 (no commit time); failed shop #7, search #2
    assert.deepEqual(w48, {
      deployments: 2,
      deploymentsPerDay: 2 / 4.5,
      leadTime: { medianSeconds: 7200, count: 1, withoutCommitTime: 1 },
      changeFailure: { rate: 2 / 3, changes: 3, failed: 2 },
      timeToRestore: { medianSeconds: 352800, restored: 1, open: 1 },
    });
  });

  it('an empty week has zero deployments and no medians or rate', () => {
    const quiet = doraReport(history, { from: new Date('2026-10-05T00:00:00Z'), to: window.from, now });
    assert.equal(quiet.weeks.length, 5); // W41 … W45
    assert.deepEqual(quiet.weeks[0]?.figures, {
      deployments: 0,
      deploymentsPerDay: 0,
      leadTime: { medianSeconds: null, count: 0, withoutCommitTime: 0 },
      changeFailure: { rate: null, changes: 0, failed: 0 },
      timeToRestore: { medianSeconds: null, restored: 0, open: 0 },
    });
    // the five weeks hold one change, shop #1 (healthy, its next change 8 days later): 0 of 1
    assert.deepEqual(quiet.figures.changeFailure, { rate: 0, changes: 1, failed: 0 });
    assert.equal(quiet.bands.changeFailureRate, 'elite');
    assert.equal(quiet.bands.deploymentFrequency, 'low'); // 1 deploy in 35 days < 1 a month
  });
});

describe('doraReport: the fix window', () => {
  it('0 hours: no follow-up counts as a fix', () => {
    // as above without shop #5: 5 failed of 11
    const r = doraReport(history, { ...window, now, fixWindowHours: 0 });
    assert.deepEqual(r.figures.changeFailure, { rate: 5 / 11, changes: 11, failed: 5 });
  });
  it('a follow-up exactly N hours later is a fix; a minute more is not', () => {
    // shop #5 → #6: 40 min = 2/3 h
    const exactly = doraReport(history, { ...window, now, fixWindowHours: 40 / 60 });
    assert.equal(exactly.figures.changeFailure.failed, 6);
    const shorter = doraReport(history, { ...window, now, fixWindowHours: 39 / 60 });
    assert.equal(shorter.figures.changeFailure.failed, 5);
  });
  it('24 hours: shop #2 → #3 (Nov 10 12:00 → Nov 11 10:00 = 22 h) becomes a fix too', () => {
    // 6 as with 1 h, plus shop #2; shop #6 → #7 (7 d 5 h 20 min) and cart #1 → #2 (6 d 16 h) are not
    const r = doraReport(history, { ...window, now, fixWindowHours: 24 });
    assert.deepEqual(r.figures.changeFailure, { rate: 7 / 11, changes: 11, failed: 7 });
  });
});

describe('doraByGroup', () => {
  it('per team', () => {
    const [discovery, payments] = doraByGroup(history, 'team', { ...window, now });
    assert.equal(discovery?.key, 'discovery');
    // search: changes #1 #2, failed #2; lead 604800 = exactly 7 days: high (≤ 1 week)
    assert.deepEqual(discovery?.figures, {
      deployments: 1,
      deploymentsPerDay: 1 / 18.5,
      leadTime: { medianSeconds: 604800, count: 1, withoutCommitTime: 0 },
      changeFailure: { rate: 1 / 2, changes: 2, failed: 1 },
      timeToRestore: { medianSeconds: null, restored: 0, open: 1 },
    });
    assert.deepEqual(discovery?.bands, {
      deploymentFrequency: 'medium', // 0.054 a day ≥ 1/30
      leadTime: 'high',
      changeFailureRate: 'low',
      timeToRestore: null,
    });
    assert.equal(payments?.key, 'payments');
    // shop + cart: 9 changes, 5 failed, 6 healthy; leads 1200 7200 7200 10800 86400 → 7200
    assert.deepEqual(payments?.figures, {
      deployments: 6,
      deploymentsPerDay: 6 / 18.5,
      leadTime: { medianSeconds: 7200, count: 5, withoutCommitTime: 1 },
      changeFailure: { rate: 5 / 9, changes: 9, failed: 5 },
      timeToRestore: { medianSeconds: 177300, restored: 2, open: 0 },
    });
  });

  it('per service and per environment type', () => {
    const services = doraByGroup(history, 'service', { ...window, now });
    assert.deepEqual(
      services.map((g) => [g.key, g.figures.deployments, g.figures.changeFailure.failed]),
      [
        ['cart', 2, 2],
        ['search', 1, 1],
        ['shop', 4, 3],
      ],
    );
    const types = doraByGroup(history, 'environmentType', { ...window, now });
    assert.deepEqual(
      types.map((g) => [g.key, g.figures.changeFailure.changes]),
      [['production', 11]],
    );
  });
});

describe('median', () => {
  it('of nothing, an odd and an even count', () => {
    assert.equal(median([]), null);
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 10]), 3.5); // (3 + 4) / 2
  });
});

describe('bands at their edges (2023 report)', async () => {
  const { changeFailureRateBand, deploymentFrequencyBand, leadTimeBand, timeToRestoreBand } = await import(
    '../../src/index.ts'
  );
  it('deployment frequency', () => {
    assert.equal(deploymentFrequencyBand(1), 'elite');
    assert.equal(deploymentFrequencyBand(1 / 7), 'high');
    assert.equal(deploymentFrequencyBand(1 / 30), 'medium');
    assert.equal(deploymentFrequencyBand(1 / 31), 'low');
    assert.equal(deploymentFrequencyBand(null), null);
  });
  it('lead time', () => {
    assert.equal(leadTimeBand(day - 1), 'elite');
    assert.equal(leadTimeBand(day), 'high');
    assert.equal(leadTimeBand(7 * day + 1), 'medium');
    assert.equal(leadTimeBand(30 * day + 1), 'low');
  });
  it('change failure rate', () => {
    assert.equal(changeFailureRateBand(0.05), 'elite');
    assert.equal(changeFailureRateBand(0.1), 'high');
    assert.equal(changeFailureRateBand(0.15), 'medium');
    assert.equal(changeFailureRateBand(0.16), 'low');
  });
  it('time to restore', () => {
    assert.equal(timeToRestoreBand(hour - 1), 'elite');
    assert.equal(timeToRestoreBand(hour), 'high');
    assert.equal(timeToRestoreBand(day), 'medium');
    assert.equal(timeToRestoreBand(7 * day + 1), 'low');
  });
});
