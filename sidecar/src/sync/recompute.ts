/**
 * Classifies accounts from the mirror and writes the classifications that changed: the Stance
 * fields (announced to open record pages in the same call), then the history of those the org
 * took, then the owners' notifications. A locked row or a busy org leaves the account in the
 * outbox, tried again with backoff; a refusal for good is kept per account for /status.
 */
import { classify, STANCE_UPDATE_EVENT, stanceFieldValues } from '../domain';
import type { Classification, CompiledConfig, MarketSignalRecord } from '../domain';
import type { Announcement, RecordWrite, WriteOutcome } from '../salesforce/writer';
import type { QueuedNotice } from '../store/ledger';
import type { ApiReserve } from './allowance';
import type { ReevaluationSchedule } from './reevaluation';
import type { SyncContext } from './context';
import { agreesWithOrg, coversEveryField, DriftRepair } from './drift';
import { settleInDoubt } from './inDoubt';
import type { Notices } from './notices';
import { RetryBackoff } from './retries';
import { ACCOUNTS_PER_TURN, nextTurn } from './turns';
import { planWrite } from './writePlan';
import type { PlannedWrite, PreviousState } from './writePlan';

interface Planned {
  readonly plan: PlannedWrite;
  readonly classification: Classification;
  /** Only the org moved (someone else changed a Stance field): the write puts it back. */
  readonly repair: boolean;
}

/** Names the accounts a write call updates, so the event goes out in the same call. */
function announceStanceUpdate(writes: readonly RecordWrite[]): Announcement | null {
  const ids = writes.filter((write) => write.type === 'Account' && write.id).map((write) => write.id!);
  return ids.length > 0 ? { type: STANCE_UPDATE_EVENT, fields: { Account_Ids__c: ids.join(',') } } : null;
}

export class Recompute {
  private readonly drift: DriftRepair;
  private readonly retries: RetryBackoff;

  constructor(
    private readonly ctx: SyncContext,
    private readonly schedule: ReevaluationSchedule,
    private readonly notices: Notices,
    /** A back-off ended: the outbox, where accounts refused for now wait, is to be walked again. */
    retry: () => void,
    /** The share of the API allowance kept for others: reached, nothing is written (the outbox keeps it). */
    private readonly reserve: Pick<ApiReserve, 'maySpend'> = { maySpend: () => true },
  ) {
    this.drift = new DriftRepair(ctx, notices);
    this.retries = new RetryBackoff(ctx, retry);
  }

  /** Reads every account's Stance fields from the org, so the next run compares with them and repairs. */
  readOrg(): Promise<number> {
    return this.drift.readOrg();
  }

  /**
   * Classifies accounts and writes the ones whose classification changed; answers how many were
   * written. What the org already shows (the ledger's org stances, noted at the initial load) is not
   * written again; `dirtySince` says when each account's change was committed, for the latency figures.
   */
  async run(
    accountIds: readonly string[],
    compiled: CompiledConfig,
    dirtySince: ReadonlyMap<string, number> | null = null,
  ): Promise<number> {
    if (!this.reserve.maySpend()) return 0;
    // Writes sent before a kill or a lost answer: the org says whether they landed (inDoubt.ts).
    await settleInDoubt(this.ctx, accountIds);
    const computedAt = this.ctx.nowIso();
    const planned = await this.plan(accountIds, compiled, computedAt);
    await this.drift.tellAdmins();
    if (planned.length === 0) {
      // Notices queued earlier (a write in doubt that landed, a send that failed) go now.
      await this.notices.sendQueued();
      return 0;
    }
    this.ctx.mirror.ledger.saveInFlight(
      planned.map(({ plan, classification }) => ({
        accountId: plan.accountId,
        hash: classification.hash,
        stance: classification.stance,
        atRisk: classification.atRisk,
        fields: stanceFieldValues(classification) as unknown as Record<string, unknown>,
        change: plan.change,
        computedAt,
        notice: plan.notice,
      })),
    );
    const outcomes = await this.write(planned);
    return this.settle(planned, outcomes, computedAt, dirtySince);
  }

  /**
   * Classifies each account; the ones the org already shows right leave the outbox here. A turn
   * of the event loop every ACCOUNTS_PER_TURN accounts (turns.ts): a recompute of every account
   * (initial load, new rules, POST /recompute) must not hold health checks and change events.
   */
  private async plan(accountIds: readonly string[], compiled: CompiledConfig, computedAt: string): Promise<Planned[]> {
    const { mirror } = this.ctx;
    const now = this.ctx.clock.now();
    const marketSignals = mirror.marketSignals();
    const planned: Planned[] = [];
    for (let start = 0; start < accountIds.length; start += ACCOUNTS_PER_TURN) {
      if (start > 0) await nextTurn();
      // One commit per slice, not several per account; the settled leave the outbox before the
      // turn, in which one of them may be marked dirty again.
      mirror.inTransaction(() => {
        const settled: string[] = [];
        for (const accountId of accountIds.slice(start, start + ACCOUNTS_PER_TURN)) {
          const outcome = this.planOne(accountId, compiled, computedAt, now, marketSignals);
          if (outcome === 'settled') settled.push(accountId);
          else if (outcome) planned.push(outcome);
        }
        mirror.ledger.removeFromOutbox(settled);
        this.retries.done(settled);
      });
    }
    return planned;
  }

  /** One account: planned for a write, settled (nothing to write), or deferred (null). */
  private planOne(
    accountId: string,
    compiled: CompiledConfig,
    computedAt: string,
    now: number,
    marketSignals: readonly MarketSignalRecord[],
  ): Planned | 'settled' | null {
    const { mirror, metrics } = this.ctx;
    // Refused for now: not before its back-off ends, whatever marked it meanwhile.
    if (this.retries.deferred(accountId)) return null;
    const snapshot = mirror.snapshot(accountId, marketSignals);
    if (!snapshot) {
      this.schedule.delete(accountId);
      return 'settled';
    }
    const classification = classify(snapshot, compiled, now);
    metrics.accountsClassified++;
    this.schedule.set(accountId, classification.nextEvaluationMs);
    const last = mirror.ledger.lastWritten(accountId);
    // What the org holds where it may differ from what was written: read, or someone else's change.
    const inOrg = mirror.ledger.orgStance(accountId);
    const agrees = inOrg
      ? agreesWithOrg(classification, inOrg) &&
        (coversEveryField(classification, inOrg) || last?.hash === classification.hash)
      : last?.hash === classification.hash;
    if (agrees) {
      // What the org shows is right (again: a refused write's cause went away, a drift undone).
      if (last?.hash !== classification.hash) this.recordWritten(accountId, classification, computedAt);
      if (inOrg) mirror.ledger.forgetOrgStance([accountId]);
      mirror.ledger.clearFailure(accountId);
      metrics.writesSkippedUnchanged++;
      return 'settled';
    }
    const repair = last?.hash === classification.hash;
    if (repair && !this.drift.mayRepair(accountId, String(snapshot.account.Name ?? accountId))) return 'settled';
    const previous: PreviousState | null =
      last ??
      (typeof inOrg?.Stance__c === 'string' ? { stance: inOrg.Stance__c, atRisk: inOrg.At_Risk__c === true } : null);
    return { plan: planWrite(classification, snapshot.account, previous, computedAt), classification, repair };
  }

  /** The accounts, then the history of the ones that took the change: a refused update leaves no record. */
  private async write(planned: readonly Planned[]): Promise<Map<RecordWrite, WriteOutcome>> {
    const outcomes = new Map<RecordWrite, WriteOutcome>();
    for (const outcome of await this.ctx.org.write(
      planned.map(({ plan }) => plan.account),
      announceStanceUpdate,
    )) {
      if (outcome.write.type === STANCE_UPDATE_EVENT) this.noteAnnouncement(outcome);
      else outcomes.set(outcome.write, outcome);
    }
    const history = planned.flatMap(({ plan }) => (plan.change && outcomes.get(plan.account)?.ok ? [plan.change] : []));
    if (history.length > 0) {
      for (const outcome of await this.ctx.org.write(history)) outcomes.set(outcome.write, outcome);
    }
    return outcomes;
  }

  /** Records each outcome in the ledger; answers how many accounts were written. */
  private async settle(
    planned: readonly Planned[],
    outcomes: ReadonlyMap<RecordWrite, WriteOutcome>,
    computedAt: string,
    dirtySince: ReadonlyMap<string, number> | null,
  ): Promise<number> {
    const { mirror, metrics, log } = this.ctx;
    const notices: QueuedNotice[] = [];
    const done: string[] = [];
    const refusedForNow: Array<{ accountId: string; outcome: WriteOutcome }> = [];
    let written = 0;
    // One commit for the round's answers: the in-flight records go with what they became.
    mirror.inTransaction(() => {
      for (const { plan, classification, repair } of planned) {
        const outcome = outcomes.get(plan.account);
        if (outcome?.ok) {
          written++;
          done.push(plan.accountId);
          this.recordWritten(plan.accountId, classification, computedAt);
          mirror.ledger.forgetOrgStance([plan.accountId]);
          if (repair) this.drift.repaired(plan.accountId);
          mirror.ledger.clearFailure(plan.accountId);
          metrics.writes++;
          const since = dirtySince?.get(plan.accountId);
          if (since !== undefined) metrics.recordLatency(this.ctx.clock.realNow() - since);
          if (plan.change) metrics.stanceChanges++;
          if (plan.notice) notices.push({ computedAt, notice: plan.notice });
          const history = plan.change ? outcomes.get(plan.change) : undefined;
          if (history && !history.ok) {
            metrics.errors++;
            log.warn({ accountId: plan.accountId, error: history.message }, 'the stance history record was refused');
          }
        } else if (outcome?.retryable) {
          metrics.retryableWriteFailures++;
          refusedForNow.push({ accountId: plan.accountId, outcome });
        } else {
          metrics.writeFailures++;
          done.push(plan.accountId);
          const code = outcome?.errorCode ?? 'UNKNOWN_EXCEPTION';
          const message = outcome?.message ?? 'no answer for this record';
          mirror.ledger.recordFailure(plan.accountId, code, message, computedAt);
          log.warn(
            { accountId: plan.accountId, errorCode: code, error: message },
            'the org refused the classification',
          );
        }
      }
      // Answered, taken or refused: none of them is in doubt any more; the owners' notices of the
      // ones taken are queued in the same transaction, then sent (notices.ts).
      mirror.ledger.forgetInFlight(
        planned.map(({ plan }) => plan.accountId),
        notices,
      );
      // Marked again while the write was out (a catch-up read newer values): stays for the next pass.
      mirror.ledger.removeWrittenFromOutbox(done, computedAt);
      this.retries.done(done);
      this.retries.failed(refusedForNow);
    });
    await this.notices.sendQueued();
    return written;
  }

  private recordWritten(accountId: string, classification: Classification, at: string): void {
    this.ctx.mirror.ledger.recordWritten(
      accountId,
      classification.hash,
      classification.stance,
      classification.atRisk,
      at,
    );
  }

  /** Open record pages miss this batch if the event was refused (e.g. not deployed): said once, counted always. */
  private noteAnnouncement(outcome: WriteOutcome): void {
    const { metrics } = this.ctx;
    if (outcome.ok) {
      metrics.updatesAnnounced++;
      return;
    }
    // Refused for now with the whole call (a 5xx, a lock, the daily limit): sent again with the
    // writes it announces, so nothing is wrong with the event itself.
    if (outcome.retryable) return;
    metrics.announcementsRefused++;
    if (metrics.announcementsRefused === 1) {
      this.ctx.log.warn(
        { errorCode: outcome.errorCode, error: outcome.message },
        `the org refused the ${STANCE_UPDATE_EVENT} event: open record pages will not refresh on their own (is it deployed, and may the integration user create it?)`,
      );
    }
  }
}
