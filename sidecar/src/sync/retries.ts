/**
 * Writes the org refused for now (a locked row, a busy org): each account's attempt count and
 * next time are kept in the ledger, so a restart goes on with the back-off instead of starting it
 * from zero, and an account is not written before its time whatever marks it meanwhile. A round
 * of failures logs one warning with the number of accounts, not one per account per attempt.
 */
import { DAILY_LIMIT_EXCEEDED } from '../salesforce/writer';
import type { WriteOutcome } from '../salesforce/writer';
import { backoffMs } from './context';
import type { SyncContext } from './context';

export class RetryBackoff {
  /** Accounts with a timer set to bring them back. */
  private readonly waiting = new Set<string>();

  constructor(
    private readonly ctx: SyncContext,
    /** Accounts whose time came: marked again. */
    private readonly retry: (accountIds: string[]) => void,
  ) {
    ctx.org.onRetry((reason) => ctx.metrics.countRetry(reason));
  }

  /** True when the account's next attempt is not due: it stays in the outbox and comes back at its time. */
  deferred(accountId: string): boolean {
    const retry = this.ctx.mirror.ledger.retry(accountId);
    if (!retry) return false;
    const wait = Date.parse(retry.nextAt) - this.ctx.clock.realNow();
    if (!(wait > 0)) return false;
    this.schedule([accountId], wait);
    return true;
  }

  /** One round's writes refused for now: each account's attempt counted on disk, one warning for all. */
  failed(refused: ReadonlyArray<{ readonly accountId: string; readonly outcome: WriteOutcome }>): void {
    // The allowance spent: they wait in the outbox for the reserve's resume, not for a back-off.
    const round = refused.filter(({ outcome }) => outcome.errorCode !== DAILY_LIMIT_EXCEEDED);
    if (round.length === 0) return;
    const { ledger } = this.ctx.mirror;
    const now = this.ctx.clock.realNow();
    const byWait = new Map<number, string[]>();
    const codes = new Set<string>();
    let fewest = Infinity;
    let most = 0;
    for (const { accountId, outcome } of round) {
      const attempts = (ledger.retry(accountId)?.attempts ?? 0) + 1;
      const wait = backoffMs(attempts - 1);
      ledger.saveRetry({ accountId, attempts, nextAt: new Date(now + wait).toISOString() });
      byWait.set(wait, [...(byWait.get(wait) ?? []), accountId]);
      codes.add(outcome.errorCode ?? 'UNKNOWN_EXCEPTION');
      fewest = Math.min(fewest, attempts);
      most = Math.max(most, attempts);
    }
    this.ctx.log.warn(
      {
        accounts: round.length,
        errorCodes: [...codes],
        attempt: fewest === most ? most : `${fewest}-${most}`,
        retryInMs: Math.min(...byWait.keys()),
      },
      'writes refused for now; will retry',
    );
    for (const [wait, ids] of byWait) this.schedule(ids, wait);
  }

  /** Written, refused for good, or no longer to write: their back-off is over. */
  done(accountIds: readonly string[]): void {
    if (accountIds.length > 0) this.ctx.mirror.ledger.forgetRetry(accountIds);
  }

  private schedule(accountIds: readonly string[], wait: number): void {
    const fresh = accountIds.filter((id) => !this.waiting.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) this.waiting.add(id);
    this.ctx.later(wait, () => {
      for (const id of fresh) this.waiting.delete(id);
      this.retry(fresh);
    });
  }
}
