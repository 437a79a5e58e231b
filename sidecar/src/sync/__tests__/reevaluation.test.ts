/**
 * The re-evaluation schedule (overrides expiring, signals ageing out) kept in the mirror, driven by
 * a clock moved by hand: one timer for the earliest, the due accounts handed on a page at a time
 * (what is held in memory is a page, however many accounts wait), and kept across a restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MirrorStore } from '../../store/mirror';
import { REFIRE_MS, ReevaluationSchedule } from '../reevaluation';
import { ManualClock } from './support/harness';

const PAGE = 4;

function scheduleOn(mirror: MirrorStore, clock: ManualClock, onDue: (ids: string[]) => void, page = PAGE) {
  return new ReevaluationSchedule(clock, mirror.reevaluations, onDue, page);
}

describe('the re-evaluation schedule', () => {
  it('fires each account once when its time comes, earliest first, with one timer', async () => {
    const mirror = new MirrorStore(':memory:');
    const clock = new ManualClock(0);
    const due: string[][] = [];
    const schedule = scheduleOn(mirror, clock, (ids) => due.push(ids));
    schedule.set('b', 2_000);
    schedule.set('a', 1_000);
    schedule.set('c', Infinity);
    expect(schedule.next).toBe(1_000);
    clock.advanceTo(999);
    await schedule.idle;
    expect(due).toEqual([]);
    clock.advanceTo(1_500);
    await schedule.idle;
    expect(due).toEqual([['a']]);
    schedule.set('b', 3_000);
    clock.advanceTo(2_500);
    await schedule.idle;
    expect(due).toEqual([['a']]);
    clock.advanceTo(3_000);
    await schedule.idle;
    expect(due).toEqual([['a'], ['b']]);
    expect(schedule.next).toBeNull();
    schedule.set('c', 5_000);
    expect(schedule.next).toBe(5_000);
    schedule.delete('c');
    expect(schedule.next).toBeNull();
    mirror.close();
  });

  it('hands on many due accounts a page at a time, earliest first, and holds none of them itself', async () => {
    const mirror = new MirrorStore(':memory:');
    const clock = new ManualClock(0);
    const pages: string[][] = [];
    const schedule = scheduleOn(mirror, clock, (ids) => pages.push(ids));
    const accounts = 10 * PAGE + 3;
    const id = (n: number) => `001${String(n).padStart(4, '0')}`;
    // Due in the reverse order of their ids: earliest first is not id order.
    for (let n = 0; n < accounts; n++) schedule.set(id(n), 1_000 + (accounts - n));
    schedule.set('001later', 10_000);
    // Nothing of them is in the schedule object: the due times are rows in the mirror.
    expect(Object.values(schedule).some((value) => value instanceof Map || value instanceof Set)).toBe(false);
    expect(schedule.next).toBe(1_001);

    clock.advanceTo(5_000);
    await schedule.idle;
    expect(pages.length).toBe(Math.ceil(accounts / PAGE));
    expect(Math.max(...pages.map((page) => page.length))).toBe(PAGE);
    expect(pages.flat()).toEqual(Array.from({ length: accounts }, (_, n) => id(accounts - 1 - n)));
    expect(schedule.next).toBe(10_000);
    mirror.close();
  });

  it('a restart keeps the schedule: the next start fires what was set before, with no pass over the accounts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stance-reevaluation-')), 'stance.db');
    const before = new MirrorStore(file);
    const first = scheduleOn(before, new ManualClock(0), () => undefined);
    first.set('001A', 86_400_000);
    first.set('001B', 2 * 86_400_000);
    first.stop();
    before.close();

    const after = new MirrorStore(file);
    const clock = new ManualClock(60_000);
    const due: string[][] = [];
    const second = scheduleOn(after, clock, (ids) => due.push(ids));
    expect(second.next).toBe(86_400_000);
    second.start();
    clock.advanceTo(86_400_000);
    await second.idle;
    expect(due).toEqual([['001A']]);
    expect(second.next).toBe(2 * 86_400_000);
    second.stop();
    after.close();
  });

  it('leaves the due accounts due when handing them on fails (a full disk), and tries again later', async () => {
    const mirror = new MirrorStore(':memory:');
    const clock = new ManualClock(0);
    const due: string[][] = [];
    const failures: unknown[] = [];
    let refuse = true;
    const schedule = new ReevaluationSchedule(
      clock,
      mirror.reevaluations,
      (ids) => {
        if (refuse) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        due.push(ids);
      },
      PAGE,
      (error) => failures.push(error),
    );
    schedule.set('001A', 1_000);
    clock.advanceTo(1_000);
    await schedule.idle;
    expect(failures).toHaveLength(1);
    expect(schedule.next).toBe(1_000);
    // Not again at once: a little later.
    clock.advanceTo(1_000 + REFIRE_MS - 1);
    await schedule.idle;
    expect(failures).toHaveLength(1);
    refuse = false;
    clock.advanceTo(1_000 + REFIRE_MS);
    await schedule.idle;
    expect(due).toEqual([['001A']]);
    expect(schedule.next).toBeNull();
    mirror.close();
  });
});
