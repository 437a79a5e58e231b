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
  /** When the one timer that brings refused accounts back is set for (real time), or Infinity. */
  private armedFor = Infinity;
  /** Which arming is the live one: an earlier one supersedes a later one. */
  private arming = 0;

  constructor(
    private readonly ctx: SyncContext,
    /**
     * The earliest back-off ended: the outbox (where refused accounts wait) is walked again, and
     * the accounts still in back-off arm the timer for theirs. One timer, not one per account (nor
     * a set of them in memory): a lock storm over the whole org would otherwise hold every account.
     */
    private readonly retry: () => void,
  ) {
    ctx.org.onRetry((reason) => ctx.metrics.countRetry(reason));
  }

  /** True when the account's next attempt is not due: it stays in the outbox and comes back at its time. */
  deferred(accountId: string): boolean {
    const retry = this.ctx.mirror.ledger.retry(accountId);
    if (!retry) return false;
    const at = Date.parse(retry.nextAt);
    if (!(at - this.ctx.clock.realNow() > 0)) return false;
    this.armFor(at);
    return true;
  }

  /** One round's writes refused for now: each account's attempt counted on disk, one warning for all. */
  failed(refused: ReadonlyArray<{ readonly accountId: string; readonly outcome: WriteOutcome }>): void {
    // The allowance spent: they wait in the outbox for the reserve's resume, not for a back-off.
    const round = refused.filter(({ outcome }) => outcome.errorCode !== DAILY_LIMIT_EXCEEDED);
    if (round.length === 0) return;
    const { ledger } = this.ctx.mirror;
    const now = this.ctx.clock.realNow();
    const codes = new Set<string>();
    let fewest = Infinity;
    let most = 0;
    let soonest = Infinity;
    for (const { accountId, outcome } of round) {
      const attempts = (ledger.retry(accountId)?.attempts ?? 0) + 1;
      const wait = backoffMs(attempts - 1);
      ledger.saveRetry({ accountId, attempts, nextAt: new Date(now + wait).toISOString() });
      codes.add(outcome.errorCode ?? 'UNKNOWN_EXCEPTION');
      fewest = Math.min(fewest, attempts);
      most = Math.max(most, attempts);
      soonest = Math.min(soonest, wait);
    }
    this.ctx.log.warn(
      {
        accounts: round.length,
        errorCodes: [...codes],
        attempt: fewest === most ? most : `${fewest}-${most}`,
        retryInMs: soonest,
      },
      'writes refused for now; will retry',
    );
    this.armFor(now + soonest);
  }

  /** Written, refused for good, or no longer to write: their back-off is over. */
  done(accountIds: readonly string[]): void {
    if (accountIds.length > 0) this.ctx.mirror.ledger.forgetRetry(accountIds);
  }

  /** The timer set for `at` unless one is set for earlier already. */
  private armFor(at: number): void {
    if (at >= this.armedFor) return;
    this.armedFor = at;
    const arming = ++this.arming;
    this.ctx.later(Math.max(0, at - this.ctx.clock.realNow()), () => {
      if (arming !== this.arming) return;
      this.armedFor = Infinity;
      this.retry();
    });
  }
}
