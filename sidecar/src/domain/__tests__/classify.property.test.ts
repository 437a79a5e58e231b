import fc from 'fast-check';
import { EXPLANATION_MAX_CHARS, SIGNAL_SOURCES, SIGNAL_STATUSES, TRIGGER_CODES, classify, explanationSchema } from '..';
import type { AccountSnapshot } from '..';
import { NOW } from './support/builders';
import { shippedCompiled } from './support/shippedConfig';

const DAY = 86_400_000;
/** Instants around NOW, sometimes missing or unreadable, as real data can be. */
const instant = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.integer({ min: -400, max: 60 }).map((days) => new Date(NOW + days * DAY + 3_600_000).toISOString()),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, '', 'not a date') },
);
const day = instant.map((value) => (value && value.length > 10 ? value.slice(0, 10) : value));
const text = (values: string[]) =>
  fc.oneof(fc.constantFrom(...values), fc.constant(null), fc.string({ maxLength: 12 }));
const amount = fc.oneof(fc.integer({ min: 0, max: 5_000_000 }), fc.constant(null), fc.constantFrom(Number.NaN, -1));

const snapshotArbitrary: fc.Arbitrary<AccountSnapshot> = fc.record({
  account: fc.record({
    Id: fc.constant('001000000000001AAA'),
    Name: text(['Kakao Werke']),
    Type: text(['Customer - Direct', 'Customer - Channel', 'Prospect', 'Other']),
    Industry: text(['Confectionery', 'Bakery', 'Mining', 'chocolate']),
    BillingCountry: text(['Germany', 'France', 'Chile', 'germany']),
    AnnualRevenue: amount,
    Strategic_Account__c: fc.option(fc.boolean()),
    Stance_Override__c: fc.constantFrom(null, 'Attack', 'Defend', 'Fire', 'None', 'Bogus') as fc.Arbitrary<never>,
    Stance_Override_Reason__c: fc.option(fc.string({ maxLength: 40 })),
    Stance_Override_Until__c: day,
    LastActivityDate: day,
  }),
  contacts: fc.array(
    fc.record({
      Id: fc.integer({ min: 0, max: 0xffff }).map((n) => `003${n.toString(16).padStart(15, '0')}`),
      Title: text(['Head of Purchasing', 'Chief Executive', 'Clerk']),
      CreatedDate: instant,
    }),
    { maxLength: 6 },
  ),
  opportunities: fc.array(
    fc.record({
      Id: fc.integer({ min: 0, max: 0xffff }).map((n) => `006${n.toString(16).padStart(15, '0')}`),
      Amount: amount,
      CloseDate: day,
      IsClosed: fc.boolean(),
      IsWon: fc.boolean(),
      Lost_To_Competitor__c: fc.option(fc.constantFrom('ChocoRival AG', 'Cacao Nova', '')),
      Value_Levers__c: fc.option(fc.constantFrom('Technical', 'Price;Service', '')),
    }),
    { maxLength: 6 },
  ),
  cases: fc.array(
    fc.record({
      Id: fc.integer({ min: 0, max: 0xffff }).map((n) => `500${n.toString(16).padStart(15, '0')}`),
      IsClosed: fc.option(fc.boolean()),
      CreatedDate: instant,
      ClosedDate: fc.option(instant),
      Status: fc.constantFrom('New', 'Closed'),
    }),
    { maxLength: 4 },
  ),
  signals: fc.array(
    fc.record({
      Id: fc.integer({ min: 0, max: 0xffff }).map((n) => `a01${n.toString(16).padStart(15, '0')}`),
      // Mostly a few codes and statuses, so that signals collide on the same trigger.
      Trigger__c: fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constantFrom('COMPETITOR_APPROACH', 'SERVICE_DISSATISFACTION', 'KEY_PERSON_CHANGE'),
        },
        { weight: 2, arbitrary: fc.constantFrom(...TRIGGER_CODES) },
        { weight: 1, arbitrary: fc.constant('UNKNOWN_CODE') },
      ),
      Status__c: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('New', 'Confirmed', 'Dismissed') },
        { weight: 2, arbitrary: fc.constantFrom(...SIGNAL_STATUSES) },
        { weight: 1, arbitrary: fc.constant('Weird') },
      ),
      Source__c: fc.option(fc.constantFrom(...SIGNAL_SOURCES)),
      Detail__c: fc.option(fc.string({ maxLength: 30 })),
      CreatedDate: instant.map((value) => value ?? new Date(NOW).toISOString()),
      Acknowledged_At__c: fc.option(instant),
      Dismissed_At__c: fc.option(instant),
      Dismiss_Reason__c: fc.option(fc.string({ maxLength: 20 })),
      Competitor__c: fc.option(fc.constantFrom('Cacao Nova', 'Valdor Ingredients', 'Other', '')),
      Value_Levers__c: fc.option(fc.constantFrom('Technical', 'Technical;Service', ';', '')),
      Transition_Until__c: fc.option(day),
    }),
    { maxLength: 10 },
  ),
  keyPersonChanges: fc.array(
    fc.record({
      contactId: fc.constant('003000000000001AAA'),
      change: fc.constantFrom('joined', 'left', 'retitled') as fc.Arbitrary<'joined' | 'left' | 'retitled'>,
      at: instant.map((value) => value ?? ''),
      title: text(['Head of R&D', 'Clerk']),
      previousTitle: text(['Purchasing Director']),
    }),
    { maxLength: 3 },
  ),
  marketSignals: fc.array(
    fc.record({
      Id: fc.integer({ min: 0, max: 0xffff }).map((n) => `a02${n.toString(16).padStart(15, '0')}`),
      Kind__c: fc.constantFrom('Competitive', 'Environment', 'Macro', 'Odd'),
      Effect__c: fc.constantFrom('Threat', 'Opportunity', 'Odd'),
      Industry__c: text(['Confectionery', 'Bakery']),
      Country__c: text(['Germany']),
      Active_From__c: day,
      Active_Until__c: day,
    }),
    { maxLength: 3 },
  ),
}) as fc.Arbitrary<AccountSnapshot>;

const shuffled = <T>(items: readonly T[], seed: number): T[] =>
  items
    .map((item, index) => ({ item, key: Math.sin(seed * 9301 + index * 49297) }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);

describe('classify over any snapshot', () => {
  const config = shippedCompiled();

  it('always answers with a valid, bounded explanation', () => {
    fc.assert(
      fc.property(snapshotArbitrary, (snapshot) => {
        const result = classify(snapshot, config, NOW);
        expect(explanationSchema.safeParse(result.explanation).success).toBe(true);
        expect(result.json.length).toBeLessThanOrEqual(EXPLANATION_MAX_CHARS);
        const { stance, atRisk, checklist, priority } = result.explanation;
        if (atRisk) expect(stance).toBe('Defend');
        if (stance === 'None') expect(checklist).toEqual([]);
        expect(Number.isInteger(priority) && priority >= 0 && priority <= 100).toBe(true);
        if (result.nextEvaluationAt) expect(Date.parse(result.nextEvaluationAt)).toBeGreaterThan(NOW);
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic and does not depend on the order of related records', () => {
    fc.assert(
      fc.property(snapshotArbitrary, fc.integer(), (snapshot, seed) => {
        const first = classify(snapshot, config, NOW);
        const reordered = classify(
          {
            ...snapshot,
            contacts: shuffled(snapshot.contacts, seed),
            opportunities: shuffled(snapshot.opportunities, seed),
            signals: shuffled(snapshot.signals, seed),
            cases: shuffled(snapshot.cases ?? [], seed),
            marketSignals: shuffled(snapshot.marketSignals, seed),
          },
          config,
          NOW,
        );
        expect(reordered.json).toBe(first.json);
        expect(reordered.hash).toBe(first.hash);
        expect(classify(snapshot, config, NOW).json).toBe(first.json);
      }),
      { numRuns: 300 },
    );
  });

  it('does not change before the next evaluation time it announces', () => {
    fc.assert(
      fc.property(snapshotArbitrary, (snapshot) => {
        const first = classify(snapshot, config, NOW);
        const until = first.nextEvaluationAt ? Date.parse(first.nextEvaluationAt) - 1 : NOW + 365 * DAY;
        expect(classify(snapshot, config, until).json).toBe(first.json);
      }),
      { numRuns: 300 },
    );
  });
});

/** Snapshots from a small world, so that two draws often explain the same way. */
const nearbySnapshot: fc.Arbitrary<AccountSnapshot> = fc.record({
  account: fc.record({
    Id: fc.constant('001000000000001AAA'),
    Name: fc.constantFrom('Kakao Werke', 'Kakao Werke GmbH'),
    Type: fc.constantFrom('Customer - Direct', 'Prospect'),
    Industry: fc.constantFrom('Confectionery', 'Mining'),
    BillingCountry: fc.constant('Germany'),
    AnnualRevenue: fc.constantFrom(1_000, 90_000_000),
    Stance_Override__c: fc.constantFrom(null, 'Attack') as fc.Arbitrary<never>,
    Stance_Override_Reason__c: fc.constantFrom(null, 'Buyer asked', 'x'.repeat(600)),
  }),
  contacts: fc.array(
    fc.record({
      Id: fc.constantFrom('003A', '003B'),
      Title: fc.constantFrom('Head of Purchasing', 'Clerk'),
      CreatedDate: fc.constantFrom(new Date(NOW - 5 * DAY).toISOString()),
    }),
    { maxLength: 2 },
  ),
  opportunities: fc.array(
    fc.record({
      Id: fc.constant('006A'),
      // One amount: the explanation states the open pipeline, so amounts would rarely match
      // (the one-field edits below change it).
      Amount: fc.constant(10),
      IsClosed: fc.boolean(),
      IsWon: fc.constant(false),
      Lost_To_Competitor__c: fc.constantFrom(null, 'Rival'),
    }),
    { maxLength: 1 },
  ),
  // Mostly none, so that equal explanations still come up; one case for the edits to work on.
  cases: fc.oneof(
    { weight: 8, arbitrary: fc.constant([]) },
    {
      weight: 1,
      arbitrary: fc.constant([{ Id: '500A', IsClosed: false, CreatedDate: new Date(NOW - 5 * DAY).toISOString() }]),
    },
  ),
  signals: fc.array(
    fc.record({
      Id: fc.constantFrom('a01A', 'a01B'),
      Trigger__c: fc.constantFrom('COMPETITOR_APPROACH', 'SERVICE_DISSATISFACTION', 'VALUE_PROPOSITION'),
      Status__c: fc.constantFrom('New', 'Confirmed', 'Dismissed', 'Done'),
      // Mostly Sales: a monitored department's report shows (with its date) in the coverage.
      Source__c: fc.constantFrom('Sales', 'Sales', 'Sales', 'Logistics'),
      Detail__c: fc.constantFrom('late again', null, 'y'.repeat(600)),
      CreatedDate: fc.constantFrom(new Date(NOW - 3 * DAY).toISOString(), new Date(NOW - 2 * DAY).toISOString()),
      Acknowledged_At__c: fc.constantFrom(null, new Date(NOW - DAY).toISOString()),
      Dismiss_Reason__c: fc.constantFrom(null, 'one-off'),
    }),
    { maxLength: 2 },
  ),
  keyPersonChanges: fc.constant([]),
  marketSignals: fc.array(
    fc.record({
      Id: fc.constant('a02A'),
      Kind__c: fc.constantFrom('Macro', 'Competitive'),
      Effect__c: fc.constant('Threat'),
      Industry__c: fc.constant('Confectionery'),
    }),
    { maxLength: 1 },
  ),
}) as fc.Arbitrary<AccountSnapshot>;

describe('the classification hash', () => {
  it('is equal exactly when the stored explanation is equal', () => {
    const config = shippedCompiled();
    let equalPairs = 0;
    fc.assert(
      fc.property(nearbySnapshot, nearbySnapshot, (left, right) => {
        const a = classify(left, config, NOW);
        const b = classify(right, config, NOW);
        if (a.json === b.json) equalPairs++;
        expect(a.hash === b.hash).toBe(a.json === b.json);
      }),
      { numRuns: 6000 },
    );
    // The property means little unless equal explanations actually came up (about 25 expected).
    expect(equalPairs).toBeGreaterThan(10);
  });
});

/** Values each field may take in the small world, to edit one field at a time. */
const FIELD_VALUES: Record<string, Record<string, readonly unknown[]>> = {
  account: {
    Name: ['Kakao Werke', 'Other Name'],
    Type: ['Customer - Direct', 'Prospect'],
    Industry: ['Confectionery', 'Mining'],
    AnnualRevenue: [1_000, 90_000_000],
    Stance_Override__c: [null, 'Attack', 'Defend'],
    Stance_Override_Reason__c: [null, 'Buyer asked', 'x'.repeat(600), `${'x'.repeat(600)}y`],
    Stance_Override_Until__c: [null, '2026-06-20', '2026-06-21'],
    LastActivityDate: [null, '2026-06-01', '2026-06-02', '2025-01-01'],
  },
  signals: {
    Id: ['a01A', 'a01C'],
    Status__c: ['New', 'Confirmed', 'Dismissed', 'Acknowledged', 'Resolved', 'Done'],
    Source__c: ['Sales', 'Logistics', 'Technical'],
    Detail__c: [null, 'late again', 'y'.repeat(600), `${'y'.repeat(600)}z`],
    CreatedByName: [null, 'Sam', 'Kim'],
    CreatedDate: [new Date(NOW - 3 * DAY).toISOString(), new Date(NOW - 2 * DAY).toISOString()],
    Acknowledged_At__c: [null, new Date(NOW - DAY).toISOString(), new Date(NOW - 2 * DAY).toISOString()],
    Dismissed_At__c: [null, new Date(NOW - DAY).toISOString()],
    Dismiss_Reason__c: [null, 'one-off', 'two-off'],
    Competitor__c: [null, 'Cacao Nova', 'Other'],
    Value_Levers__c: [null, 'Technical', 'Technical;Service', 'Technical;;Service'],
    Transition_Until__c: [null, '2026-09-30', '2026-10-31'],
  },
  cases: {
    IsClosed: [true, false],
    CreatedDate: [new Date(NOW - 5 * DAY).toISOString(), new Date(NOW - 500 * DAY).toISOString()],
    Status: ['New', 'Closed'],
  },
  contacts: {
    Title: ['Head of Purchasing', 'Clerk', 'Buyer'],
    CreatedDate: [new Date(NOW - 5 * DAY).toISOString(), new Date(NOW - 500 * DAY).toISOString()],
  },
  opportunities: {
    Amount: [10, 20],
    IsClosed: [true, false],
    IsWon: [true, false],
    Lost_To_Competitor__c: [null, 'Rival'],
    CloseDate: ['2026-06-10', '2026-06-11', '2025-06-10'],
  },
};

const oneFieldEdit = fc.record({
  section: fc.constantFrom(...Object.keys(FIELD_VALUES)),
  field: fc.nat(),
  value: fc.nat(),
  index: fc.nat(),
});

function applyEdit(
  snapshot: AccountSnapshot,
  edit: { section: string; field: number; value: number; index: number },
): AccountSnapshot {
  const fields = FIELD_VALUES[edit.section]!;
  const names = Object.keys(fields);
  const name = names[edit.field % names.length]!;
  const options = fields[name]!;
  const value = options[edit.value % options.length];
  if (edit.section === 'account') return { ...snapshot, account: { ...snapshot.account, [name]: value } };
  const list = snapshot[edit.section as 'signals'] as readonly object[];
  if (list.length === 0) return snapshot;
  const at = edit.index % list.length;
  return { ...snapshot, [edit.section]: list.map((item, i) => (i === at ? { ...item, [name]: value } : item)) };
}

describe('the classification hash, one field at a time', () => {
  it('changes exactly when editing one field changes the stored explanation', () => {
    const config = shippedCompiled();
    let changed = 0;
    let unchanged = 0;
    fc.assert(
      fc.property(nearbySnapshot, oneFieldEdit, (base, edit) => {
        const a = classify(base, config, NOW);
        const b = classify(applyEdit(base, edit), config, NOW);
        if (a.json === b.json) unchanged++;
        else changed++;
        expect(a.hash === b.hash).toBe(a.json === b.json);
      }),
      { numRuns: 4000 },
    );
    expect(Math.min(changed, unchanged)).toBeGreaterThan(200);
  });
});
