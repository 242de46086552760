/**
 * A seeded production history for the DORA tests: three services, two teams, three ISO weeks
 * (2026-W46 … 2026-W48) and one release before them. The expected figures in dora.test.ts are
 * worked out by hand from this table; change one and redo the other.
 *
 *   place          #  status      finished          commit            note
 *   shop/prod      1  healthy     Nov  2 10:00      Nov  2 08:00      before the window
 *   shop/prod      2  healthy     Nov 10 12:00      Nov 10 09:00      lead 3 h
 *   shop/prod      3  failed      Nov 11 10:00      Nov 11 08:00      outage starts
 *   shop/prod      4  healthy     Nov 11 10:30      (rollback of #2)  outage ends: 30 min
 *   shop/prod      5  healthy     Nov 17 09:00      Nov 16 09:00      lead 24 h; #6 40 min later: needed a fix
 *   shop/prod      6  healthy     Nov 17 09:40      Nov 17 09:20      lead 20 min
 *   shop/prod      7  healthy     Nov 24 15:00      unknown           rolled back by #8
 *   shop/prod      8  healthy     Nov 24 16:00      (rollback of #6)
 *   shop/prod      9  superseded  Nov 25 00:00                        never applied: ignored
 *   shop/prod     10  healthy     Nov 28 10:00      Nov 28 09:00      after now: ignored
 *   cart/prod      1  healthy     Nov 12 14:00      Nov 12 12:00      lead 2 h
 *   cart/prod      2  degraded    Nov 19 06:00      Nov 18 06:00      outage starts
 *   cart/prod      3  failed      Nov 19 08:00      Nov 19 07:00      same outage
 *   cart/prod      4  healthy     Nov 23 08:00      Nov 23 06:00      lead 2 h; outage ends: 4 d 2 h
 *   cart/prod      5  queued      —                                   unfinished: ignored
 *   search/prod    1  healthy     Nov 20 12:00      Nov 13 12:00      lead 7 d
 *   search/prod    2  failed      Nov 26 12:00      Nov 26 10:00      outage starts, still on at now
 *   search/prod    3  healthy     Nov 27 13:00      Nov 27 11:00      after now: ignored
 *
 * shop and cart belong to team payments, search to team discovery. Now: Fri Nov 27 12:00 UTC.
 */
import type { DeliveryRelease } from '../../src/index.ts';

export const now = new Date('2026-11-27T12:00:00Z');
/** Monday of 2026-W46 … Monday after 2026-W48. */
export const window = { from: new Date('2026-11-09T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z') };

const at = (day: number, time: string) => new Date(`2026-11-${String(day).padStart(2, '0')}T${time}:00Z`);

type Row = [number, string, Date | null, Date | null, string | null];

function place(service: string, team: string, rows: Row[]): DeliveryRelease[] {
  return rows.map(([number, status, finishedAt, commitTime, rollbackOf]) => ({
    id: `${service}-${number}`,
    service,
    team,
    environment: `${service}-prod`,
    environmentType: 'production',
    number,
    status,
    finishedAt,
    commitTime,
    rollbackOf,
  }));
}

export const history: DeliveryRelease[] = [
  ...place('shop', 'payments', [
    [1, 'healthy', at(2, '10:00'), at(2, '08:00'), null],
    [2, 'healthy', at(10, '12:00'), at(10, '09:00'), null],
    [3, 'failed', at(11, '10:00'), at(11, '08:00'), null],
    [4, 'healthy', at(11, '10:30'), at(10, '09:00'), 'shop-2'],
    [5, 'healthy', at(17, '09:00'), at(16, '09:00'), null],
    [6, 'healthy', at(17, '09:40'), at(17, '09:20'), null],
    [7, 'healthy', at(24, '15:00'), null, null],
    [8, 'healthy', at(24, '16:00'), at(17, '09:20'), 'shop-6'],
    [9, 'superseded', at(25, '00:00'), at(24, '23:00'), null],
    [10, 'healthy', at(28, '10:00'), at(28, '09:00'), null],
  ]),
  ...place('cart', 'payments', [
    [1, 'healthy', at(12, '14:00'), at(12, '12:00'), null],
    [2, 'degraded', at(19, '06:00'), at(18, '06:00'), null],
    [3, 'failed', at(19, '08:00'), at(19, '07:00'), null],
    [4, 'healthy', at(23, '08:00'), at(23, '06:00'), null],
    [5, 'queued', null, at(26, '06:00'), null],
  ]),
  ...place('search', 'discovery', [
    [1, 'healthy', at(20, '12:00'), at(13, '12:00'), null],
    [2, 'failed', at(26, '12:00'), at(26, '10:00'), null],
    [3, 'healthy', at(27, '13:00'), at(27, '11:00'), null],
  ]),
];
