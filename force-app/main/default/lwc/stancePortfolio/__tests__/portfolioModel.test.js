import { lastWeek, liveMix, snapshotDays, weeklyTrend, winsByLever } from '../portfolioModel';

// A day's aggregate as the org answers it: the sums of that day's snapshots and how many owners had one.
const day = (date, owners, { attack = 0, fire = 0, service = 0 } = {}) => ({
  node: {
    aggregate: {
      Snapshot_Date__c: { value: date },
      Id: { count: { value: owners } },
      Attack__c: { sum: { value: attack } },
      Defend__c: { sum: { value: 0 } },
      Fire__c: { sum: { value: fire } },
      None__c: { sum: { value: 0 } },
      At_Risk__c: { sum: { value: 0 } },
      Wins_Technical__c: { sum: { value: 0 } },
      Wins_Price__c: { sum: { value: 0 } },
      Wins_Service__c: { sum: { value: service } },
    },
  },
});

// Wednesday 25 November 2026: this week starts on Monday the 23rd.
const TODAY = '2026-11-25';

describe('the portfolio from snapshot days', () => {
  it("takes a week's fullest day, so a day the sidecar missed an owner does not stand for the week", () => {
    const days = snapshotDays([
      day('2026-11-16', 3, { attack: 9 }),
      day('2026-11-21', 3, { attack: 10 }),
      // Sunday: one owner's snapshot failed, so the day counts two owners' accounts only.
      day('2026-11-22', 2, { attack: 4 }),
      day('2026-11-24', 3, { attack: 12 }),
    ]);
    const trend = weeklyTrend(days, TODAY);
    expect(trend.map((week) => week.week)).toHaveLength(8);
    expect(trend[6]).toEqual({
      week: '2026-11-16',
      counts: expect.objectContaining({ day: '2026-11-21', Attack: 10 }),
    });
    expect(trend[7].counts).toEqual(expect.objectContaining({ day: '2026-11-24', Attack: 12, owners: 3 }));
    expect(trend[0].counts).toBeNull();
    // A week ago: the fullest day of the seven that end with the latest day at least 7 days old.
    expect(lastWeek(days, TODAY)).toEqual(expect.objectContaining({ day: '2026-11-16', Attack: 9 }));
  });

  it('takes the latest of equally full days, and counts wins from the latest snapshots', () => {
    const days = snapshotDays([day('2026-11-23', 2, { service: 1 }), day('2026-11-24', 2, { service: 3 })]);
    expect(winsByLever(days, TODAY)).toEqual({
      day: '2026-11-24',
      levers: [
        expect.objectContaining({ value: 'Technical', wins: 0 }),
        expect.objectContaining({ value: 'Price', wins: 0 }),
        expect.objectContaining({ value: 'Service', wins: 3 }),
      ],
    });
  });

  it('has no baseline, trend point or wins without snapshots', () => {
    expect(lastWeek([], TODAY)).toBeNull();
    expect(winsByLever([], TODAY)).toBeNull();
    expect(weeklyTrend([], TODAY).every((week) => week.counts === null)).toBe(true);
    expect(snapshotDays(undefined)).toEqual([]);
  });
});

describe('the live mix', () => {
  const group = (ownerId, stance, count) => ({
    node: {
      aggregate: {
        ...(ownerId ? { OwnerId: { value: ownerId } } : {}),
        Stance__c: { value: stance },
        At_Risk__c: { value: false },
        Id: { count: { value: count } },
      },
    },
  });

  it("counts the team from its own groups, and the owners' rows from theirs", () => {
    const mix = liveMix(
      [group('A', 'Attack', 2), group('B', 'Fire', 1)],
      [group(null, 'Attack', 5), group(null, null, 3)],
    );
    expect(mix.team).toEqual(expect.objectContaining({ Attack: 5, None: 3, total: 8 }));
    expect([...mix.owners.keys()]).toEqual(['A', 'B']);
  });

  it('sums the owners for the team without team groups, and drops the last owner of a cut page', () => {
    const mix = liveMix([group('A', 'Attack', 2), group('B', 'Fire', 1)], undefined, { partial: true });
    expect(mix.team).toEqual(expect.objectContaining({ Attack: 2, Fire: 1, total: 3 }));
    expect([...mix.owners.keys()]).toEqual(['A']);
  });
});
