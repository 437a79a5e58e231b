/**
 * The Salesforce fields the engine reads (through AccountSnapshot) and writes (through
 * stanceFieldValues and the stance history), with the kind of value each must hold. The
 * sidecar builds its queries from this list; the metadata check holds force-app to it.
 */

export type FieldKind = 'id' | 'string' | 'boolean' | 'number' | 'date' | 'datetime';

export interface FieldUse {
  readonly object: string;
  readonly field: string;
  readonly kind: FieldKind;
}

const uses = (object: string, fields: Record<string, FieldKind>): FieldUse[] =>
  Object.entries(fields).map(([field, kind]) => ({ object, field, kind }));

/** What classify reads, per object (related records are read by their parent's id). */
export const SNAPSHOT_FIELDS: readonly FieldUse[] = [
  ...uses('Account', {
    Id: 'id',
    Name: 'string',
    Type: 'string',
    Industry: 'string',
    BillingCountry: 'string',
    BillingState: 'string',
    AnnualRevenue: 'number',
    NumberOfEmployees: 'number',
    Rating: 'string',
    OwnerId: 'id',
    LastActivityDate: 'date',
    Strategic_Account__c: 'boolean',
    Stance_Override__c: 'string',
    Stance_Override_Reason__c: 'string',
    Stance_Override_Until__c: 'date',
  }),
  ...uses('Contact', { Id: 'id', AccountId: 'id', Name: 'string', Title: 'string', CreatedDate: 'datetime' }),
  ...uses('Opportunity', {
    Id: 'id',
    AccountId: 'id',
    Amount: 'number',
    CloseDate: 'date',
    IsClosed: 'boolean',
    IsWon: 'boolean',
    Lost_To_Competitor__c: 'string',
    Value_Levers__c: 'string',
  }),
  ...uses('Case', {
    Id: 'id',
    AccountId: 'id',
    IsClosed: 'boolean',
    CreatedDate: 'datetime',
    ClosedDate: 'datetime',
    Status: 'string',
  }),
  ...uses('Stance_Signal__c', {
    Id: 'id',
    Account__c: 'id',
    Trigger__c: 'string',
    Status__c: 'string',
    Source__c: 'string',
    Detail__c: 'string',
    CreatedDate: 'datetime',
    Acknowledged_At__c: 'datetime',
    Dismissed_At__c: 'datetime',
    Dismiss_Reason__c: 'string',
    Competitor__c: 'string',
    Value_Levers__c: 'string',
    Transition_Until__c: 'date',
  }),
  ...uses('Market_Signal__c', {
    Id: 'id',
    Kind__c: 'string',
    Effect__c: 'string',
    Industry__c: 'string',
    Country__c: 'string',
    Active_From__c: 'date',
    Active_Until__c: 'date',
    Description__c: 'string',
  }),
];

/** What the sidecar writes: the classification on the account, and the stance history. */
export const WRITTEN_FIELDS: readonly FieldUse[] = [
  ...uses('Account', {
    Stance__c: 'string',
    Stance_Computed__c: 'string',
    Stance_Conflict__c: 'boolean',
    Stance_Priority__c: 'number',
    At_Risk__c: 'boolean',
    Stance_Reason__c: 'string',
    Stance_Rule__c: 'string',
    Stance_Checklist__c: 'string',
    Stance_Computed_At__c: 'datetime',
    Stance_Changed_At__c: 'datetime',
    Stance_Open_Deals__c: 'number',
    Stance_Open_Pipeline__c: 'number',
    Stance_Recent_Cases__c: 'number',
    Stance_Effort_Off_Strategy__c: 'boolean',
    Stance_Plan_Steps__c: 'number',
    Stance_Plan_Steps_Done__c: 'number',
    Stance_Competitors__c: 'string',
  }),
  ...uses('Stance_Change__c', {
    Account__c: 'id',
    From__c: 'string',
    To__c: 'string',
    Rule__c: 'string',
    Reason__c: 'string',
    Changed_At__c: 'datetime',
    At_Risk__c: 'boolean',
    Change_Key__c: 'string',
  }),
  ...uses('Stance_Signal__c', {
    Account__c: 'id',
    Trigger__c: 'string',
    Status__c: 'string',
    Source__c: 'string',
    Detail__c: 'string',
    Detection_Key__c: 'string',
  }),
];
