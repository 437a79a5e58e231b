/**
 * The vocabulary of the framework: stances, trigger kinds and the trigger catalog.
 * Everything here is data; the picklists in force-app must list the same values
 * (the metadata check compares them).
 */

export const STANCES = ['Attack', 'Defend', 'Fire', 'None'] as const;
export type Stance = (typeof STANCES)[number];

export const TRIGGER_KINDS = ['opening', 'threat', 'misalignment', 'plan_step'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** The kind of trigger that counts toward a stance's priority and risk. */
export const KIND_OF_STANCE: Readonly<Record<Exclude<Stance, 'None'>, TriggerKind>> = {
  Attack: 'opening',
  Defend: 'threat',
  Fire: 'misalignment',
};

export const TRIGGER_CODES = [
  'INCUMBENT_DISSATISFACTION',
  'CUSTOMER_PROBLEM',
  'PROCESS_CHANGE',
  'STRATEGY_CHANGE',
  'KEY_PERSON_CHANGE',
  'VALUE_PROPOSITION',
  'INCUMBENT_DEFENSE',
  'COMPETITOR_APPROACH',
  'PRODUCT_DISSATISFACTION',
  'SERVICE_DISSATISFACTION',
  'MONITORING_COVERAGE',
  'STRATEGIC_MISALIGNMENT',
  'RELATIONSHIP_NOT_BENEFICIAL',
  'COMPETITIVE_SHIFT',
  'ENVIRONMENT_SHIFT',
  'MACRO_SHIFT',
  'EXIT_DECISION',
  'EXIT_CUSTOMER_TOLD',
  'EXIT_HANDOVER',
  'EXIT_EFFORT_MOVED',
] as const;
export type TriggerCode = (typeof TRIGGER_CODES)[number];

export interface CatalogEntry {
  readonly code: TriggerCode;
  /** Short label a rep reads on the checklist. */
  readonly label: string;
  /** What it means, in the framework's terms. */
  readonly meaning: string;
  /** The kind it has under each stance it belongs to. */
  readonly kinds: Readonly<Partial<Record<Exclude<Stance, 'None'>, TriggerKind>>>;
}

export const TRIGGER_CATALOG: readonly CatalogEntry[] = [
  {
    code: 'INCUMBENT_DISSATISFACTION',
    label: 'Unhappy with current supplier',
    meaning: 'The prospect is dissatisfied with its current supplier.',
    kinds: { Attack: 'opening' },
  },
  {
    code: 'CUSTOMER_PROBLEM',
    label: 'Customer problem found',
    meaning: 'A problem of the prospect found by detailed analysis.',
    kinds: { Attack: 'opening' },
  },
  {
    code: 'PROCESS_CHANGE',
    label: 'Process change',
    meaning: 'The customer changes its processes.',
    kinds: { Attack: 'opening', Defend: 'threat', Fire: 'misalignment' },
  },
  {
    code: 'STRATEGY_CHANGE',
    label: 'Strategy change',
    meaning: 'The customer changes its strategy.',
    kinds: { Attack: 'opening', Defend: 'threat', Fire: 'misalignment' },
  },
  {
    code: 'KEY_PERSON_CHANGE',
    label: 'Key person change',
    meaning: 'People in key positions change.',
    kinds: { Attack: 'opening', Defend: 'threat' },
  },
  {
    code: 'VALUE_PROPOSITION',
    label: 'Value proposition defined',
    meaning: 'A superior offer is defined: technical solution, price, service, or a mix.',
    kinds: { Attack: 'plan_step' },
  },
  {
    code: 'INCUMBENT_DEFENSE',
    label: "Incumbent's defence assessed",
    meaning: "The current supplier's likely defensive moves are assessed.",
    kinds: { Attack: 'plan_step' },
  },
  {
    code: 'COMPETITOR_APPROACH',
    label: 'Competitor approach',
    meaning: 'A competitor is trying to make the customer switch.',
    kinds: { Defend: 'threat' },
  },
  {
    code: 'PRODUCT_DISSATISFACTION',
    label: 'Product dissatisfaction',
    meaning: 'Dissatisfaction with our product.',
    kinds: { Defend: 'threat' },
  },
  {
    code: 'SERVICE_DISSATISFACTION',
    label: 'Service dissatisfaction',
    meaning: 'Dissatisfaction with our service.',
    kinds: { Defend: 'threat' },
  },
  {
    code: 'MONITORING_COVERAGE',
    label: 'Monitoring coverage',
    meaning: 'Support, logistics and technical contacts are watching and reporting.',
    kinds: { Defend: 'plan_step' },
  },
  {
    code: 'STRATEGIC_MISALIGNMENT',
    label: 'Outside the strategy',
    meaning: 'Outside the markets, regions or segments the strategy serves.',
    kinds: { Fire: 'misalignment' },
  },
  {
    code: 'RELATIONSHIP_NOT_BENEFICIAL',
    label: 'Relationship not beneficial',
    meaning: 'The relationship no longer benefits both sides.',
    kinds: { Fire: 'misalignment' },
  },
  {
    code: 'COMPETITIVE_SHIFT',
    label: 'Competitive shift',
    meaning: 'Competitive conditions changed.',
    kinds: { Fire: 'misalignment' },
  },
  {
    code: 'ENVIRONMENT_SHIFT',
    label: 'Environment shift',
    meaning: 'Environmental conditions changed.',
    kinds: { Fire: 'misalignment' },
  },
  {
    code: 'MACRO_SHIFT',
    label: 'Macro shift',
    meaning: 'Macro-environment parameters shifted.',
    kinds: { Fire: 'misalignment' },
  },
  {
    code: 'EXIT_DECISION',
    label: 'Exit decision agreed',
    meaning: 'The decision to end the relationship is agreed with the manager.',
    kinds: { Fire: 'plan_step' },
  },
  {
    code: 'EXIT_CUSTOMER_TOLD',
    label: 'Customer told',
    meaning: 'The customer is told, with a transition period to find another supplier.',
    kinds: { Fire: 'plan_step' },
  },
  {
    code: 'EXIT_HANDOVER',
    label: 'Hand-over arranged',
    meaning: 'Someone else will serve the customer: a partner, a distributor or a successor.',
    kinds: { Fire: 'plan_step' },
  },
  {
    code: 'EXIT_EFFORT_MOVED',
    label: 'Effort moved to targets',
    meaning: 'The effort the account took goes to target accounts instead.',
    kinds: { Fire: 'plan_step' },
  },
];

const CATALOG_BY_CODE = new Map<string, CatalogEntry>(TRIGGER_CATALOG.map((entry) => [entry.code, entry]));

export function catalogEntry(code: string): CatalogEntry | undefined {
  return CATALOG_BY_CODE.get(code);
}

/** Stance_Signal__c.Status__c values. */
export const SIGNAL_STATUSES = ['New', 'Acknowledged', 'Confirmed', 'Dismissed', 'Resolved', 'Done'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/** Stance_Signal__c.Source__c values: the reporter's department, or Detected for the sidecar. */
export const SIGNAL_SOURCES = [
  'Sales',
  'Customer Support',
  'Logistics',
  'Technical',
  'Finance',
  'Management',
  'Detected',
  'Other',
] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

/** Market_Signal__c picklists. */
export const MARKET_SIGNAL_KINDS = ['Competitive', 'Environment', 'Macro'] as const;
export type MarketSignalKind = (typeof MARKET_SIGNAL_KINDS)[number];
export const MARKET_SIGNAL_EFFECTS = ['Threat', 'Opportunity'] as const;
export type MarketSignalEffect = (typeof MARKET_SIGNAL_EFFECTS)[number];

/** States a checklist item can be in. */
export const CHECKLIST_STATES = ['confirmed', 'reported', 'detected', 'dismissed', 'done', 'open'] as const;
export type ChecklistState = (typeof CHECKLIST_STATES)[number];

/** The platform event the sidecar publishes after its writes (account ids only); record pages listen to it. */
export const STANCE_UPDATE_EVENT = 'Stance_Update__e';
