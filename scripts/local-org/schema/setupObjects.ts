/** Objects every org has that Stance reads but never writes: the Organization and setup objects. */
import { systemFields } from '../../metadata/standardObjects';
import type { StandardField, StandardObject } from '../../metadata/standardObjects';

export const ORGANIZATION: StandardObject = {
  name: 'Organization',
  label: 'Organization',
  labelPlural: 'Organizations',
  keyPrefix: '00D',
  fields: [
    ...systemFields(),
    { name: 'Name', type: 'string', label: 'Name', readOnly: true },
    { name: 'InstanceName', type: 'string', label: 'Instance Name', readOnly: true },
    { name: 'IsSandbox', type: 'boolean', label: 'Is Sandbox', readOnly: true },
    { name: 'TrialExpirationDate', type: 'datetime', label: 'Trial Expiration Date', readOnly: true },
    { name: 'NamespacePrefix', type: 'string', label: 'Namespace Prefix', readOnly: true },
    { name: 'OrganizationType', type: 'string', label: 'Edition', readOnly: true },
  ],
  childRelationships: [],
};

/** An assignment of something to a user: created and deleted, never updated, as in Salesforce. */
function assignment(to: string, field: string, label: string): StandardField[] {
  return [
    ...systemFields(),
    {
      name: 'AssigneeId',
      type: 'reference',
      label: 'Assignee ID',
      referenceTo: 'User',
      relationshipName: 'Assignee',
      required: true,
      createOnly: true,
    },
    {
      name: field,
      type: 'reference',
      label,
      referenceTo: to,
      relationshipName: to,
      required: true,
      createOnly: true,
    },
  ];
}

function permissionParent(): StandardField {
  return {
    name: 'ParentId',
    type: 'reference',
    label: 'Parent ID',
    referenceTo: 'PermissionSet',
    relationshipName: 'Parent',
    readOnly: true,
  };
}

/**
 * Setup settings: notification types, user licences, profiles (each of one licence), permission
 * sets, custom permissions and the sets that enable them, permission set licences, and who holds
 * the sets and the licences.
 */
export const SETTINGS_OBJECTS: readonly StandardObject[] = [
  {
    name: 'CustomNotificationType',
    label: 'Custom Notification Type',
    labelPlural: 'Custom Notification Types',
    keyPrefix: '0ML',
    fields: [
      ...systemFields(),
      { name: 'DeveloperName', type: 'string', label: 'API Name', readOnly: true },
      { name: 'CustomNotifTypeName', type: 'string', label: 'Custom Notification Name', readOnly: true },
    ],
    childRelationships: [],
  },
  {
    name: 'UserLicense',
    label: 'User License',
    labelPlural: 'User Licenses',
    keyPrefix: '100',
    fields: [
      ...systemFields(),
      { name: 'Name', type: 'string', label: 'Name', readOnly: true },
      { name: 'MasterLabel', type: 'string', label: 'Master Label', readOnly: true },
      { name: 'LicenseDefinitionKey', type: 'string', label: 'License Definition Key', readOnly: true },
      { name: 'Status', type: 'string', label: 'Status', readOnly: true },
    ],
    childRelationships: [],
  },
  {
    name: 'Profile',
    label: 'Profile',
    labelPlural: 'Profiles',
    keyPrefix: '00e',
    fields: [
      ...systemFields(),
      { name: 'Name', type: 'string', label: 'Name', readOnly: true },
      {
        name: 'UserLicenseId',
        type: 'reference',
        label: 'User License ID',
        referenceTo: 'UserLicense',
        relationshipName: 'UserLicense',
        readOnly: true,
      },
    ],
    childRelationships: [],
  },
  {
    name: 'PermissionSet',
    label: 'Permission Set',
    labelPlural: 'Permission Sets',
    keyPrefix: '0PS',
    fields: [
      ...systemFields(),
      { name: 'Name', type: 'string', label: 'Name', readOnly: true },
      { name: 'Label', type: 'string', label: 'Label', readOnly: true },
    ],
    childRelationships: [],
  },
  // What each permission set grants, per object and per field, as Setup shows it (read by org:doctor).
  {
    name: 'ObjectPermissions',
    label: 'Object Permissions',
    labelPlural: 'Object Permissions',
    keyPrefix: '110',
    fields: [
      ...systemFields(),
      permissionParent(),
      { name: 'SobjectType', type: 'string', label: 'Sobject Type Name', readOnly: true },
      ...['Read', 'Create', 'Edit', 'Delete', 'ViewAllRecords', 'ModifyAllRecords'].map((right): StandardField => ({
        name: `Permissions${right}`,
        type: 'boolean',
        label: right,
        readOnly: true,
      })),
    ],
    childRelationships: [],
  },
  {
    name: 'FieldPermissions',
    label: 'Field Permissions',
    labelPlural: 'Field Permissions',
    keyPrefix: '01k',
    fields: [
      ...systemFields(),
      permissionParent(),
      { name: 'SobjectType', type: 'string', label: 'Sobject Type Name', readOnly: true },
      { name: 'Field', type: 'string', label: 'Field Name', readOnly: true },
      { name: 'PermissionsRead', type: 'boolean', label: 'Read Access', readOnly: true },
      { name: 'PermissionsEdit', type: 'boolean', label: 'Edit Access', readOnly: true },
    ],
    childRelationships: [],
  },
  // Custom permissions (from force-app's customPermissions/) and which permission sets enable them.
  {
    name: 'CustomPermission',
    label: 'Custom Permission',
    labelPlural: 'Custom Permissions',
    keyPrefix: '0CP',
    fields: [
      ...systemFields(),
      { name: 'DeveloperName', type: 'string', label: 'Name', readOnly: true },
      { name: 'MasterLabel', type: 'string', label: 'Label', readOnly: true },
      { name: 'NamespacePrefix', type: 'string', label: 'Namespace Prefix', readOnly: true },
      { name: 'Description', type: 'string', label: 'Description', readOnly: true },
    ],
    childRelationships: [],
  },
  {
    name: 'SetupEntityAccess',
    label: 'Setup Entity Access',
    labelPlural: 'Setup Entity Access',
    keyPrefix: '0J0',
    fields: [
      ...systemFields(),
      permissionParent(),
      // Salesforce's SetupEntityId names many kinds (Apex classes, pages, ...): here custom permissions only.
      {
        name: 'SetupEntityId',
        type: 'reference',
        label: 'Setup Entity ID',
        referenceTo: 'CustomPermission',
        readOnly: true,
      },
      { name: 'SetupEntityType', type: 'string', label: 'Setup Entity Type', readOnly: true },
    ],
    childRelationships: [],
  },
  {
    name: 'PermissionSetAssignment',
    label: 'Permission Set Assignment',
    labelPlural: 'Permission Set Assignments',
    keyPrefix: '0Pa',
    fields: assignment('PermissionSet', 'PermissionSetId', 'Permission Set ID'),
    childRelationships: [],
  },
  {
    name: 'PermissionSetLicense',
    label: 'Permission Set License',
    labelPlural: 'Permission Set Licenses',
    keyPrefix: '0PL',
    fields: [
      ...systemFields(),
      { name: 'DeveloperName', type: 'string', label: 'Permission Set License Name', readOnly: true },
      { name: 'MasterLabel', type: 'string', label: 'Permission Set License Label', readOnly: true },
      { name: 'PermissionSetLicenseKey', type: 'string', label: 'Permission Set License Key', readOnly: true },
      { name: 'Status', type: 'string', label: 'Status', readOnly: true },
      { name: 'TotalLicenses', type: 'int', label: 'Total Licenses', readOnly: true },
      { name: 'UsedLicenses', type: 'int', label: 'Used Licenses', readOnly: true },
    ],
    childRelationships: [],
  },
  {
    name: 'PermissionSetLicenseAssign',
    label: 'Permission Set License Assignment',
    labelPlural: 'Permission Set License Assignments',
    keyPrefix: '2LA',
    fields: assignment('PermissionSetLicense', 'PermissionSetLicenseId', 'Permission Set License ID'),
    childRelationships: [],
  },
];

/**
 * Public groups (from force-app's groups/) and their members. Group is readable by every
 * authenticated user through the data API (only the Tooling API's Group needs View Setup and
 * Configuration); membership is data, not metadata, so GroupMember can be created.
 */
export const GROUP_OBJECTS: readonly StandardObject[] = [
  {
    name: 'Group',
    label: 'Group',
    labelPlural: 'Groups',
    keyPrefix: '00G',
    fields: [
      ...systemFields(),
      { name: 'Name', type: 'string', label: 'Name', readOnly: true },
      { name: 'DeveloperName', type: 'string', label: 'Developer Name', readOnly: true },
      { name: 'Type', type: 'string', label: 'Type', readOnly: true },
      { name: 'DoesIncludeBosses', type: 'boolean', label: 'Include Bosses', readOnly: true },
    ],
    childRelationships: [],
  },
  {
    name: 'GroupMember',
    label: 'Group Member',
    labelPlural: 'Group Members',
    keyPrefix: '011',
    fields: [
      ...systemFields(),
      {
        name: 'GroupId',
        type: 'reference',
        label: 'Group ID',
        referenceTo: 'Group',
        relationshipName: 'Group',
        required: true,
      },
      { name: 'UserOrGroupId', type: 'reference', label: 'User/Group ID', referenceTo: 'User', required: true },
    ],
    childRelationships: [],
  },
];

/**
 * The role hierarchy: each role's parent (ParentRoleId); a user's role is User.UserRoleId. Users
 * above a record's owner see and edit what the owner does. Readable by every user, as in Salesforce.
 */
export const USER_ROLE: StandardObject = {
  name: 'UserRole',
  label: 'Role',
  labelPlural: 'Roles',
  keyPrefix: '00E',
  fields: [
    ...systemFields(),
    { name: 'Name', type: 'string', label: 'Name', readOnly: true },
    { name: 'DeveloperName', type: 'string', label: 'Developer Name', readOnly: true },
    {
      name: 'ParentRoleId',
      type: 'reference',
      label: 'Parent Role ID',
      referenceTo: 'UserRole',
      relationshipName: 'ParentRole',
      readOnly: true,
    },
  ],
  childRelationships: [],
};

export const SETUP_OBJECTS: readonly StandardObject[] = [...SETTINGS_OBJECTS, ...GROUP_OBJECTS, USER_ROLE];

/** Data, not metadata: an admin creates and deletes these through the API, as in Salesforce. */
const WRITABLE_SETUP = new Set(['GroupMember', 'PermissionSetAssignment', 'PermissionSetLicenseAssign']);

/** Objects the API reads but does not write (records come from metadata and setup). */
export const READ_ONLY_STANDARD = new Set([
  'Organization',
  ...SETUP_OBJECTS.map((object) => object.name).filter((name) => !WRITABLE_SETUP.has(name)),
]);
