/**
 * What makes the mirror's time, checked without timing anything: every statement the store runs
 * finds its rows through an index on every column its WHERE names (EXPLAIN QUERY PLAN), and each
 * is prepared once, however many changes are applied.
 */
import Database from 'better-sqlite3';
import { LEDGER_SQL, WHOLE_TABLE_READS } from '../ledger';
import { MIGRATIONS, migrate } from '../migrations';
import { MirrorStore, PROBE_SQL } from '../mirror';
import { RECORD_SQL } from '../records';
import { REEVALUATION_SQL } from '../reevaluations';

const AT = '2026-06-15T12:00:00.000Z';

/** Every statement of the store, by a name that says where it is. */
const STATEMENTS: ReadonlyArray<readonly [string, string]> = [
  ...Object.entries(RECORD_SQL).map(([name, text]) => [`records.${name}`, text] as const),
  ...Object.entries(LEDGER_SQL).map(([name, text]) => [`ledger.${name}`, text] as const),
  ...Object.entries(PROBE_SQL).map(([name, text]) => [`probe.${name}`, text] as const),
  ...Object.entries(REEVALUATION_SQL).map(([name, text]) => [`reevaluations.${name}`, text] as const),
];
const WHOLE_TABLE = new Set(Object.keys(WHOLE_TABLE_READS).map((name) => `ledger.${name}`));

/** The terms of a statement's WHERE an index can serve: `column = ?`, `column IN (...)`, `column > ?`. */
function indexableTerms(text: string): number {
  const where = /\bWHERE\b(.*?)(?:\bORDER BY\b|\bLIMIT\b|\bON CONFLICT\b|$)/is.exec(text)?.[1] ?? '';
  return where.split(/\bAND\b/i).filter((term) => /^\s*\w+\s*(=|IN\b|>=?|<=?)(?!>)/i.test(term) && !/<>/.test(term))
    .length;
}

/** True when a search pins every column of a unique index: one row at most, further terms filter that row. */
function oneRow(db: Database.Database, detail: string, terms: string): boolean {
  const index = /INDEX (\w+) \(/.exec(detail)?.[1];
  const table = /^SEARCH (\w+)/.exec(detail)?.[1];
  if (!index || !table) return false;
  const unique = (
    db.prepare(`PRAGMA index_list(${JSON.stringify(table)})`).all() as Array<{ name: string; unique: number }>
  ).some((row) => row.name === index && row.unique === 1);
  const columns = (db.prepare(`PRAGMA index_info(${JSON.stringify(index)})`).all() as unknown[]).length;
  const pinned = terms.split(' AND ').filter((term) => /=\?$/.test(term.trim())).length;
  return unique && pinned === columns;
}

/**
 * What is wrong with a statement's plan: a table read whole (but through a partial index that
 * holds only the rows asked for), a search on fewer index columns than the WHERE names, a sort no
 * index serves.
 */
function planProblems(db: Database.Database, name: string, text: string): string[] {
  const partial = new Set(
    (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'`).all() as Array<{
        name: string;
      }>
    ).map((row) => row.name),
  );
  const parameters = (text.match(/\?/g) ?? []).map(() => null);
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...parameters) as Array<{ detail: string }>;
  const problems: string[] = [];
  const wanted = indexableTerms(text);
  for (const { detail } of rows) {
    const scan = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail);
    if (scan && !(scan[2] && partial.has(scan[2])) && !WHOLE_TABLE.has(name)) {
      problems.push(`${name}: ${detail} (reads the whole table)`);
    }
    const search = /^SEARCH (\w+) USING (?:COVERING |PRIMARY KEY |INTEGER PRIMARY KEY )?(?:INDEX \w+ )?\((.*)\)/.exec(
      detail,
    );
    if (search && search[2]!.split(' AND ').length < wanted && !oneRow(db, detail, search[2]!)) {
      problems.push(`${name}: ${detail} (its WHERE names ${wanted} indexable columns)`);
    }
    if (/TEMP B-TREE/.test(detail) && !WHOLE_TABLE.has(name)) problems.push(`${name}: ${detail} (a sort)`);
  }
  return problems;
}

/** A mirror of `accounts` accounts with children, detections and ledger rows, as a sync leaves it. */
function populated(db: Database.Database, accounts: number): void {
  const withReevaluations = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'reevaluations'`).get() !== undefined;
  const insert = db.prepare(`INSERT INTO records (object, id, account_id, data) VALUES (?, ?, ?, '{}')`);
  db.transaction(() => {
    for (let a = 0; a < accounts; a++) {
      const id = `001${String(a).padStart(6, '0')}`;
      insert.run('Account', id, id);
      for (let c = 0; c < 3; c++) insert.run('Contact', `003${a}-${c}`, id);
      for (let o = 0; o < 2; o++) insert.run('Opportunity', `006${a}-${o}`, id);
      insert.run('Stance_Signal__c', `a00${a}`, id);
      db.prepare(
        `INSERT INTO detections (contact_id, account_id, change, at, persisted) VALUES (?, ?, 'Departed', ?, ?)`,
      ).run(`003${a}-0`, id, AT, a % 50 === 0 ? 0 : 1);
      db.prepare(`INSERT INTO outbox (account_id, since) VALUES (?, ?)`).run(id, AT);
      if (withReevaluations)
        db.prepare(`INSERT INTO reevaluations (account_id, due_at) VALUES (?, ?)`).run(id, 1_000 + ((a * 7919) % 300));
    }
  })();
}

function mirrorDatabase(migrations: readonly string[]): Database.Database {
  const db = new Database(':memory:');
  migrate(db, migrations);
  populated(db, 300);
  return db;
}

describe('the plans of the mirror statements', () => {
  it('finds every row through an index on every column its WHERE names', () => {
    const db = mirrorDatabase(MIGRATIONS);
    const problems = STATEMENTS.flatMap(([name, text]) => planProblems(db, name, text));
    expect(problems).toEqual([]);
    db.close();
  });

  it("reads an account's children in id order from the index, not every record of the object", () => {
    const db = mirrorDatabase(MIGRATIONS);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${RECORD_SQL.children}`).all('Contact', '001000001') as Array<{
      detail: string;
    }>;
    expect(plan.map((row) => row.detail)).toEqual([
      'SEARCH records USING INDEX records_by_account (object=? AND account_id=?)',
    ]);
    db.close();
  });

  it('finds the earliest re-evaluation and the due ones through the due_at index, never reading every account', () => {
    const db = mirrorDatabase(MIGRATIONS);
    const plan = (text: string) =>
      (
        db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...(text.match(/\?/g) ?? []).map(() => 0)) as Array<{
          detail: string;
        }>
      ).map((row) => row.detail);
    expect(plan(REEVALUATION_SQL.earliest)).toEqual(['SEARCH reevaluations USING COVERING INDEX reevaluations_due']);
    expect(plan(REEVALUATION_SQL.dueAfter)).toEqual([
      'SEARCH reevaluations USING COVERING INDEX reevaluations_due ((due_at,account_id)>(?,?) AND due_at<?)',
    ]);
    expect(plan(REEVALUATION_SQL.set).join()).not.toMatch(/SCAN/);
    db.close();
  });

  it('finds the planning problems of the schema before the account index (the check can fail)', () => {
    const before = MIGRATIONS.findIndex((migration) => migration.includes('records_by_account'));
    expect(before).toBeGreaterThan(0);
    const db = mirrorDatabase(MIGRATIONS.slice(0, before));
    // The tables of later migrations are not there yet.
    const problems = STATEMENTS.filter(([, text]) => !/\breevaluations\b/.test(text)).flatMap(([name, text]) =>
      planProblems(db, name, text),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'records.children: SEARCH records USING INDEX sqlite_autoindex_records_1 (object=?) (its WHERE names 2 indexable columns)',
        expect.stringMatching(/^ledger\.pendingDetections: SCAN detections/),
      ]),
    );
    db.close();
  });

  it('names the statements allowed to read a whole ledger table, each with its reason', () => {
    expect(Object.keys(WHOLE_TABLE_READS).sort()).toEqual([
      'failureCount',
      'failures',
      'outbox',
      'outboxSize',
      'queuedNotices',
      'retries',
    ]);
    for (const reason of Object.values(WHOLE_TABLE_READS)) expect(reason).toMatch(/\w{3,}/);
  });

  it('moves a mirror of the earlier schema to the new index, keeping what it holds', () => {
    const before = MIGRATIONS.findIndex((migration) => migration.includes('records_by_account'));
    const db = mirrorDatabase(MIGRATIONS.slice(0, before));
    migrate(db);
    const indexes = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'`).all() as Array<{
        name: string;
      }>
    ).map((row) => row.name);
    expect(indexes.sort()).toEqual(['records_by_account', 'sqlite_autoindex_records_1']);
    expect(db.prepare(`SELECT count(*) AS n FROM records`).get()).toEqual({ n: 300 * 7 });
    db.close();
  });
});

describe('statements prepared once', () => {
  afterEach(() => jest.restoreAllMocks());

  it('prepares nothing more however many records are applied, read and removed', () => {
    const prepare = jest.spyOn(Database.prototype, 'prepare');
    const mirror = new MirrorStore(':memory:');
    const atOpen = prepare.mock.calls.length;
    expect(atOpen).toBeGreaterThanOrEqual(STATEMENTS.length);

    const round = (n: number) => {
      const account = `001R${n}`;
      mirror.upsert('Account', [{ Id: account, Name: `Acme ${n}`, Industry: 'Chocolate', BillingCountry: 'Belgium' }]);
      mirror.upsert('Contact', [{ Id: `003R${n}`, AccountId: account, LastName: 'Bo', Title: 'CEO' }]);
      mirror.applyChange('Contact', `003R${n}`, { Title: 'Intern' }, [], AT);
      mirror.applyChange('Opportunity', `006R${n}`, { AccountId: account, Amount: n }, [], AT);
      mirror.snapshot(account);
      mirror.accountIdsOf('Contact', [`003R${n}`]);
      mirror.accountIdsFor('chocolate', null);
      expect([...mirror.accountIdPages(7)].flat()).toContain(account);
      mirror.accountCount();
      const { ledger } = mirror;
      ledger.addToOutbox([account], AT);
      ledger.outbox();
      ledger.outboxSize();
      ledger.recordWritten(account, 'h', 'Defend', false, AT);
      ledger.lastWritten(account);
      ledger.recordFailure(account, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'no', AT);
      ledger.failure(account);
      ledger.failures();
      ledger.failureCount();
      ledger.noteOrgStance(account, { Stance__c: 'Fire' }, AT);
      ledger.saveInFlight([
        { accountId: account, hash: 'h', stance: 'Defend', atRisk: false, fields: {}, change: null, computedAt: AT },
      ]);
      ledger.inFlight([account]);
      ledger.forgetInFlight([account]);
      for (const detection of ledger.pendingDetections()) ledger.markDetectionPersisted(detection);
      ledger.saveWatermark('Contact', AT);
      ledger.watermark('Contact');
      ledger.saveReplayId('/data/ContactChangeEvent', n);
      ledger.replayId('/data/ContactChangeEvent');
      ledger.saveRetry({ accountId: account, attempts: 1, nextAt: AT });
      ledger.retry(account);
      ledger.saveDriftRepairs(account, '2026-06-15', { repairs: 1, noticed: false });
      ledger.driftRepairs(account, '2026-06-15');
      mirror.probeSpace();
      mirror.reevaluations.set(account, 1_000 + n);
      mirror.reevaluations.earliest();
      void mirror.reevaluations.takeDue(
        1_000 + n,
        2,
        () => undefined,
        () => Promise.resolve(true),
      );
      mirror.reevaluations.forget(account);
      if (n % 2 === 0) mirror.remove('Account', [account], AT);
    };
    for (let n = 0; n < 3; n++) round(n);
    const afterFew = prepare.mock.calls.length;
    for (let n = 3; n < 200; n++) round(n);
    expect(prepare.mock.calls.length).toBe(afterFew);
    expect(afterFew).toBe(atOpen);
    expect(mirror.accountCount()).toBe(100);
    mirror.close();
  });
});
