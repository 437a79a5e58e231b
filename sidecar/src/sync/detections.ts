/**
 * Key people who left or changed title, persisted as Detected signals so the org holds them (and
 * a mirror rebuilt from the org classifies as this one does). Answers the accounts that gained one.
 */
import { detectedSignalOf } from '../domain';
import type { PendingDetection, TextPattern } from '../domain';
import type { RecordWrite } from '../salesforce/writer';
import type { CatchUp } from './catchUp';
import type { SyncContext } from './context';

export class Detections {
  constructor(
    private readonly ctx: SyncContext,
    private readonly catchUp: CatchUp,
  ) {}

  async persist(keyTitle: TextPattern): Promise<string[]> {
    const { ledger } = this.ctx.mirror;
    const pending = ledger.pendingDetections();
    if (pending.length === 0) return [];
    const writes: Array<{ write: RecordWrite; detection: PendingDetection }> = [];
    for (const detection of pending) {
      const fields = detectedSignalOf(detection, keyTitle);
      // Not a key person under the rules in force: nothing to tell the org.
      if (!fields) ledger.markDetectionPersisted(detection);
      else writes.push({ detection, write: { type: 'Stance_Signal__c', externalIdField: 'Detection_Key__c', fields } });
    }
    if (writes.length === 0) return [];
    // The API reserve is reached: they stay pending in the ledger, written at a flush after it resumes.
    if (!this.ctx.org.maySpend()) return [];
    const outcomes = await this.ctx.org.write(writes.map((item) => item.write));
    const ids: string[] = [];
    outcomes.forEach((outcome, index) => {
      const { detection } = writes.find((item) => item.write === outcome.write) ?? writes[index]!;
      if (outcome.ok && outcome.id) {
        ids.push(outcome.id);
        ledger.markDetectionPersisted(detection);
      } else if (outcome.retryable) {
        this.ctx.log.warn(
          { accountId: detection.accountId, error: outcome.message },
          'a detected signal failed; will retry',
        );
      } else {
        // Refused for good (its account is gone, say): sending it again would fail on every flush.
        ledger.markDetectionPersisted(detection);
        this.ctx.metrics.errors++;
        this.ctx.log.warn(
          { accountId: detection.accountId, error: outcome.message },
          'the org refused a detected signal',
        );
      }
    });
    if (ids.length === 0) return [];
    // Read them back so the mirror holds exactly what the org does (CreatedDate included).
    const records = await this.catchUp.readSignals(ids);
    return records.map((record) => String(record.Account__c));
  }
}
