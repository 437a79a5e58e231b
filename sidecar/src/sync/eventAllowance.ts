/**
 * The org's event delivery allowance (change and platform events delivered to API subscribers in
 * 24 hours; `DailyDeliveredPlatformEvents` in /limits, which the integration user cannot read
 * without View Setup). Spent, Salesforce answers the stream's /meta/connect with
 * `403::Organization total events daily limit exceeded` and delivers nothing: that answer is the
 * signal. The sidecar then follows the streamed objects by SystemModstamp polling (every
 * STANCE_MARKET_POLL_S, with Market_Signal__c), says so with the readiness reason
 * `event-allowance`, and goes back to the stream at its first event or successful connect, after
 * one catch-up read of each streamed object for what was not delivered meanwhile. Polling spends
 * API calls: while the API reserve is reached, the reserve wins and nothing is polled.
 */
import type { MirroredObject } from '../store/mirror';
import { STREAMED_OBJECTS } from './changeEvents';
import type { SyncContext } from './context';

export const EVENT_ALLOWANCE = 'event-allowance';
const LIMIT_ERROR = /daily limit exceeded/i;

export class DeliveryFallback {
  /** The streamed objects this fallback added to the polled ones (not those polled for another reason). */
  private added: MirroredObject[] = [];
  /** The catch-up after recovery, awaited when the sync stops so nothing reads a closed store. */
  catchingUp: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: SyncContext,
    private readonly polled: Set<MirroredObject>,
    /** Catches an object up by SystemModstamp (and marks what it touched). */
    private readonly reconcile: (object: MirroredObject) => Promise<unknown>,
  ) {}

  get active(): boolean {
    return this.ctx.health.has(EVENT_ALLOWANCE);
  }

  /** A /meta/connect answer: the allowance error starts polling; a success ends it. */
  onConnect(error: string | null): void {
    if (error !== null && LIMIT_ERROR.test(error)) this.start(error);
    else if (error === null) this.recovered();
  }

  /** An event arrived: the stream delivers again. */
  onEvent(): void {
    this.recovered();
  }

  private start(error: string): void {
    if (this.active) return;
    this.added = STREAMED_OBJECTS.filter((object) => !this.polled.has(object));
    for (const object of this.added) this.polled.add(object);
    this.ctx.metrics.eventAllowanceFallbacks++;
    this.ctx.health.fail(
      EVENT_ALLOWANCE,
      "the org's event delivery allowance is spent: following changes by SystemModstamp polling until it returns",
    );
    this.ctx.log.warn(
      { error, polled: [...this.polled] },
      'the org delivers no more change events today (delivery allowance spent): polling by SystemModstamp',
    );
  }

  private recovered(): void {
    if (!this.active) return;
    const objects = this.added;
    this.added = [];
    for (const object of objects) this.polled.delete(object);
    this.ctx.health.clear(EVENT_ALLOWANCE);
    this.ctx.log.info('change events are delivered again: streaming');
    // What was committed but not delivered while the allowance was spent, and after the last poll.
    this.catchingUp = (async () => {
      for (const object of objects) await this.reconcile(object);
    })().catch((error: unknown) => this.ctx.fail('catching up after the event allowance returned failed', error));
  }
}
