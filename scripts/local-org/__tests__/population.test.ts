/**
 * The generated population (`--seed population`): the same seed gives the same records, the
 * spreads the stance depends on are all there, and the records belong to the demo firm's real
 * people, so sharing applies to them as to any record.
 */
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn } from '../../testing/signIn';
import { makeId } from '../ids';
import { LocalOrg } from '../org';
import { describeReport, type LoadSinks, onWorker, seedPopulation } from '../seedPopulation';
import { isoTime, type PopulationPlan } from '../seedPopulationRows';
import { COUNTRIES, INDUSTRIES, random, SIGNAL_STATUSES, TITLES } from '../seedValues';
import { startLocalOrg } from '../server';
import { BulkInsert, coreFree } from '../store/bulk';

jest.setTimeout(120_000);

const NOW = Date.parse('2026-06-15T12:00:00Z');
const ACCOUNTS = 2_000;
const TABLES = ['o_Account', 'o_Contact', 'o_Opportunity', 'o_Stance_Signal__c'];

function generated(seed: number, worker = false): LocalOrg {
  const org = new LocalOrg({ clock: () => NOW });
  const report = seedPopulation(org, { accounts: ACCOUNTS, seed, worker });
  expect(describeReport(report)).toMatch(
    worker ? / s \(rows made on a worker thread\)$/ : /^seeded 2,000 accounts, .* in \d+\.\d s$/,
  );
  return org;
}

const rows = (db: Database.Database, table: string) => db.prepare(`SELECT * FROM "${table}" ORDER BY "Id"`).all();
const counts = (db: Database.Database, sql: string) =>
  Object.fromEntries((db.prepare(sql).all() as Array<{ k: string; n: number }>).map((row) => [row.k, row.n]));

describe('the population generator', () => {
  let org: LocalOrg;
  let db: Database.Database;

  beforeAll(() => {
    org = generated(7);
    db = org.store.db;
  });

  afterAll(() => org.close());

  it('gives the same records for the same seed, and others for another seed', () => {
    const again = generated(7);
    const other = generated(8);
    try {
      for (const table of TABLES) {
        expect(rows(again.store.db, table)).toEqual(rows(db, table));
        expect(rows(other.store.db, table)).not.toEqual(rows(db, table));
      }
    } finally {
      again.close();
      other.close();
    }
  });

  it('makes the same records on a worker thread as on the main thread', () => {
    const again = generated(7, true);
    try {
      for (const table of [...TABLES, '_sequence']) {
        const withRowids = (db: Database.Database) =>
          db.prepare(`SELECT rowid AS r, * FROM "${table}" ORDER BY rowid`).all();
        expect(withRowids(again.store.db)).toEqual(withRowids(db));
      }
    } finally {
      again.close();
    }
  });

  it('says what failed when the worker thread fails', () => {
    const plan: PopulationPlan = {
      ...{ total: 10, seed: 1, now: NOW, admin: org.adminUserId, integration: org.integrationUserId },
      ...{ owners: [], reporters: {}, triggers: ['T'], stances: ['Attack'], chunk: 5 },
      ...{ firstAccount: 1, firstContact: 1, firstOpportunity: 1 },
    };
    const rows = onWorker(plan);
    try {
      // It fails before it puts a row anywhere.
      expect(() => rows.next(0, {} as LoadSinks)).toThrow(
        /^seedPopulation: the row generator \(a worker thread\) failed: TypeError/,
      );
    } finally {
      rows.close();
    }
  });

  it('makes N accounts with 3 contacts, 2 opportunities and 0 to 2 signals each, and says so', () => {
    const total = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    expect(total('o_Account')).toBe(ACCOUNTS);
    expect(total('o_Contact')).toBe(3 * ACCOUNTS);
    expect(total('o_Opportunity')).toBe(2 * ACCOUNTS);
    const perAccount = (table: string, field: string) =>
      counts(
        db,
        `SELECT n AS k, COUNT(*) AS n FROM (SELECT a."Id", COUNT(c."Id") AS n FROM "o_Account" a LEFT JOIN "${table}" c ON c."${field}" = a."Id" GROUP BY a."Id") GROUP BY n`,
      );
    expect(perAccount('o_Contact', 'AccountId')).toEqual({ 3: ACCOUNTS });
    expect(perAccount('o_Opportunity', 'AccountId')).toEqual({ 2: ACCOUNTS });
    const signals = perAccount('o_Stance_Signal__c', 'Account__c');
    expect(Object.keys(signals).sort()).toEqual(['0', '1', '2']);
    // Half have none, 30% one, 20% two.
    expect(signals[0]).toBeGreaterThan(0.4 * ACCOUNTS);
    expect(signals[2]).toBeGreaterThan(0.1 * ACCOUNTS);
    const report = seedPopulation(org, { accounts: 5 });
    expect(describeReport(report)).toBe(
      `kept the 2,000 accounts, 6,000 contacts, 4,000 opportunities, ${total('o_Stance_Signal__c').toLocaleString('en-US')} signals the database already held`,
    );
  });

  it('spreads industries, countries and types in and out of the strategy, and titles in and out of the key-title pattern', () => {
    const near = (actual: Record<string, number>, values: readonly string[], share: number) => {
      for (const value of values) {
        expect(actual[value]).toBeGreaterThan(share * 0.7);
        expect(actual[value]).toBeLessThan(share * 1.3);
      }
      expect(Object.keys(actual).sort()).toEqual([...new Set(values)].sort());
    };
    near(counts(db, `SELECT "Industry" AS k, COUNT(*) AS n FROM "o_Account" GROUP BY k`), INDUSTRIES, ACCOUNTS / 7);
    near(
      counts(db, `SELECT "BillingCountry" AS k, COUNT(*) AS n FROM "o_Account" GROUP BY k`),
      COUNTRIES,
      ACCOUNTS / 7,
    );
    const types = counts(db, `SELECT "Type" AS k, COUNT(*) AS n FROM "o_Account" GROUP BY k`);
    near(
      { 'Customer - Direct': types['Customer - Direct']!, 'Customer - Channel': types['Customer - Channel']! },
      ['Customer - Direct', 'Customer - Channel'],
      ACCOUNTS / 5,
    );
    expect(types.Prospect).toBeGreaterThan(0.3 * ACCOUNTS);
    near(counts(db, `SELECT "Title" AS k, COUNT(*) AS n FROM "o_Contact" GROUP BY k`), TITLES, (3 * ACCOUNTS) / 6);
    const pattern = db.prepare(`SELECT "Key_Title_Pattern__c" AS p FROM "o_Stance_Strategy__mdt"`).get() as {
      p: string;
    };
    const keyTitle = new RegExp(pattern.p, 'i');
    expect(TITLES.filter((title) => keyTitle.test(title))).toEqual([
      'Head of Purchasing',
      'Buyer',
      'Chief Operating Officer',
    ]);
    // In the strategy's markets and out of them, as customers and as prospects: every stance's rule can match.
    const strategy = db
      .prepare(`SELECT "Target_Industries__c" AS i, "Target_Countries__c" AS c FROM "o_Stance_Strategy__mdt"`)
      .get() as { i: string; c: string };
    const inStrategy = (industry: string, country: string) =>
      strategy.i.split('\n').includes(industry) && strategy.c.split('\n').includes(country);
    const mix = counts(
      db,
      `SELECT ("Type" LIKE 'Customer%') || '/' || "Industry" || '/' || "BillingCountry" AS k, COUNT(*) AS n FROM "o_Account" GROUP BY k`,
    );
    const kinds: Record<string, number> = {};
    for (const [key, n] of Object.entries(mix)) {
      const [customer, industry, country] = key.split('/');
      const kind = `${customer === '1' ? 'customer' : 'prospect'} ${inStrategy(industry!, country!) ? 'in' : 'out'}`;
      kinds[kind] = (kinds[kind] ?? 0) + n;
    }
    for (const kind of ['customer in', 'customer out', 'prospect in', 'prospect out'])
      expect([kind, kinds[kind]! > 0.05 * ACCOUNTS]).toEqual([kind, true]);
  });

  it('spreads owners over the demo sales people, dates over years, stages, triggers and statuses', () => {
    const owners = counts(
      db,
      `SELECT u."Username" AS k, COUNT(*) AS n FROM "o_Account" a JOIN "o_User" u ON u."Id" = a."OwnerId" GROUP BY k`,
    );
    expect(Object.keys(owners).sort()).toEqual(['dana@stance.local', 'max@stance.local', 'nina@stance.local']);
    expect(owners['dana@stance.local']).toBeGreaterThan(owners['max@stance.local']! * 2);
    const span = db
      .prepare(`SELECT MIN("CreatedDate") AS first, MAX("CreatedDate") AS last FROM "o_Account"`)
      .get() as {
      first: string;
      last: string;
    };
    expect(Date.parse(span.last) - Date.parse(span.first)).toBeGreaterThan(5 * 365 * 86_400_000);
    expect(Date.parse(span.last)).toBeLessThan(NOW);
    const closing = counts(
      db,
      `SELECT ("CloseDate" < '2026-06-15') AS k, COUNT(*) AS n FROM "o_Opportunity" GROUP BY k`,
    );
    expect(closing[0]).toBeGreaterThan(0.1 * 2 * ACCOUNTS);
    expect(closing[1]).toBeGreaterThan(0.5 * 2 * ACCOUNTS);
    const stages = counts(db, `SELECT "StageName" AS k, COUNT(*) AS n FROM "o_Opportunity" GROUP BY k`);
    expect(stages['Closed Won']).toBeGreaterThan(0);
    expect(stages['Closed Lost']).toBeGreaterThan(0);
    expect(Object.keys(stages).length).toBe(7);
    const lost = counts(
      db,
      `SELECT ("Lost_To_Competitor__c" IS NULL) AS k, COUNT(*) AS n FROM "o_Opportunity" WHERE "StageName" = 'Closed Lost' GROUP BY k`,
    );
    expect(Object.keys(lost).sort()).toEqual(['0', '1']);
    // Lost_To_Competitor__c is restricted to the Stance_Competitors global value set: the bulk load must keep to it.
    const competitors = counts(
      db,
      `SELECT "Lost_To_Competitor__c" AS k, COUNT(*) AS n FROM "o_Opportunity" WHERE "Lost_To_Competitor__c" IS NOT NULL GROUP BY k`,
    );
    const allowed = org.schema
      .object('Opportunity')!
      .fields.get('Lost_To_Competitor__c')!
      .picklistValues.map((entry) => entry.value);
    expect(allowed).toEqual(expect.arrayContaining(Object.keys(competitors)));
    const triggers = counts(db, `SELECT "Trigger__c" AS k, COUNT(*) AS n FROM "o_Stance_Signal__c" GROUP BY k`);
    const catalog = org.schema
      .object('Stance_Signal__c')!
      .fields.get('Trigger__c')!
      .picklistValues.map((entry) => entry.value);
    expect(Object.keys(triggers).sort()).toEqual([...catalog].sort());
    const statuses = counts(db, `SELECT "Status__c" AS k, COUNT(*) AS n FROM "o_Stance_Signal__c" GROUP BY k`);
    expect(Object.keys(statuses).sort()).toEqual([...SIGNAL_STATUSES].sort());
    // Signals in and out of the strategy's 90-day lookback.
    const recent = counts(
      db,
      `SELECT ("CreatedDate" >= '2026-03-17') AS k, COUNT(*) AS n FROM "o_Stance_Signal__c" GROUP BY k`,
    );
    expect(Object.keys(recent).sort()).toEqual(['0', '1']);
  });
});

describe('a generated population in a file', () => {
  it('leaves the file as the local org keeps it: WAL, synced, every index back', () => {
    const folder = mkdtempSync(join(tmpdir(), 'population-'));
    const indexes = (org: LocalOrg) =>
      org.store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`).pluck().all();
    try {
      const empty = new LocalOrg({ db: join(folder, 'empty.db') });
      const expected = indexes(empty);
      empty.close();
      const org = new LocalOrg({ db: join(folder, 'org.db') });
      expect(seedPopulation(org, { accounts: 500 })).toMatchObject({ accounts: 500, kept: false });
      expect(indexes(org)).toEqual(expected);
      expect(expected).toEqual(expect.arrayContaining(['i_Account_OwnerId', 'i_Contact_SystemModstamp_Id']));
      expect(org.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(org.store.db.pragma('synchronous', { simple: true })).toBe(1);
      expect(org.store.db.pragma('threads', { simple: true })).toBe(0);
      org.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a generated population through the API', () => {
  it('shows the integration user every account and a rep only her own under Private sharing', async () => {
    const running = await startLocalOrg({ seed: 'population', accounts: 3_000, sharing: 'private' });
    try {
      expect(running.population).toMatchObject({ accounts: 3_000, contacts: 9_000, opportunities: 6_000, kept: false });
      const integration = await signIn(running);
      const dana = await signIn(running, 'dana@stance.local');
      const max = await signIn(running, 'max@stance.local');
      expect((await integration.query('SELECT COUNT() FROM Account')).totalSize).toBe(3_000);
      expect((await integration.query('SELECT COUNT() FROM Contact')).totalSize).toBe(9_000);
      const danaId = (
        await integration.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'dana@stance.local'")
      ).records[0]!.Id;
      const owned = (await integration.query(`SELECT COUNT() FROM Account WHERE OwnerId = '${danaId}'`)).totalSize;
      expect(owned).toBeGreaterThan(1_000);
      expect(owned).toBeLessThan(1_800);
      // Dana reads her own accounts; her manager reads all of his reps' and his own.
      expect((await dana.query('SELECT COUNT() FROM Account')).totalSize).toBe(owned);
      expect((await dana.query('SELECT COUNT() FROM Contact')).totalSize).toBe(3 * owned);
      expect((await max.query('SELECT COUNT() FROM Account')).totalSize).toBe(3_000);
    } finally {
      await running.close();
    }
  });
});

describe('the bulk insert', () => {
  it('inserts full batches as they fill and the rest when flushed, in the order added', () => {
    const org = new LocalOrg({ clock: () => NOW });
    try {
      const db = org.store.db;
      const admin = org.adminUserId;
      const insert = new BulkInsert(org.store, 'Account', [
        ...['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'SystemModstamp', 'Name'],
      ]);
      const stamp = new Date(NOW).toISOString();
      const ids = Array.from({ length: 70 }, (_, n) => makeId('001', 900_000 + n));
      const names = () =>
        db.prepare(`SELECT "Name" FROM "o_Account" WHERE "Name" LIKE 'Bulk %' ORDER BY rowid`).pluck().all();
      db.transaction(() => {
        ids.forEach((id, n) => insert.add([id, 0, stamp, admin, stamp, stamp, `Bulk ${n}`]));
        // 64 rows make a batch, in the table at once; the 6 after it wait for the flush.
        expect(names()).toHaveLength(64);
        insert.flush();
      })();
      expect(names()).toEqual(ids.map((_, n) => `Bulk ${n}`));
      expect(insert.count).toBe(70);
      expect(() => insert.add([ids[0]!, 0])).toThrow('a bulk insert of Account got 2 values for 7 columns');
    } finally {
      org.close();
    }
  });
});

describe('a free core', () => {
  afterEach(() => jest.restoreAllMocks());

  it('is there with two cores or more and a load average that leaves one idle', () => {
    const cores = jest.spyOn(os, 'availableParallelism').mockReturnValue(2);
    const load = jest.spyOn(os, 'loadavg').mockReturnValue([0.8, 0.5, 0.5]);
    expect(coreFree()).toBe(true);
    load.mockReturnValue([1.5, 1, 1]);
    expect(coreFree()).toBe(false);
    cores.mockReturnValue(1);
    load.mockReturnValue([0, 0, 0]);
    expect(coreFree()).toBe(false);
  });
});

describe('the generator’s ISO timestamps', () => {
  it('are those of Date.prototype.toISOString, leap days, month and year ends included', () => {
    const rnd = random(11);
    const instants = [
      Date.parse('2024-02-29T23:59:59.999Z'),
      Date.parse('2024-03-01T00:00:00.000Z'),
      Date.parse('2023-12-31T23:59:59.999Z'),
      Date.parse('2000-02-29T12:00:00.000Z'),
      Date.parse('2100-03-01T00:00:00.001Z'),
      Date.parse('1970-01-01T00:00:00.000Z'),
      Date.parse('1000-01-01T00:00:00.000Z'),
      Date.parse('9999-12-31T23:59:59.999Z'),
      Date.parse('0999-12-31T23:59:59.999Z'),
      ...Array.from({ length: 20_000 }, () => Math.floor(Date.parse('1990-01-01') + rnd() * 60 * 365 * 86_400_000)),
    ];
    expect(instants.map(isoTime)).toEqual(instants.map((ms) => new Date(ms).toISOString()));
  });
});
