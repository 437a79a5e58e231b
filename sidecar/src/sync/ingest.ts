/**
 * One change event into the mirror: the accounts it touched, with when the org committed it.
 * Our own echoes are skipped, GAP events read the records again, deletes cascade. An event that
 * needs a call (a GAP's read, an unknown reporter's name) while the API reserve is reached throws
 * SpendingPaused (from the org adapter's gate): its channel is held and its object caught up once
 * the allowance returns.
 */
import type { ChangeEventMessage } from '../salesforce/changeStream';
import { SpendingPaused } from '../salesforce/org';
import type { MirroredObject } from '../store/mirror';
import type { CatchUp } from './catchUp';
import { changedValues, isOwnChange } from './changeEvents';
import type { SyncContext } from './context';
import { noteStanceDrift, overriddenInOwnWrite } from './drift';

export interface Touched {
  readonly accounts: readonly string[];
  /** When the org committed the change (ms since the epoch). */
  readonly committedAt: number;
}

export class EventIngest {
  constructor(
    private readonly ctx: SyncContext,
    private readonly catchUp: CatchUp,
    /** A whole object caught up by SystemModstamp, its accounts marked (GAP_OVERFLOW). */
    private readonly reconcile: (object: MirroredObject) => Promise<unknown>,
  ) {}

  async apply(message: ChangeEventMessage): Promise<Touched> {
    const { mirror, metrics } = this.ctx;
    const raw = message.payload.ChangeEventHeader;
    // Some channels leave out the lists that would be empty; cleared fields may come as nulls instead.
    const header = {
      ...raw,
      recordIds: raw.recordIds ?? [],
      changedFields: raw.changedFields ?? [],
      nulledFields: raw.nulledFields ?? [],
    };
    const object = header.entityName as MirroredObject;
    metrics.countEvent(object);
    metrics.lastEventLagSeconds = Math.max(0, (this.ctx.clock.realNow() - header.commitTimestamp) / 1000);
    const at = new Date(header.commitTimestamp).toISOString();
    const touched = (accounts: string[]) => ({ accounts, committedAt: header.commitTimestamp });
    if (isOwnChange(header, this.ctx.options.clientName)) {
      metrics.ownEventsSkipped++;
      // Unless a before-save flow changed what was written, in the same transaction (drift.ts).
      return touched(
        overriddenInOwnWrite(this.ctx, header.recordIds, changedValues(message.payload), header.nulledFields, at),
      );
    }
    if (header.changeType === 'GAP_OVERFLOW') {
      // Not owed in memory only: refused, the event holds its channel until the catch-up (sync.ts).
      if (!this.ctx.org.maySpend()) throw new SpendingPaused('the catch-up a GAP_OVERFLOW event asks for');
      metrics.gapEvents++;
      await this.reconcile(object);
      return touched([]);
    }
    if (header.changeType.startsWith('GAP_')) {
      metrics.gapEvents++;
      return touched(await this.catchUp.reread(object, header.recordIds));
    }
    if (header.changeType === 'DELETE') {
      const accounts = mirror.remove(object, header.recordIds, at);
      if (object === 'Account') accounts.push(...header.recordIds);
      return touched(accounts);
    }
    const values = changedValues(message.payload);
    if (object === 'Stance_Signal__c' && typeof values.CreatedById === 'string')
      values.CreatedByName = await this.userName(values.CreatedById);
    // Someone else set a Stance field: what the org now holds is compared at the flush (drift.ts).
    if (object === 'Account') noteStanceDrift(this.ctx, header.recordIds, values, header.nulledFields, at);
    const accounts: string[] = [];
    for (const id of header.recordIds) {
      accounts.push(...mirror.accountIdsOf(object, [id]));
      const accountId = mirror.applyChange(object, id, values, header.nulledFields, at);
      if (accountId) accounts.push(accountId);
    }
    return touched(accounts);
  }

  /** A reporter's display name: from the mirror, else one query (the answer is kept). */
  private async userName(userId: string): Promise<string | null> {
    const { ledger } = this.ctx.mirror;
    const known = ledger.userName(userId);
    if (known !== null) return known;
    const names = await this.ctx.org.userNames([userId]);
    ledger.saveUserNames(names);
    return names[0]?.[1] ?? null;
  }
}
