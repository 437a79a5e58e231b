/**
 * A generated population (`--seed population --accounts N`): the demo firm's people, roles,
 * permission sets and market signals, then N accounts owned by its sales people, each with 3
 * contacts, 2 opportunities and 0-2 signals, the same for the same seed. Industries, countries
 * and types fall in and out of the strategy's markets so that every stance occurs; dates spread
 * over years. The rows (seedPopulationRows.ts) go straight into the store's bulk path
 * (multi-row prepared INSERTs, transactions of 2,000 accounts, ids in order, indexes built at
 * the end); from 20,000 accounts on, when a core is free, a worker thread makes them while this
 * thread, SQLite's one writer, loads the chunk before.
 */
import { extname, join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { makeId } from './ids';
import type { LocalOrg } from './org';
import type { SqlValue } from './store/values';
import { BulkInsert, bulkLoad, coreFree, reserveNumbers } from './store/bulk';
import { autoNumber } from './store/rules';
import { seedMarketSignals, seedPeople } from './seed';
import {
  CONSUMED,
  type PopulationChunk,
  type PopulationPlan,
  PopulationRows,
  PRODUCED,
  WIDTHS,
} from './seedPopulationRows';

export interface PopulationOptions {
  readonly accounts: number;
  /** The seed of the generator (1 by default): the same seed gives the same records. */
  readonly seed?: number;
  /**
   * Make the rows on a worker thread (by default from 20,000 accounts on when a core is free,
   * see coreFree); the rows are the same either way.
   */
  readonly worker?: boolean;
}

export interface PopulationReport {
  readonly accounts: number;
  readonly contacts: number;
  readonly opportunities: number;
  readonly signals: number;
  readonly milliseconds: number;
  /** True when the database already held accounts (a file database seeded before): nothing was added. */
  readonly kept: boolean;
  /** True when a worker thread made the rows. */
  readonly worker?: boolean;
}

/** Accounts per transaction (about 7 rows each), and per chunk of rows from the generator. */
const CHUNK = 2_000;
/** From this many accounts on, a worker thread makes the rows (below, starting it costs more than it saves). */
const WORKER_FROM = 20_000;
/** How long the load waits for the worker's next chunk before it gives up. */
const WORKER_SILENCE_MS = 120_000;
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
    generate(org, users, options),
  );
  return { ...counts, milliseconds: performance.now() - started, kept: false };
}

type Counts = Pick<PopulationReport, 'accounts' | 'contacts' | 'opportunities' | 'signals' | 'worker'>;

function generate(org: LocalOrg, users: ReadonlyMap<string, string>, options: PopulationOptions): Counts {
  const store = org.store;
  const total = options.accounts;
  const user = (key: string) => users.get(key) ?? fail(`the demo user ${key} is missing`);
  const signal = store.object('Stance_Signal__c');
  const plan: PopulationPlan = {
    total,
    seed: options.seed ?? 1,
    now: org.clock(),
    admin: org.adminUserId,
    integration: org.integrationUserId,
    owners: OWNERS.map(([key, weight]) => [user(key), weight] as const),
    reporters: Object.fromEntries(Object.entries(REPORTERS).map(([source, key]) => [source, user(key)])),
    triggers: signal.fields.get('Trigger__c')!.picklistValues.map((entry) => entry.value),
    stances: store
      .object('Account')
      .fields.get('Stance_Override__c')!
      .picklistValues.map((entry) => entry.value),
    // Every account has 3 contacts and 2 opportunities; signals take theirs a block per chunk, once counted.
    firstAccount: reserveNumbers(store, '001', total),
    firstContact: reserveNumbers(store, '003', total * 3),
    firstOpportunity: reserveNumbers(store, '006', total * 2),
    chunk: CHUNK,
  };
  const audit = ['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById'];
  const accounts = new BulkInsert(store, 'Account', [
    ...[...audit, 'SystemModstamp', 'Name', 'Type', 'Industry', 'BillingCountry', 'AnnualRevenue'],
    ...['NumberOfEmployees', 'OwnerId', 'Strategic_Account__c', 'Stance_Override__c', 'Stance_Override_Reason__c'],
    'Stance_Override_Until__c',
  ]);
  const contacts = new BulkInsert(store, 'Contact', [
    ...[...audit, 'SystemModstamp', 'AccountId', 'FirstName', 'LastName', 'Name', 'Title', 'OwnerId'],
  ]);
  const opportunities = new BulkInsert(store, 'Opportunity', [
    ...[...audit, 'SystemModstamp', 'AccountId', 'Name', 'StageName', 'Amount', 'CloseDate', 'IsClosed'],
    ...['IsWon', 'Lost_To_Competitor__c', 'OwnerId'],
  ]);
  const signals = new BulkInsert(store, 'Stance_Signal__c', [
    ...[...audit, 'SystemModstamp', 'Name', 'Account__c', 'Trigger__c', 'Status__c', 'Source__c', 'Detail__c'],
    ...['Acknowledged_At__c', 'Dismissed_At__c', 'Dismiss_Reason__c', 'Detection_Key__c'],
  ]);

  const load = store.db.transaction((index: number) => {
    const signalValues = source.next(index, { accounts, contacts, opportunities, signals: [] });
    const width = WIDTHS.signals;
    const count = signalValues.length / width;
    if (count > 0) {
      const firstId = reserveNumbers(store, signal.keyPrefix, count);
      const firstName = reserveNumbers(store, `autonumber:${signal.name}`, count);
      for (let n = 0; n < count; n++) {
        const [created, by, stamp, ...values] = signalValues.slice(n * width, (n + 1) * width);
        const detected = values.pop() === 1;
        const id = makeId(signal.keyPrefix, firstId + n);
        const name = autoNumber(signal.autoNumberFormat ?? '{0}', firstName + n);
        signals.add([id, 0, created!, by!, stamp!, by!, stamp!, name, ...values, detected ? `population:${id}` : null]);
      }
    }
    for (const insert of [accounts, contacts, opportunities, signals]) insert.flush();
  });

  const worker = options.worker ?? (total >= WORKER_FROM && coreFree());
  const source = worker ? onWorker(plan) : inThread(plan);
  try {
    for (let index = 0; index < Math.ceil(total / CHUNK); index++) load(index);
  } finally {
    source.close();
  }
  return {
    accounts: accounts.count,
    contacts: contacts.count,
    opportunities: opportunities.count,
    signals: signals.count,
    worker,
  };
}

/** Where the load takes its chunks. */
export interface RowSource {
  /**
   * Puts chunk `index`'s accounts, contacts and opportunities into the bulk inserts and returns
   * its signals' values (they take their ids and names once counted).
   */
  next(index: number, into: LoadSinks): SqlValue[];
  close(): void;
}

export interface LoadSinks {
  readonly accounts: BulkInsert;
  readonly contacts: BulkInsert;
  readonly opportunities: BulkInsert;
  readonly signals: SqlValue[];
}

/** On this thread, the rows go straight into the inserts: no chunk of arrays to build and collect. */
function inThread(plan: PopulationPlan): RowSource {
  const rows = new PopulationRows(plan);
  return { next: (index, into) => rows.chunk(index, into).signals, close: () => undefined };
}

/**
 * The rows from a worker thread, taken synchronously (the load is one synchronous pass): wait on
 * the shared count of chunks made, then take the chunk from the port. A worker that fails, even
 * while loading its module, posts its error in place of a chunk.
 */
export function onWorker(plan: PopulationPlan): RowSource {
  const shared = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const { port1, port2 } = new MessageChannel();
  // Run from TypeScript (tsx, ts-jest), the worker compiles its module with tsx; built, it needs nothing.
  const file = join(__dirname, `seedPopulationRows${extname(__filename)}`);
  const register = extname(__filename) === '.ts' ? `require(${JSON.stringify(require.resolve('tsx/cjs'))});` : '';
  const code = `try { ${register} require(${JSON.stringify(file)}); } catch (error) {
    const { workerData } = require('node:worker_threads');
    workerData.port.postMessage({ error: String((error && error.stack) || error) });
    Atomics.add(workerData.shared, ${PRODUCED}, 1);
    Atomics.notify(workerData.shared, ${PRODUCED});
  }`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { populationPlan: plan, port: port2, shared },
    transferList: [port2],
  });
  worker.unref();
  return {
    next(index, into) {
      const deadline = Date.now() + WORKER_SILENCE_MS;
      for (let made = Atomics.load(shared, PRODUCED); made <= index; made = Atomics.load(shared, PRODUCED)) {
        if (Date.now() > deadline)
          fail(`the row generator (a worker thread) sent no chunk ${index + 1} in ${WORKER_SILENCE_MS / 1000} s`);
        Atomics.wait(shared, PRODUCED, made, 1_000);
      }
      const message = receiveMessageOnPort(port1)?.message as PopulationChunk | { error: string } | undefined;
      if (!message) fail(`the row generator (a worker thread) counted chunk ${index + 1} but sent nothing`);
      if ('error' in message) fail(`the row generator (a worker thread) failed: ${message.error}`);
      Atomics.add(shared, CONSUMED, 1);
      Atomics.notify(shared, CONSUMED);
      into.accounts.addRows(message.accounts);
      into.contacts.addRows(message.contacts);
      into.opportunities.addRows(message.opportunities);
      return message.signals;
    },
    close() {
      port1.close();
      void worker.terminate();
    },
  };
}

function fail(message: string): never {
  throw new Error(`seedPopulation: ${message}`);
}

/** "seeded 1,000,000 accounts, 3,000,000 contacts, 2,000,000 opportunities, 700,977 signals in 52.0 s (rows made on a worker thread)" */
export function describeReport(report: PopulationReport): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const what = `${n(report.accounts)} accounts, ${n(report.contacts)} contacts, ${n(report.opportunities)} opportunities, ${n(report.signals)} signals`;
  return report.kept
    ? `kept the ${what} the database already held`
    : `seeded ${what} in ${(report.milliseconds / 1000).toFixed(1)} s${report.worker ? ' (rows made on a worker thread)' : ''}`;
}
