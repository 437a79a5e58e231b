/**
 * Writes in doubt: each classification write is recorded in the ledger (in flight) before it is
 * sent and forgotten with its answer. One left over was sent and never answered: the process was
 * killed (kill -9, a crash, a power cut) or the request got no answer, and the org may have taken
 * the account's Stance fields, and their history row, or not. Taking the last recorded stance as
 * the previous one then writes a second history row from a stance the org no longer holds.
 *
 * Before such an account is classified again, the org is asked (one read for all of them, only
 * after a crash or a lost answer, never in the steady state): where it holds the values sent, the
 * write landed; it is recorded as written, and its history row is sent again, which the org keeps
 * once (its Change_Key__c is unique: DUPLICATE_VALUE counts as written). Where it does not, the
 * last recorded stance is still what the sidecar last wrote, and the write is planned as usual.
 */
import type { InFlight } from '../store/ledger';
import type { SyncContext } from './context';
import { fieldKinds, WRITTEN_ACCOUNT_FIELDS } from './queries';

/** Ids per read: well inside SOQL's statement length. */
const IDS_PER_READ = 200;

/** True when the org holds every value the write sent (the two timestamps are not compared). */
export function landed(write: Pick<InFlight, 'fields'>, inOrg: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(write.fields).every(([field, value]) => {
    const held = inOrg[field] ?? null;
    return typeof value === 'number' ? held !== null && Number(held) === value : held === (value ?? null);
  });
}

/**
 * Settles the in-doubt writes of these accounts with what the org holds; answers how many had
 * landed. Throws (leaving them in doubt) when the org cannot be read.
 */
export async function settleInDoubt(ctx: SyncContext, accountIds: readonly string[]): Promise<number> {
  const { org, mirror, log, metrics } = ctx;
  const inDoubt = mirror.ledger.inFlight(accountIds);
  if (inDoubt.length === 0) return 0;
  const held = new Map<string, Record<string, unknown>>();
  for (let at = 0; at < inDoubt.length; at += IDS_PER_READ) {
    const ids = inDoubt.slice(at, at + IDS_PER_READ).map((write) => `'${write.accountId}'`);
    const { records } = await org.read(
      `SELECT Id, ${WRITTEN_ACCOUNT_FIELDS.join(', ')} FROM Account WHERE Id IN (${ids.join(', ')})`,
      { kinds: fieldKinds('Account') },
    );
    for (const record of records) held.set(String(record.Id), record);
  }
  const took = inDoubt.filter((write) => held.has(write.accountId) && landed(write, held.get(write.accountId)!));
  const history = took.flatMap((write) => (write.change ? [write.change] : []));
  if (history.length > 0) {
    for (const outcome of await org.write(history)) {
      if (outcome.ok) continue;
      metrics.errors++;
      log.warn(
        { accountId: outcome.write.fields.Account__c, error: outcome.message },
        'the stance history record of a write in doubt was refused',
      );
    }
  }
  for (const write of took) {
    mirror.ledger.recordWritten(write.accountId, write.hash, write.stance, write.atRisk, write.computedAt);
    mirror.ledger.forgetOrgStance([write.accountId]);
  }
  // The owners' notices of the writes that landed are queued with it (sent by notices.ts).
  mirror.ledger.forgetInFlight(
    inDoubt.map((write) => write.accountId),
    took.flatMap((write) => (write.notice ? [{ computedAt: write.computedAt, notice: write.notice }] : [])),
  );
  log.info(
    { inDoubt: inDoubt.length, landed: took.length, historyResent: history.length },
    'writes sent before a restart or a lost answer: asked the org which ones it took',
  );
  return took.length;
}
