/**
 * Builds the org's schema: the standard objects Stance uses plus everything force-app defines
 * (custom objects, custom fields on standard objects, custom metadata types, platform events),
 * with key prefixes, child relationships and system fields as Salesforce gives them. A package a
 * deploy would refuse (scripts/metadata/deployChecks.ts) is refused here: the org does not start.
 */
import { assertDeployable } from '../../metadata/deployChecks';
import type { ObjectMeta, ProjectMetadata } from '../../metadata/reader';
import { STANDARD_OBJECTS, systemFields } from '../../metadata/standardObjects';
import { field, fromCustom, fromStandard } from './fields';
import { OrgSchema } from './orgSchema';
import type { ChildRelationship, OrgField, OrgObject } from './orgSchema';
import { ORGANIZATION, READ_ONLY_STANDARD, SETUP_OBJECTS } from './setupObjects';

export function buildOrgSchema(metadata: ProjectMetadata): OrgSchema {
  assertDeployable(metadata);
  const objects: OrgObject[] = [];
  const customNames = [...metadata.objects.values()]
    .filter((object) => object.file && object.isCustom)
    .map((object) => object.apiName)
    .sort();

  for (const standard of [...Object.values(STANDARD_OBJECTS), ORGANIZATION, ...SETUP_OBJECTS]) {
    const fields = new Map(standard.fields.map((candidate) => [candidate.name, fromStandard(candidate)]));
    for (const custom of metadata.objects.get(standard.name)?.fields.values() ?? [])
      fields.set(custom.apiName, fromCustom(custom));
    objects.push({
      name: standard.name,
      label: standard.label,
      labelPlural: standard.labelPlural,
      keyPrefix: standard.keyPrefix,
      custom: false,
      customMetadata: false,
      readOnly: READ_ONLY_STANDARD.has(standard.name),
      fields,
      childRelationships: standard.childRelationships.map((child) => ({
        ...child,
        childSObject: child.childObject,
        cascadeDelete: false,
      })),
      nameField: fields.has('Name') ? 'Name' : null,
      autoNumberFormat: null,
      platformEvent: null,
    });
  }

  // Platform events take the key prefixes e00, e01, ... in name order, as Salesforce's do.
  const eventNames = customNames.filter((name) => name.endsWith('__e'));
  customNames.forEach((name, index) => {
    const meta = metadata.objects.get(name)!;
    if (name.endsWith('__e')) {
      objects.push(platformEventObject(meta, `e0${eventNames.indexOf(name).toString(36).toUpperCase()}`));
      return;
    }
    const xml = meta.xml ?? {};
    const nameField = (xml.nameField ?? {}) as Record<string, unknown>;
    const customMetadata = name.endsWith('__mdt');
    const detail = [...meta.fields.values()].some((candidate) => candidate.type === 'MasterDetail');
    const fields = new Map<string, OrgField>();
    for (const system of systemFields()) fields.set(system.name, fromStandard(system));
    if (customMetadata) {
      for (const [fieldName, label] of [
        ['DeveloperName', 'Custom Metadata Record Name'],
        ['MasterLabel', 'Label'],
        ['Label', 'Label'],
        ['QualifiedApiName', 'Qualified API Name'],
        ['NamespacePrefix', 'Namespace Prefix'],
        ['Language', 'Master Language'],
      ] as const) {
        fields.set(fieldName, field({ name: fieldName, label, type: 'string', createable: false, updateable: false }));
      }
    } else {
      const autoNumber = nameField.type === 'AutoNumber';
      fields.set(
        'Name',
        field({
          name: 'Name',
          label: String(nameField.label ?? 'Name'),
          type: 'string',
          length: 80,
          autoNumber,
          createable: !autoNumber,
          updateable: !autoNumber,
          defaultedOnCreate: true,
        }),
      );
      if (!detail) {
        fields.set(
          'OwnerId',
          fromStandard({
            name: 'OwnerId',
            type: 'reference',
            label: 'Owner ID',
            referenceTo: 'User',
            relationshipName: 'Owner',
          }),
        );
      }
    }
    for (const custom of meta.fields.values()) fields.set(custom.apiName, fromCustom(custom));
    objects.push({
      name,
      label: meta.label ?? name,
      labelPlural: meta.pluralLabel ?? name,
      keyPrefix: customMetadata
        ? `m0${(index + 10).toString(36).toUpperCase()}`
        : `a0${(index + 10).toString(36).toUpperCase()}`,
      custom: true,
      customMetadata,
      readOnly: customMetadata,
      fields,
      childRelationships: [],
      nameField: customMetadata ? 'DeveloperName' : 'Name',
      autoNumberFormat: nameField.type === 'AutoNumber' ? String(nameField.displayFormat ?? '{0}') : null,
      platformEvent: null,
    });
  });

  // Child relationships of lookups and master-details defined in force-app.
  const byName = new Map(objects.map((object) => [object.name, object]));
  for (const object of objects) {
    for (const candidate of object.fields.values()) {
      if (!candidate.custom || candidate.type !== 'reference') continue;
      const parent = byName.get(candidate.referenceTo[0]!);
      const childName = metadata.objects.get(object.name)?.fields.get(candidate.name)?.relationshipName ?? '';
      if (!parent || !childName) continue;
      (parent.childRelationships as ChildRelationship[]).push({
        relationshipName: childName.endsWith('__r') ? childName : `${childName}__r`,
        childSObject: object.name,
        field: candidate.name,
        cascadeDelete: candidate.cascadeDelete,
      });
    }
  }
  return new OrgSchema(objects);
}

/**
 * A platform event as Salesforce describes one: its system fields (ReplayId, CreatedDate,
 * CreatedById, EventUuid), none of which a publisher sets, and its custom fields, which can be set
 * when publishing and never updated (an event is not a record).
 */
function platformEventObject(meta: ObjectMeta, keyPrefix: string): OrgObject {
  const xml = meta.xml ?? {};
  const system = { createable: false, updateable: false, defaultedOnCreate: true, filterable: false, sortable: false };
  const fields = new Map<string, OrgField>([
    ['ReplayId', field({ name: 'ReplayId', label: 'Replay ID', type: 'string', length: 255, ...system })],
    [
      'CreatedDate',
      field({ name: 'CreatedDate', label: 'Created Date', type: 'datetime', nillable: false, ...system }),
    ],
    [
      'CreatedById',
      field({
        name: 'CreatedById',
        label: 'Created By ID',
        type: 'reference',
        nillable: false,
        referenceTo: ['User'],
        relationshipName: 'CreatedBy',
        ...system,
      }),
    ],
    ['EventUuid', field({ name: 'EventUuid', label: 'Event UUID', type: 'string', length: 36, ...system })],
  ]);
  for (const custom of meta.fields.values()) {
    const described = fromCustom(custom);
    fields.set(custom.apiName, {
      ...described,
      updateable: false,
      filterable: false,
      sortable: false,
      groupable: false,
    });
  }
  return {
    name: meta.apiName,
    label: meta.label ?? meta.apiName,
    labelPlural: meta.pluralLabel ?? meta.apiName,
    keyPrefix,
    custom: true,
    customMetadata: false,
    readOnly: false,
    fields,
    childRelationships: [],
    nameField: null,
    autoNumberFormat: null,
    platformEvent: {
      // Salesforce's default for a new platform event is PublishImmediately.
      publishAfterCommit: String(xml.publishBehavior ?? 'PublishImmediately') === 'PublishAfterCommit',
      eventType: String(xml.eventType ?? 'HighVolume'),
    },
  };
}
