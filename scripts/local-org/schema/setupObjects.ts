/** Objects every org has that Stance reads but never writes: the Organization and setup objects. */
import { systemFields } from '../../metadata/standardObjects';
import type { StandardObject } from '../../metadata/standardObjects';

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

/** Setup objects: notification types, profiles, permission sets and who holds them. */
export const SETUP_OBJECTS: readonly StandardObject[] = [
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
    name: 'Profile',
    label: 'Profile',
    labelPlural: 'Profiles',
    keyPrefix: '00e',
    fields: [...systemFields(), { name: 'Name', type: 'string', label: 'Name', readOnly: true }],
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
  {
    name: 'PermissionSetAssignment',
    label: 'Permission Set Assignment',
    labelPlural: 'Permission Set Assignments',
    keyPrefix: '0Pa',
    fields: [
      ...systemFields(),
      {
        name: 'AssigneeId',
        type: 'reference',
        label: 'Assignee ID',
        referenceTo: 'User',
        relationshipName: 'Assignee',
        readOnly: true,
      },
      {
        name: 'PermissionSetId',
        type: 'reference',
        label: 'Permission Set ID',
        referenceTo: 'PermissionSet',
        relationshipName: 'PermissionSet',
        readOnly: true,
      },
    ],
    childRelationships: [],
  },
];

/** Objects the API reads but does not write (records come from metadata and setup). */
export const READ_ONLY_STANDARD = new Set(['Organization', ...SETUP_OBJECTS.map((object) => object.name)]);
