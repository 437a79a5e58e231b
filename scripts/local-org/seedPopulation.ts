/**
 * A generated population (`--seed population --accounts N`): the demo firm's people, roles,
 * permission sets and market signals, then N accounts owned by its sales people, each with 3
 * contacts, 2 opportunities and 0-2 signals, the same for the same seed. Industries, countries
 * and types fall in and out of the strategy's markets so that every stance occurs; dates spread
 * over years. Loaded through the store's bulk path (one prepared INSERT per table, transactions
 * of a few thousand accounts, ids in order, indexes built at the end).
 */
import { makeId } from './ids';
import type { LocalOrg } from './org';
import { BulkInsert, bulkLoad, reserveNumbers } from './store/bulk';
import { autoNumber } from './store/rules';
import type { SqlValue } from './store/values';
import { seedMarketSignals, seedPeople } from './seed';
import { COUNTRIES, INDUSTRIES, random, SIGNAL_SOURCES, SIGNAL_STATUSES, TITLES, TYPES } from './seedValues';

export interface PopulationOptions {
  readonly accounts: number;
  /** The seed of the generator (1 by default): the same seed gives the same records. */
  readonly seed?: number;
}

export interface PopulationReport {
  readonly accounts: number;
  readonly contacts: number;
  readonly opportunities: number;
  readonly signals: number;
  readonly milliseconds: number;
  /** True when the database already held accounts (a file database seeded before): nothing was added. */
  readonly kept: boolean;
}

const DAY = 86_400_000;
const YEAR = 365 * DAY;
/** Accounts per transaction (about 7 rows each). */
const CHUNK = 2_000;
/** Who owns the accounts: the demo's sales reps and their manager, weighted. */
const OWNERS: ReadonlyArray<readonly [string, number]> = [
  ['dana', 0.45],
  ['nina', 0.4],
  ['max', 0.15],
];
/** Who reports a signal of each source (Sales: the account's owner; Detected: the integration user). */
const REPORTERS: Readonly<Record<string, string>> = {
  'Customer Support': 'sam',
  Logistics: 'lee',
  Technical: 'tom',
};
const NAME_PARTS = ['Alpine', 'Nordic', 'Golden', 'Royal', 'Atlas', 'Harbor', 'Meridian', 'Summit', 'Valley', 'Crown'];
const NAME_KINDS = ['Cocoa', 'Foods', 'Bakeries', 'Confections', 'Ingredients', 'Trading', 'Sweets', 'Mills'];
const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Elena',
  'Felix',
  'Grace',
  'Hugo',
  'Iris',
  'Jonas',
  'Lena',
  'Marc',
];
const LAST_NAMES = ['Meyer', 'Dubois', 'Janssens', 'Rossi', 'Smith', 'Silva', 'Tanaka', 'Weber', 'Moreau', 'Peeters'];
const OPEN_STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'];
const COMPETITORS = ['ChocoRival AG', 'Cacao Nova', 'SweetSub Ltd'];
const PRODUCTS = ['Cocoa replacer', 'Fillings', 'Coatings', 'Inclusions'];

export function seedPopulation(org: LocalOrg, options: PopulationOptions): PopulationReport {
  const started = performance.now();
  const store = org.store;
  const count = (table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  // A file database keeps what it had: seed only an empty org.
  if (count('o_Account') > 0) {
    return {
      accounts: count('o_Account'),
      contacts: count('o_Contact'),
      opportunities: count('o_Opportunity'),
      signals: count('o_Stance_Signal__c'),
      milliseconds: performance.now() - started,
      kept: true,
    };
  }
  if (!Number.isInteger(options.accounts) || options.accounts < 1)
    throw new Error(`seedPopulation: accounts must be a whole number of at least 1, got ${options.accounts}`);
  const users = store.db.transaction(() => {
    const people = seedPeople(org);
    seedMarketSignals(org);
    return people;
  })();
  const counts = bulkLoad(store, ['Account', 'Contact', 'Opportunity', 'Stance_Signal__c'], () =>
    generate(org, users, options.accounts, options.seed ?? 1),
  );
  return { ...counts, milliseconds: performance.now() - started, kept: false };
}

type Counts = Pick<PopulationReport, 'accounts' | 'contacts' | 'opportunities' | 'signals'>;

function generate(org: LocalOrg, users: ReadonlyMap<string, string>, total: number, seed: number): Counts {
  const store = org.store;
  const now = org.clock();
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  const date = (ms: number) => iso(ms).slice(0, 10);
  const between = (from: number, to: number) => from + Math.floor(rnd() * (to - from));
  const user = (key: string) => users.get(key) ?? fail(`the demo user ${key} is missing`);
  const owners = OWNERS.map(([key, weight]) => [user(key), weight] as const);
  const owner = () => {
    let draw = rnd();
    for (const [id, weight] of owners) if ((draw -= weight) < 0) return id;
    return owners[0]![0];
  };
  const admin = org.adminUserId;
  const signal = store.object('Stance_Signal__c');
  const triggers = signal.fields.get('Trigger__c')!.picklistValues.map((entry) => entry.value);
  const stances = store
    .object('Account')
    .fields.get('Stance_Override__c')!
    .picklistValues.map((entry) => entry.value);

  const accounts = new BulkInsert(store, 'Account', [
    ...['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'],
    ...['Name', 'Type', 'Industry', 'BillingCountry', 'AnnualRevenue', 'NumberOfEmployees', 'OwnerId'],
    ...['Strategic_Account__c', 'Stance_Override__c', 'Stance_Override_Reason__c', 'Stance_Override_Until__c'],
  ]);
  const contacts = new BulkInsert(store, 'Contact', [
    ...['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'],
    ...['AccountId', 'FirstName', 'LastName', 'Name', 'Title', 'OwnerId'],
  ]);
  const opportunities = new BulkInsert(store, 'Opportunity', [
    ...['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'],
    ...['AccountId', 'Name', 'StageName', 'Amount', 'CloseDate', 'IsClosed', 'IsWon', 'Lost_To_Competitor__c'],
    'OwnerId',
  ]);
  const signals = new BulkInsert(store, 'Stance_Signal__c', [
    ...['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'],
    ...['Name', 'Account__c', 'Trigger__c', 'Status__c', 'Source__c', 'Detail__c', 'Acknowledged_At__c'],
    ...['Dismissed_At__c', 'Dismiss_Reason__c', 'Detection_Key__c'],
  ]);

  // Every account has 3 contacts and 2 opportunities; signals are counted as they come.
  const firstAccount = reserveNumbers(store, '001', total);
  const firstContact = reserveNumbers(store, '003', total * 3);
  const firstOpportunity = reserveNumbers(store, '006', total * 2);
  let contactNumber = firstContact;
  let opportunityNumber = firstOpportunity;
  // Signals take their ids and auto-numbers a block per transaction, once their count is known.
  const signalRows: Array<{ created: string; by: string; stamp: string; values: SqlValue[]; detected: boolean }> = [];
  const flushSignals = () => {
    if (signalRows.length === 0) return;
    const firstId = reserveNumbers(store, signal.keyPrefix, signalRows.length);
    const firstName = reserveNumbers(store, `autonumber:${signal.name}`, signalRows.length);
    signalRows.forEach(({ created, by, stamp, values, detected }, offset) => {
      const id = makeId(signal.keyPrefix, firstId + offset);
      const name = autoNumber(signal.autoNumberFormat ?? '{0}', firstName + offset);
      signals.add([id, 0, created, by, stamp, by, stamp, name, ...values, detected ? `population:${id}` : null]);
    });
    signalRows.length = 0;
  };

  const chunk = store.db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) {
      const accountId = makeId('001', firstAccount + index);
      const created = now - Math.floor(rnd() * 6 * YEAR) - DAY;
      const modified = iso(between(created, now));
      const ownerId = owner();
      const type = pick(TYPES);
      const override = rnd() < 0.02;
      const accountRow: SqlValue[] = [
        accountId,
        0,
        iso(created),
        admin,
        modified,
        ownerId,
        modified,
        `${pick(NAME_PARTS)} ${pick(NAME_KINDS)} ${index + 1}`,
        type,
        pick(INDUSTRIES),
        pick(COUNTRIES),
        // Revenue on a log scale from 1M to 1B: a tenth or so above the strategy's large-account line.
        Math.round(10 ** (6 + rnd() * 3)),
        between(5, 20_000),
        ownerId,
        rnd() < 0.05 ? 1 : 0,
        override ? pick(stances) : null,
        override ? 'Set by the sales manager after the quarterly review.' : null,
        override ? date(now + between(-30, 120) * DAY) : null,
      ];
      accounts.add(accountRow);
      for (let n = 0; n < 3; n++) {
        const first = pick(FIRST_NAMES);
        const last = pick(LAST_NAMES);
        const contactCreated = iso(between(created, now));
        contacts.add([
          makeId('003', contactNumber++),
          0,
          contactCreated,
          ownerId,
          contactCreated,
          ownerId,
          contactCreated,
          accountId,
          first,
          last,
          `${first} ${last}`,
          pick(TITLES),
          ownerId,
        ]);
      }
      for (let n = 0; n < 2; n++) {
        const closeDay = now + between(-3 * 365, 365) * DAY;
        const closeDate = date(closeDay);
        const past = closeDay < now;
        const stage = past && rnd() < 0.9 ? (rnd() < 0.5 ? 'Closed Won' : 'Closed Lost') : pick(OPEN_STAGES);
        const opportunityCreated = Math.min(between(created, now), closeDay);
        const stamp = iso(between(opportunityCreated, now));
        opportunities.add([
          makeId('006', opportunityNumber++),
          0,
          iso(opportunityCreated),
          ownerId,
          stamp,
          ownerId,
          stamp,
          accountId,
          `${pick(PRODUCTS)} ${closeDate.slice(0, 4)}`,
          stage,
          between(5, 500) * 1000,
          closeDate,
          stage.startsWith('Closed') ? 1 : 0,
          stage === 'Closed Won' ? 1 : 0,
          stage === 'Closed Lost' && rnd() < 0.5 ? pick(COMPETITORS) : null,
          ownerId,
        ]);
      }
      const draw = rnd();
      const signalCount = draw < 0.5 ? 0 : draw < 0.8 ? 1 : 2;
      for (let n = 0; n < signalCount; n++) {
        const source = pick(SIGNAL_SOURCES);
        const status = pick(SIGNAL_STATUSES);
        const signalCreated = now - between(0, 180) * DAY - between(0, DAY);
        const settled = status === 'New' ? null : iso(Math.min(now, signalCreated + between(0, 7) * DAY));
        const by =
          source === 'Sales' ? ownerId : source === 'Detected' ? org.integrationUserId : user(REPORTERS[source]!);
        signalRows.push({
          created: iso(signalCreated),
          by,
          stamp: settled ?? iso(signalCreated),
          values: [
            accountId,
            pick(triggers),
            status,
            source,
            'Mentioned during the quarterly review that delivery times slipped twice.',
            status === 'Acknowledged' || status === 'Confirmed' ? settled : null,
            status === 'Dismissed' ? settled : null,
            status === 'Dismissed' ? 'Already handled by the account team.' : null,
          ],
          detected: source === 'Detected',
        });
      }
    }
    flushSignals();
    for (const insert of [accounts, contacts, opportunities, signals]) insert.flush();
  });

  for (let from = 0; from < total; from += CHUNK) chunk(from, Math.min(total, from + CHUNK));
  return {
    accounts: accounts.count,
    contacts: contacts.count,
    opportunities: opportunities.count,
    signals: signals.count,
  };
}

function fail(message: string): never {
  throw new Error(`seedPopulation: ${message}`);
}

/** "seeded 1,000,000 accounts, 3,000,000 contacts, 2,000,000 opportunities, 700,112 signals in 41.2 s" */
export function describeReport(report: PopulationReport): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const what = `${n(report.accounts)} accounts, ${n(report.contacts)} contacts, ${n(report.opportunities)} opportunities, ${n(report.signals)} signals`;
  return report.kept
    ? `kept the ${what} the database already held`
    : `seeded ${what} in ${(report.milliseconds / 1000).toFixed(1)} s`;
}
