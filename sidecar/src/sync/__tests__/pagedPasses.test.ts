/**
 * The sidecar's memory does not grow with the org: a pass over every account (the first start,
 * POST /recompute {"all": true}, new rules, a resume from the stored mirror) hands recompute one
 * page of ids at a time and never marks every account pending at once; the initial load keeps
 * only the accounts whose Stance fields show something. Here with a page of 4 over the demo firm's
 * accounts (several pages), watched through the real Recompute and Pending (called through).
 */
import pino from 'pino';
import type { Connection } from 'jsforce';
import { DEFAULTS } from '../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { signIn } from '../../../../scripts/testing/signIn';
import type { Config } from '../../config';
import { startSidecar } from '../../sidecar';
import type { RunningSidecar } from '../../sidecar';
import { CatchUp } from '../catchUp';
import { Pending } from '../pending';
import { Recompute } from '../recompute';
import { ADMIN_TOKEN, eventually, settled, sidecarConfig } from './support/harness';

jest.setTimeout(120_000);

const PAGE = 4;

describe('passes over every account, a page at a time', () => {
  let org: RunningOrg;
  let admin: Connection;
  let config: Config;
  let sidecar: RunningSidecar;
  let accounts = 0;
  const run = jest.spyOn(Recompute.prototype, 'run');
  const mark = jest.spyOn(Pending.prototype, 'mark');
  const enqueue = jest.spyOn(Pending.prototype, 'enqueue');
  const loadAll = jest.spyOn(CatchUp.prototype, 'loadAll');

  /** The sizes of the id lists handed to recompute and to pending since call number `from`. */
  const sizesSince = (spy: jest.SpyInstance, from: number) =>
    spy.mock.calls.slice(from).map(([ids]) => Array.from(ids as Iterable<string>).length);
  const total = (sizes: number[]) => sizes.reduce((sum, size) => sum + size, 0);
  /** As a deployment would: custom metadata is not writable through the data API. */
  const setKeyTitlePattern = (pattern: string) =>
    org.org.store.db
      .prepare(`UPDATE "o_Stance_Strategy__mdt" SET "Key_Title_Pattern__c" = ?, "SystemModstamp" = ?`)
      .run(pattern, new Date().toISOString());

  beforeAll(async () => {
    org = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(org, DEFAULTS.username);
    config = sidecarConfig(org, { recomputePageSize: PAGE });
    sidecar = await startSidecar(config, { logger: pino({ level: 'warn' }) });
    await settled(sidecar);
    accounts = sidecar.sync.accountCount;
  });

  afterAll(async () => {
    await sidecar?.stop();
    await org?.close();
  });

  it('loads and classifies every account with no list longer than a page, keeping only stances the org shows', async () => {
    expect(accounts).toBeGreaterThan(3 * PAGE);
    const sizes = sizesSince(run, 0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PAGE);
    expect(total(sizes)).toBeGreaterThanOrEqual(accounts);
    expect(loadAll).toHaveBeenCalledTimes(1);
    // Before the first start no account shows a stance: none noted.
    expect(await loadAll.mock.results[0]!.value).toBe(0);
    const shown = await admin.query<{ Id: string }>(`SELECT Id FROM Account WHERE Stance__c != null`);
    expect(shown.totalSize).toBe(accounts);
  });

  it('POST /recompute {"all": true} walks the accounts a page at a time, none marked pending whole', async () => {
    const [runs, marks] = [run.mock.calls.length, mark.mock.calls.length];
    const answer = await fetch(`${sidecar.url}/recompute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ all: true }),
    });
    expect(await answer.json()).toEqual({ accounts, written: 0 });
    const sizes = sizesSince(run, runs);
    expect(sizes.length).toBeGreaterThanOrEqual(Math.ceil(accounts / PAGE));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PAGE);
    expect(total(sizes)).toBeGreaterThanOrEqual(accounts);
    expect(Math.max(0, ...sizesSince(mark, marks))).toBeLessThanOrEqual(PAGE);
    expect(sidecar.sync.outboxSize).toBe(0);
  });

  it('a flush of more accounts than a page (POST /recompute with every id) plans and writes a page at a time', async () => {
    const { records } = await admin.query<{ Id: string }>(`SELECT Id FROM Account`);
    const ids = records.map((record) => record.Id);
    expect(ids.length).toBe(accounts);
    const runs = run.mock.calls.length;
    const answer = await fetch(`${sidecar.url}/recompute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ ids }),
    });
    expect(await answer.json()).toEqual({ accounts, written: 0 });
    const sizes = sizesSince(run, runs);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PAGE);
    expect(total(sizes)).toBeGreaterThanOrEqual(accounts);
  });

  it('a rule change recomputes every account a page at a time', async () => {
    const [runs, marks] = [run.mock.calls.length, mark.mock.calls.length];
    const reloads = sidecar.sync.metrics.rulesReloads;
    setKeyTitlePattern('^(chief|head|vp)\\b');
    await sidecar.sync.pollRules({ initial: false });
    expect(sidecar.sync.metrics.rulesReloads).toBe(reloads + 1);
    await settled(sidecar);
    const sizes = sizesSince(run, runs);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PAGE);
    expect(total(sizes)).toBeGreaterThanOrEqual(accounts);
    expect(Math.max(0, ...sizesSince(mark, marks))).toBeLessThanOrEqual(PAGE);
    expect(sidecar.sync.outboxSize).toBe(0);
  });

  it('a catch-up that touches every account (a market signal of every industry and country) hands them on a page at a time, none marked whole', async () => {
    const [runs, marks, enqueues] = [run.mock.calls.length, mark.mock.calls.length, enqueue.mock.calls.length];
    // Max, the manager, keeps the market signals; one with no industry nor country concerns every account.
    const max = await signIn(org, 'max@stance.local');
    const signal = (await max.sobject('Market_Signal__c').create({
      Name: 'Interest rates double',
      Kind__c: 'Macro',
      Effect__c: 'Threat',
      Active_From__c: '2020-01-01',
      Description__c: 'Every account, every country',
    })) as { id: string };
    expect(signal.id).toBeTruthy();
    // Market signals have no change events: the next poll catches the object up by SystemModstamp.
    await eventually(async () => expect(total(sizesSince(enqueue, enqueues))).toBeGreaterThanOrEqual(accounts));
    await settled(sidecar);
    const handed = sizesSince(enqueue, enqueues);
    expect(handed.length).toBeGreaterThanOrEqual(Math.ceil(accounts / PAGE));
    expect(Math.max(...handed)).toBeLessThanOrEqual(PAGE);
    expect(Math.max(0, ...sizesSince(mark, marks))).toBeLessThanOrEqual(PAGE);
    const sizes = sizesSince(run, runs);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PAGE);
    expect(total(sizes)).toBeGreaterThanOrEqual(accounts);
    expect(sidecar.sync.outboxSize).toBe(0);
  });

  it('a resume from the stored mirror recomputes every account a page at a time', async () => {
    await sidecar.stop();
    const runs = run.mock.calls.length;
    sidecar = await startSidecar(config, { logger: pino({ level: 'warn' }) });
    await settled(sidecar);
    expect(loadAll).toHaveBeenCalledTimes(1);
    const sizes = sizesSince(run, runs);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PAGE);
    expect(total(sizes)).toBeGreaterThanOrEqual(accounts);
    expect(sidecar.sync.outboxSize).toBe(0);
  });
  it('a new mirror over an org whose accounts all show their stance holds none of them in memory, and writes none again', async () => {
    await sidecar.stop();
    const [loads, writes] = [loadAll.mock.calls.length, run.mock.calls.length];
    // A new STANCE_DB (a new machine, or the file deleted): the org is the system of record.
    config = sidecarConfig(org, { recomputePageSize: PAGE });
    sidecar = await startSidecar(config, { logger: pino({ level: 'warn' }) });
    await settled(sidecar);
    expect(loadAll.mock.calls.length).toBe(loads + 1);
    // What every account shows went to the ledger a page at a time: the load answers a count, no
    // map of every account (was: a Map of every account's Stance fields, held through the pass).
    expect(await loadAll.mock.results[loads]!.value).toBe(accounts);
    expect(sizesSince(run, writes).length).toBeGreaterThanOrEqual(Math.ceil(accounts / PAGE));
    expect(sidecar.sync.metrics.writes).toBe(0);
    expect(sidecar.sync.metrics.writesSkippedUnchanged).toBeGreaterThanOrEqual(accounts);
    expect(sidecar.sync.outboxSize).toBe(0);
    // What the ledger noted of each account is forgotten once its classification agrees with it.
    const ids = [...sidecar.mirror.accountIdPages(PAGE)].flat();
    expect(ids).toHaveLength(accounts);
    expect(ids.filter((id) => sidecar.mirror.ledger.orgStance(id) !== null)).toEqual([]);
  });
});
