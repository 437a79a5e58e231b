/**
 * The Account fields a classification is written to. The writer adds Stance_Computed_At__c
 * and Stance_Changed_At__c, which depend on when it writes and what was there before.
 */
import type { Stance } from './catalog';
import type { Classification } from './classify';
import { clip } from './explanation';

export interface StanceFieldValues {
  readonly Stance__c: Stance;
  readonly Stance_Computed__c: Stance;
  readonly Stance_Conflict__c: boolean;
  readonly Stance_Priority__c: number;
  readonly At_Risk__c: boolean;
  readonly Stance_Reason__c: string;
  readonly Stance_Rule__c: string | null;
  readonly Stance_Checklist__c: string;
}

/** Text(255) fields hold at most this many characters. */
const TEXT_FIELD_MAX = 255;

export function stanceFieldValues(classification: Classification): StanceFieldValues {
  const explanation = classification.explanation;
  return {
    Stance__c: explanation.stance,
    Stance_Computed__c: explanation.computedStance,
    Stance_Conflict__c: explanation.conflict,
    Stance_Priority__c: explanation.priority,
    At_Risk__c: explanation.atRisk,
    Stance_Reason__c: clip(explanation.reason, TEXT_FIELD_MAX)!,
    Stance_Rule__c: explanation.rule?.name ?? null,
    Stance_Checklist__c: classification.json,
  };
}
