/**
 * The named facts a rule may read. Account-phase facts come straight from the snapshot;
 * trigger-phase facts (threat counts, per-trigger presence) exist only after triggers
 * are detected, so trigger conditions may not read them.
 */
import { STANCES, TRIGGER_CODES } from './catalog';
import type { TriggerCode } from './catalog';

export type FactType = 'boolean' | 'number' | 'string' | 'date';
export type FactPhase = 'account' | 'trigger';
/** Dates are whole days since 1970-01-01 UTC. */
export type FactValue = boolean | number | string | null;

export interface FactDefinition {
  readonly name: string;
  readonly type: FactType;
  readonly phase: FactPhase;
  readonly description: string;
  /** For string facts with a closed set of values. */
  readonly values?: readonly string[];
}

const ACCOUNT_FACTS = [
  { name: 'Type', type: 'string', description: 'Account.Type' },
  { name: 'Industry', type: 'string', description: 'Account.Industry' },
  { name: 'BillingCountry', type: 'string', description: 'Account.BillingCountry' },
  { name: 'BillingState', type: 'string', description: 'Account.BillingState' },
  { name: 'AnnualRevenue', type: 'number', description: 'Account.AnnualRevenue' },
  { name: 'NumberOfEmployees', type: 'number', description: 'Account.NumberOfEmployees' },
  { name: 'Rating', type: 'string', description: 'Account.Rating' },
  { name: 'Last_Activity_Date', type: 'date', description: 'Account.LastActivityDate' },
  {
    name: 'Recent_Activity',
    type: 'boolean',
    description: 'Account.LastActivityDate (a task or an event) falls within the lookback',
  },
  { name: 'Strategic_Account', type: 'boolean', description: 'named in the strategic plan (Strategic_Account__c)' },
  { name: 'Override_Stance', type: 'string', description: 'the manual override in force, if any', values: STANCES },
  { name: 'Is_Customer', type: 'boolean', description: 'Type is a customer type, or business was won in the lookback' },
  { name: 'In_Target_Industry', type: 'boolean', description: "Industry is one of the strategy's target industries" },
  {
    name: 'In_Target_Region',
    type: 'boolean',
    description: "BillingCountry is one of the strategy's target countries",
  },
  {
    name: 'In_Strategy',
    type: 'boolean',
    description: 'strategic account, or in a target industry and a target region',
  },
  {
    name: 'Large_Account',
    type: 'boolean',
    description: "AnnualRevenue at or above the strategy's large-account threshold",
  },
  { name: 'Open_Pipeline', type: 'number', description: 'sum of Amount over open opportunities' },
  { name: 'Open_Opportunity_Count', type: 'number', description: 'open opportunities' },
  { name: 'Won_Amount', type: 'number', description: 'Amount won in the lookback' },
  { name: 'Won_Count', type: 'number', description: 'opportunities won in the lookback' },
  { name: 'Last_Won_Date', type: 'date', description: 'close date of the latest won opportunity' },
  { name: 'Lost_To_Competitor_Count', type: 'number', description: 'deals lost to a competitor in the lookback' },
  {
    name: 'Competitor_Count',
    type: 'number',
    description:
      'active competitors: distinct Competitor__c on signals in the lookback (not dismissed) and Lost_To_Competitor__c on deals lost in the lookback',
  },
  {
    name: 'Competitor_Signal_Count',
    type: 'number',
    description: 'signals in the lookback (not dismissed) that name a competitor',
  },
  { name: 'Open_Case_Count', type: 'number', description: 'cases not closed (Case.IsClosed = false)' },
  { name: 'Recent_Case_Count', type: 'number', description: 'cases created in the lookback, open or closed' },
  { name: 'Last_Case_Date', type: 'date', description: 'created date of the latest case' },
  { name: 'Contact_Count', type: 'number', description: 'contacts on the account' },
  { name: 'Key_Contact_Count', type: 'number', description: 'contacts whose title matches the key-title pattern' },
  { name: 'Key_Contacts_Added', type: 'number', description: 'key people who joined in the lookback' },
  { name: 'Key_Contacts_Left', type: 'number', description: 'key people who left in the lookback' },
  { name: 'Key_Contacts_Retitled', type: 'number', description: 'key people whose title changed in the lookback' },
  { name: 'Open_Signal_Count', type: 'number', description: 'signals reported and still open in the lookback' },
  {
    name: 'Reporting_Departments',
    type: 'number',
    description: 'departments other than sales that reported in the lookback',
  },
  {
    name: 'Monitored_Department_Count',
    type: 'number',
    description: 'departments the strategy monitors (Monitored_Departments__c)',
  },
  {
    name: 'Silent_Department_Count',
    type: 'number',
    description: 'monitored departments with no signal on the account in the lookback (any status but Dismissed)',
  },
  {
    name: 'Market_Threats',
    type: 'number',
    description: "market threats in force on the account's industry or country",
  },
  { name: 'Market_Competitive_Threats', type: 'number', description: 'competitive market threats in force' },
  { name: 'Market_Environment_Threats', type: 'number', description: 'environmental market threats in force' },
  { name: 'Market_Macro_Threats', type: 'number', description: 'macro market threats in force' },
  { name: 'Market_Opportunities', type: 'number', description: 'market opportunities in force' },
] as const satisfies readonly Omit<FactDefinition, 'phase'>[];

const TRIGGER_SUMMARY_FACTS = [
  { name: 'Opening_Count', type: 'number', description: 'Attack openings present' },
  { name: 'Opening_Weight', type: 'number', description: 'summed weight of the openings present' },
  { name: 'Threat_Count', type: 'number', description: 'Defend threats present' },
  { name: 'Threat_Weight', type: 'number', description: 'summed weight of the threats present' },
  { name: 'Confirmed_Threat_Count', type: 'number', description: 'threats confirmed by the account team' },
  { name: 'Misalignment_Count', type: 'number', description: 'Fire misalignments present' },
  { name: 'Misalignment_Weight', type: 'number', description: 'summed weight of the misalignments present' },
] as const satisfies readonly Omit<FactDefinition, 'phase'>[];

/** COMPETITOR_APPROACH -> Competitor_Approach: the fact that says the trigger is present. */
export function triggerFactName(code: TriggerCode): string {
  return code
    .toLowerCase()
    .split('_')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('_');
}

export const FACT_DEFINITIONS: readonly FactDefinition[] = [
  ...ACCOUNT_FACTS.map((fact) => ({ ...fact, phase: 'account' as const })),
  ...TRIGGER_SUMMARY_FACTS.map((fact) => ({ ...fact, phase: 'trigger' as const })),
  ...TRIGGER_CODES.map((code) => ({
    name: triggerFactName(code),
    type: 'boolean' as const,
    phase: 'trigger' as const,
    description: `${code} is present (detected, reported or confirmed) under any stance`,
  })),
];

type AccountFactName = (typeof ACCOUNT_FACTS)[number]['name'];
type SummaryFactName = (typeof TRIGGER_SUMMARY_FACTS)[number]['name'];

const INDEX = new Map<string, number>(FACT_DEFINITIONS.map((fact, index) => [fact.name, index]));

/** Slot of each fact in a fact vector, for the fast paths that fill and read them. */
export const F = Object.fromEntries(
  [...ACCOUNT_FACTS, ...TRIGGER_SUMMARY_FACTS].map((fact) => [fact.name, INDEX.get(fact.name)!]),
) as Record<AccountFactName | SummaryFactName, number>;

export const TRIGGER_FACT_SLOT: Readonly<Record<TriggerCode, number>> = Object.fromEntries(
  TRIGGER_CODES.map((code) => [code, INDEX.get(triggerFactName(code))!]),
) as Record<TriggerCode, number>;

export const FACT_COUNT = FACT_DEFINITIONS.length;

export function factIndex(name: string): number | undefined {
  return INDEX.get(name);
}

export function factDefinition(name: string): FactDefinition | undefined {
  const index = INDEX.get(name);
  return index === undefined ? undefined : FACT_DEFINITIONS[index];
}
