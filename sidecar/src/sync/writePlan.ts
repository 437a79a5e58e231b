/**
 * What to write for one classification: the account's Stance fields, and when the stance or the
 * at-risk flag moved, a Stance_Change__c record (keyed, so writing it twice keeps one) and a
 * notice for the owner. An account never classified before gets its fields but no history and
 * no notice: installing Stance must not page every account owner in the org.
 */
import { stanceFieldValues } from '../domain';
import type { Classification } from '../domain';
import type { RecordWrite } from '../salesforce/writer';
import type { StoredNotice } from '../store/ledger';

export interface PreviousState {
  readonly stance: string;
  readonly atRisk: boolean;
}

/** An owner's notice of a stance move: the shape the ledger keeps until the org took it. */
export type OwnerNotice = StoredNotice;

export interface PlannedWrite {
  readonly accountId: string;
  readonly account: RecordWrite;
  readonly change: RecordWrite | null;
  readonly notice: OwnerNotice | null;
}

export function planWrite(
  classification: Classification,
  owner: { readonly OwnerId?: string | null; readonly Name?: string | null },
  previous: PreviousState | null,
  computedAt: string,
): PlannedWrite {
  const accountId = classification.accountId;
  const stanceChanged = previous !== null && previous.stance !== classification.stance;
  const riskChanged = previous !== null && previous.atRisk !== classification.atRisk;
  const fields: Record<string, unknown> = {
    ...stanceFieldValues(classification),
    Stance_Computed_At__c: computedAt,
    ...(previous === null || stanceChanged ? { Stance_Changed_At__c: computedAt } : {}),
  };
  const change: RecordWrite | null =
    stanceChanged || riskChanged
      ? {
          type: 'Stance_Change__c',
          // Created, never updated: the integration user has Create but no Edit on the history,
          // and a retry of a committed write is the org's DUPLICATE_VALUE, counted as written.
          createKey: 'Change_Key__c',
          fields: {
            Change_Key__c: `${accountId}:${computedAt}`,
            Account__c: accountId,
            From__c: previous!.stance,
            To__c: classification.stance,
            Rule__c: classification.ruleName,
            Reason__c: classification.reason.slice(0, 255),
            Changed_At__c: computedAt,
            At_Risk__c: classification.atRisk,
          },
        }
      : null;
  const becameAtRisk = riskChanged && classification.atRisk;
  const notice: OwnerNotice | null =
    (stanceChanged || becameAtRisk) && owner.OwnerId
      ? {
          ownerId: owner.OwnerId,
          accountId,
          accountName: owner.Name ?? accountId,
          from: previous!.stance,
          to: classification.stance,
          becameAtRisk,
        }
      : null;
  return { accountId, account: { type: 'Account', id: accountId, fields }, change, notice };
}
