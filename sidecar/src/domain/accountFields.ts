/**
 * The Account fields a classification is written to. The writer adds Stance_Computed_At__c
 * and Stance_Changed_At__c, which depend on when it writes and what was there before.
 */
import type { Stance } from './catalog';
import type { Classification } from './classify';
import { clip } from './explanation';
import type { Explanation } from './explanation';

export interface StanceFieldValues {
  readonly Stance__c: Stance;
  readonly Stance_Computed__c: Stance;
  readonly Stance_Conflict__c: boolean;
  readonly Stance_Priority__c: number;
  readonly At_Risk__c: boolean;
  readonly Stance_Reason__c: string;
  readonly Stance_Rule__c: string | null;
  readonly Stance_Checklist__c: string;
  readonly Stance_Open_Deals__c: number;
  /** Currency(16,2): to the cent, as the explanation states it. */
  readonly Stance_Open_Pipeline__c: number;
  /** Cases created within the lookback. */
  readonly Stance_Recent_Cases__c: number;
  readonly Stance_Effort_Off_Strategy__c: boolean;
  readonly Stance_Plan_Steps__c: number;
  readonly Stance_Plan_Steps_Done__c: number;
  /** `Cacao Nova; Valdor Ingredients`, most recently seen first; null when none. */
  readonly Stance_Competitors__c: string | null;
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
    ...effortFieldValues(explanation),
  };
}

/** Number(6,0) and Number(3,0) hold at most these. */
const COUNT_MAX = 999_999;
const STEPS_MAX = 999;

function effortFieldValues(explanation: Explanation) {
  const effort = explanation.effort!;
  const competitors = explanation.competitors ?? [];
  return {
    Stance_Open_Deals__c: Math.min(effort.openDeals, COUNT_MAX),
    Stance_Open_Pipeline__c: effort.openPipeline,
    Stance_Recent_Cases__c: Math.min(effort.recentCases, COUNT_MAX),
    Stance_Effort_Off_Strategy__c: effort.offStrategy,
    Stance_Plan_Steps__c: Math.min(explanation.planSteps!.total, STEPS_MAX),
    Stance_Plan_Steps_Done__c: Math.min(explanation.planSteps!.done, STEPS_MAX),
    Stance_Competitors__c:
      competitors.length === 0
        ? null
        : clip(competitors.map((competitor) => competitor.name).join('; '), TEXT_FIELD_MAX),
  };
}
