/**
 * The convergence oracle of the fault matrix: after a fault and its recovery, the org must hold
 * what a fresh full recompute gives. It reads the org as the admin and checks
 * - every account's Stance fields against a classification of everything read into an empty
 *   mirror (what differs is named: account, field, org value, fresh value);
 * - a second sidecar started on a new empty STANCE_DB against the same org writes nothing;
 * - the history: no two Stance_Change__c rows with one Change_Key__c, each account's rows chain
 *   (each From__c is the previous To__c) and end at the account's stance (no missing transition);
 * - detected signals: no two with one Detection_Key__c;
 * - the sidecar's writes, in the org's commit order: no account's Stance_Computed_At__c goes back
 *   (no older value after a newer one), and the writes that changed nothing are counted.
 */
import type { Connection } from 'jsforce';
import pino from 'pino';
import type { RunningOrg } from '../../../../../scripts/local-org/server';
import { classify, stanceFieldValues } from '../../../domain';
import { shippedCompiled } from '../../../domain/__tests__/support/shippedConfig';
import { readAll } from '../../../salesforce/reader';
import { startSidecar } from '../../../sidecar';
import { MIRRORED_OBJECTS, MirrorStore } from '../../../store/mirror';
import { WRITTEN_ACCOUNT_FIELDS, fieldKinds, readAllQuery } from '../../queries';
import { sidecarConfig } from './harness';

type Row = Record<string, unknown>;

export interface OracleReport {
  /** Accounts compared. */
  readonly accounts: number;
  /** Each difference, readable: what, where, org value, fresh value. */
  readonly differences: string[];
  /** Accounts a sidecar on a new empty STANCE_DB wrote (0 when converged). */
  readonly freshWrites: number;
  readonly historyProblems: string[];
  readonly signalProblems: string[];
  /** Accounts whose Stance_Computed_At__c went back in the org's commit order. */
  readonly orderProblems: string[];
  /** Account writes by the sidecar, and those among them that changed no Stance field. */
  readonly sidecarWrites: number;
  readonly redundantWrites: number;
}

export function converged(report: OracleReport): boolean {
  return (
    report.differences.length === 0 &&
    report.freshWrites === 0 &&
    report.historyProblems.length === 0 &&
    report.signalProblems.length === 0 &&
    report.orderProblems.length === 0
  );
}

const same = (want: unknown, got: unknown) =>
  typeof want === 'number' ? Number(got) === want : (got ?? null) === (want ?? null);

async function freshDifferences(admin: Connection): Promise<{ accounts: number; differences: string[] }> {
  const fresh = new MirrorStore(':memory:');
  const inOrg = new Map<string, Row>();
  try {
    for (const object of MIRRORED_OBJECTS) {
      const { records } = await readAll(admin, readAllQuery(object, { withWritten: object === 'Account' }), {
        apiVersion: '62.0',
        bulkThreshold: 100_000,
        kinds: fieldKinds(object),
      });
      fresh.upsert(object, records);
      if (object === 'Account') for (const record of records) inOrg.set(String(record.Id), record);
    }
    const now = Date.now();
    const differences: string[] = [];
    const ids = fresh.allAccountIds();
    for (const accountId of ids) {
      const expected = stanceFieldValues(
        classify(fresh.snapshot(accountId)!, shippedCompiled(), now),
      ) as unknown as Row;
      const actual = inOrg.get(accountId)!;
      for (const field of WRITTEN_ACCOUNT_FIELDS) {
        if (!(field in expected) || same(expected[field], actual[field])) continue;
        const show = (value: unknown) => JSON.stringify(value ?? null).slice(0, 120);
        differences.push(
          `${String(actual.Name)} (${accountId}) ${field}: org ${show(actual[field])}, fresh ${show(expected[field])}`,
        );
      }
    }
    return { accounts: ids.length, differences };
  } finally {
    fresh.close();
  }
}

/** A second sidecar on a new empty STANCE_DB: what it writes is what the first left wrong. */
async function freshSidecarWrites(running: RunningOrg): Promise<number> {
  const sidecar = await startSidecar(sidecarConfig(running), { logger: pino({ level: 'silent' }) });
  try {
    return sidecar.sync.counters.writes;
  } finally {
    await sidecar.stop();
  }
}

/** History problems; with `sinceIso`, breaks in the chain only where the later row is that recent. */
async function historyProblems(
  admin: Connection,
  stances: ReadonlyMap<string, Row>,
  sinceIso: string | null,
): Promise<string[]> {
  const rows = (
    await admin.query<Row>(
      'SELECT Id, Account__c, Change_Key__c, From__c, To__c, At_Risk__c, Changed_At__c FROM Stance_Change__c ORDER BY Changed_At__c, CreatedDate',
    )
  ).records;
  const problems: string[] = [];
  const keys = new Map<string, number>();
  for (const row of rows) keys.set(String(row.Change_Key__c), (keys.get(String(row.Change_Key__c)) ?? 0) + 1);
  for (const [key, count] of keys) if (count > 1) problems.push(`Change_Key__c ${key} appears ${count} times`);
  const byAccount = new Map<string, Row[]>();
  for (const row of rows)
    byAccount.set(String(row.Account__c), [...(byAccount.get(String(row.Account__c)) ?? []), row]);
  for (const [accountId, history] of byAccount) {
    history.forEach((row, index) => {
      const before = history[index - 1];
      if (before && before.To__c !== row.From__c && (!sinceIso || String(row.Changed_At__c) >= sinceIso))
        problems.push(
          `${accountId}: history goes ${String(before.To__c)} then from ${String(row.From__c)} (${String(row.Change_Key__c)})`,
        );
    });
    const last = history[history.length - 1]!;
    const account = stances.get(accountId);
    if (account && (account.Stance__c !== last.To__c || Boolean(account.At_Risk__c) !== Boolean(last.At_Risk__c)))
      problems.push(
        `${accountId}: last history row says ${String(last.To__c)}/${String(last.At_Risk__c)}, account holds ${String(account.Stance__c)}/${String(account.At_Risk__c)}`,
      );
  }
  return problems;
}

async function signalProblems(admin: Connection): Promise<string[]> {
  const rows = (
    await admin.query<Row>('SELECT Id, Detection_Key__c FROM Stance_Signal__c WHERE Detection_Key__c != null')
  ).records;
  const keys = new Map<string, number>();
  for (const row of rows) keys.set(String(row.Detection_Key__c), (keys.get(String(row.Detection_Key__c)) ?? 0) + 1);
  return [...keys].filter(([, count]) => count > 1).map(([key, count]) => `Detection_Key__c ${key}: ${count} signals`);
}

interface ChangePayload {
  ChangeEventHeader: { recordIds: string[]; changeType: string; commitUser: string; nulledFields: string[] };
  [field: string]: unknown;
}

/**
 * The sidecar's Account writes in the org's commit order (from the retained change events):
 * Stance_Computed_At__c never goes back, and a write whose Stance fields all equal what the
 * account held is redundant. `sinceReplayId` limits it to one case's events.
 */
export function writeOrder(
  running: RunningOrg,
  sinceReplayId = 0,
): { writes: number; redundant: number; problems: string[] } {
  const org = running.org;
  const compared = WRITTEN_ACCOUNT_FIELDS.filter(
    (field) => field !== 'Stance_Computed_At__c' && field !== 'Stance_Changed_At__c',
  );
  const known = new Map<string, Row>();
  const computedAt = new Map<string, string>();
  let writes = 0;
  let redundant = 0;
  const problems: string[] = [];
  for (const { data } of org.hub.stored('/data/AccountChangeEvent')) {
    const { payload, event } = data as { payload: ChangePayload; event: { replayId: number } };
    const header = payload.ChangeEventHeader;
    const values: Row = { ...payload };
    for (const field of header.nulledFields) values[field] = null;
    for (const id of header.recordIds) {
      const before = known.get(id) ?? {};
      const mine = header.commitUser === org.integrationUserId && 'Stance_Computed_At__c' in values;
      if (mine && event.replayId > sinceReplayId) {
        writes++;
        // Only what changed is in the event: a write with no Stance field in it changed nothing.
        const fields = compared.filter((field) => field in values);
        if (fields.every((field) => field in before && same(values[field], before[field]))) redundant++;
        const at = String(values.Stance_Computed_At__c);
        const previous = computedAt.get(id);
        if (previous && at < previous) problems.push(`${id}: Stance_Computed_At__c ${at} written after ${previous}`);
      }
      if ('Stance_Computed_At__c' in values && values.Stance_Computed_At__c)
        computedAt.set(id, [computedAt.get(id) ?? '', String(values.Stance_Computed_At__c)].sort().pop()!);
      known.set(id, { ...before, ...values });
    }
  }
  return { writes, redundant, problems };
}

/**
 * `sinceReplayId` limits the write-order figures to one case's events; `sinceIso` judges breaks
 * in the history chain only in rows from then on (an org shared by several cases keeps the
 * earlier ones: one case's break must not fail every later case).
 */
export async function convergenceOracle(
  running: RunningOrg,
  admin: Connection,
  sinceReplayId = 0,
  sinceIso: string | null = null,
): Promise<OracleReport> {
  const order = writeOrder(running, sinceReplayId);
  const { accounts, differences } = await freshDifferences(admin);
  const stances = new Map(
    (await admin.query<Row>('SELECT Id, Stance__c, At_Risk__c FROM Account')).records.map((row) => [
      String(row.Id),
      row,
    ]),
  );
  return {
    accounts,
    differences,
    historyProblems: await historyProblems(admin, stances, sinceIso),
    signalProblems: await signalProblems(admin),
    orderProblems: order.problems,
    sidecarWrites: order.writes,
    redundantWrites: order.redundant,
    // Last: if it had anything to write, it changes the org.
    freshWrites: await freshSidecarWrites(running),
  };
}
