/**
 * The standard objects Stance uses, described as Salesforce describes them: the fields, their
 * types, which are required, which carry field-level security (and so belong in permission
 * sets), and the relationships. Custom fields on these objects come from force-app.
 */

export type StandardFieldType =
  | 'id'
  | 'string'
  | 'picklist'
  | 'reference'
  | 'currency'
  | 'double'
  | 'int'
  | 'percent'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'multipicklist'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url';

export interface StandardField {
  readonly name: string;
  readonly type: StandardFieldType;
  readonly label: string;
  /** Required on create (and so absent from permission sets). */
  readonly required?: boolean;
  /** Field-level security applies: a permission set may grant it, named as `fls` when a compound field carries it. */
  readonly fls?: true | string;
  readonly referenceTo?: string;
  readonly relationshipName?: string;
  readonly length?: number;
  readonly picklistValues?: readonly string[];
  /** Not writable through the API (formula-like or system-maintained). */
  readonly readOnly?: boolean;
  /** Set when the record is created, never updated (PermissionSetAssignment.AssigneeId). */
  readonly createOnly?: boolean;
}

export interface StandardChildRelationship {
  readonly relationshipName: string;
  readonly childObject: string;
  readonly field: string;
}

export interface StandardObject {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly fields: readonly StandardField[];
  readonly childRelationships: readonly StandardChildRelationship[];
}

/** Id, audit fields and IsDeleted: on every object, standard or custom. */
export function systemFields(): StandardField[] {
  return [
    { name: 'Id', type: 'id', label: 'Record ID', readOnly: true },
    { name: 'IsDeleted', type: 'boolean', label: 'Deleted', readOnly: true },
    { name: 'CreatedDate', type: 'datetime', label: 'Created Date', readOnly: true },
    {
      name: 'CreatedById',
      type: 'reference',
      label: 'Created By ID',
      referenceTo: 'User',
      relationshipName: 'CreatedBy',
      readOnly: true,
    },
    { name: 'LastModifiedDate', type: 'datetime', label: 'Last Modified Date', readOnly: true },
    {
      name: 'LastModifiedById',
      type: 'reference',
      label: 'Last Modified By ID',
      referenceTo: 'User',
      relationshipName: 'LastModifiedBy',
      readOnly: true,
    },
    { name: 'SystemModstamp', type: 'datetime', label: 'System Modstamp', readOnly: true },
  ];
}

const owner: StandardField = {
  name: 'OwnerId',
  type: 'reference',
  label: 'Owner ID',
  referenceTo: 'User',
  relationshipName: 'Owner',
  required: true,
};

/** Some of Salesforce's LanguageLocaleKey, LocaleSidKey and TimeZoneSidKey values: the ones a European firm's people use. */
const USER_LANGUAGES = ['en_US', 'en_GB', 'de', 'fr', 'it', 'es', 'nl_NL'];
const USER_LOCALES = ['en_US', 'en_GB', 'de_DE', 'de_AT', 'de_CH', 'fr_FR', 'it_IT', 'es_ES', 'nl_NL'];
const USER_TIME_ZONES = [
  'GMT',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Rome',
  'Europe/Madrid',
  'Europe/Amsterdam',
  'America/New_York',
  'America/Los_Angeles',
];

const ACCOUNT_TYPES = [
  'Prospect',
  'Customer - Direct',
  'Customer - Channel',
  'Channel Partner / Reseller',
  'Installation Partner',
  'Technology Partner',
  'Other',
];

export const STANDARD_OBJECTS: Readonly<Record<string, StandardObject>> = {
  Account: {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    fields: [
      ...systemFields(),
      { name: 'Name', type: 'string', label: 'Account Name', required: true, length: 255 },
      { name: 'Type', type: 'picklist', label: 'Account Type', fls: true, picklistValues: ACCOUNT_TYPES },
      { name: 'Industry', type: 'picklist', label: 'Industry', fls: true },
      { name: 'BillingStreet', type: 'textarea', label: 'Billing Street', fls: 'BillingAddress' },
      { name: 'BillingCity', type: 'string', label: 'Billing City', fls: 'BillingAddress', length: 40 },
      { name: 'BillingState', type: 'string', label: 'Billing State/Province', fls: 'BillingAddress', length: 80 },
      {
        name: 'BillingPostalCode',
        type: 'string',
        label: 'Billing Zip/Postal Code',
        fls: 'BillingAddress',
        length: 20,
      },
      { name: 'BillingCountry', type: 'string', label: 'Billing Country', fls: 'BillingAddress', length: 80 },
      { name: 'AnnualRevenue', type: 'currency', label: 'Annual Revenue', fls: true },
      { name: 'NumberOfEmployees', type: 'int', label: 'Employees', fls: true },
      { name: 'Rating', type: 'picklist', label: 'Account Rating', fls: true, picklistValues: ['Hot', 'Warm', 'Cold'] },
      { name: 'Website', type: 'url', label: 'Website', fls: true },
      { name: 'LastActivityDate', type: 'date', label: 'Last Activity', readOnly: true },
      owner,
    ],
    childRelationships: [
      { relationshipName: 'Contacts', childObject: 'Contact', field: 'AccountId' },
      { relationshipName: 'Opportunities', childObject: 'Opportunity', field: 'AccountId' },
      { relationshipName: 'Cases', childObject: 'Case', field: 'AccountId' },
    ],
  },
  Contact: {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    fields: [
      ...systemFields(),
      { name: 'FirstName', type: 'string', label: 'First Name', length: 40 },
      { name: 'LastName', type: 'string', label: 'Last Name', required: true, length: 80 },
      { name: 'Name', type: 'string', label: 'Full Name', readOnly: true, length: 121 },
      { name: 'Title', type: 'string', label: 'Title', fls: true, length: 128 },
      { name: 'Email', type: 'email', label: 'Email', fls: true },
      { name: 'Department', type: 'string', label: 'Department', fls: true, length: 80 },
      {
        name: 'AccountId',
        type: 'reference',
        label: 'Account ID',
        referenceTo: 'Account',
        relationshipName: 'Account',
        fls: true,
      },
      owner,
    ],
    childRelationships: [],
  },
  Opportunity: {
    name: 'Opportunity',
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: '006',
    fields: [
      ...systemFields(),
      { name: 'Name', type: 'string', label: 'Name', required: true, length: 120 },
      {
        name: 'AccountId',
        type: 'reference',
        label: 'Account ID',
        referenceTo: 'Account',
        relationshipName: 'Account',
        fls: true,
      },
      {
        name: 'StageName',
        type: 'picklist',
        label: 'Stage',
        required: true,
        picklistValues: [
          'Prospecting',
          'Qualification',
          'Needs Analysis',
          'Proposal/Price Quote',
          'Negotiation/Review',
          'Closed Won',
          'Closed Lost',
        ],
      },
      { name: 'Amount', type: 'currency', label: 'Amount', fls: true },
      { name: 'CloseDate', type: 'date', label: 'Close Date', required: true },
      { name: 'IsClosed', type: 'boolean', label: 'Closed', readOnly: true },
      { name: 'IsWon', type: 'boolean', label: 'Won', readOnly: true },
      owner,
    ],
    childRelationships: [],
  },
  Case: {
    name: 'Case',
    label: 'Case',
    labelPlural: 'Cases',
    keyPrefix: '500',
    fields: [
      ...systemFields(),
      { name: 'CaseNumber', type: 'string', label: 'Case Number', readOnly: true },
      { name: 'Subject', type: 'string', label: 'Subject', fls: true, length: 255 },
      {
        name: 'Status',
        type: 'picklist',
        label: 'Status',
        required: true,
        picklistValues: ['New', 'Working', 'Escalated', 'Closed'],
      },
      // Salesforce keeps both from the status: IsClosed while it is a closed one, ClosedDate when it became so.
      { name: 'IsClosed', type: 'boolean', label: 'Closed', readOnly: true },
      { name: 'ClosedDate', type: 'datetime', label: 'Closed Date', readOnly: true },
      {
        name: 'AccountId',
        type: 'reference',
        label: 'Account ID',
        referenceTo: 'Account',
        relationshipName: 'Account',
        fls: true,
      },
      owner,
    ],
    childRelationships: [],
  },
  User: {
    name: 'User',
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: '005',
    fields: [
      ...systemFields(),
      { name: 'Username', type: 'string', label: 'Username', required: true },
      { name: 'Name', type: 'string', label: 'Full Name', readOnly: true },
      { name: 'FirstName', type: 'string', label: 'First Name' },
      { name: 'LastName', type: 'string', label: 'Last Name', required: true },
      { name: 'Alias', type: 'string', label: 'Alias', required: true, length: 8 },
      { name: 'Email', type: 'email', label: 'Email', required: true },
      { name: 'Department', type: 'string', label: 'Department', length: 80 },
      { name: 'Title', type: 'string', label: 'Title', length: 80 },
      { name: 'IsActive', type: 'boolean', label: 'Active' },
      // The person's language, locale, time zone and currency: what Lightning shows them their pages in.
      { name: 'LanguageLocaleKey', type: 'picklist', label: 'Language', picklistValues: USER_LANGUAGES },
      { name: 'LocaleSidKey', type: 'picklist', label: 'Locale', picklistValues: USER_LOCALES },
      { name: 'TimeZoneSidKey', type: 'picklist', label: 'Time Zone', picklistValues: USER_TIME_ZONES },
      {
        name: 'DefaultCurrencyIsoCode',
        type: 'picklist',
        label: 'Default Currency ISO Code',
        picklistValues: ['USD', 'EUR', 'GBP', 'CHF'],
      },
      {
        name: 'ProfileId',
        type: 'reference',
        label: 'Profile ID',
        referenceTo: 'Profile',
        relationshipName: 'Profile',
      },
      {
        name: 'UserRoleId',
        type: 'reference',
        label: 'Role ID',
        referenceTo: 'UserRole',
        relationshipName: 'UserRole',
      },
    ],
    childRelationships: [],
  },
};
