/**
 * Permission sets grant what the components and the sidecar read and write, and each rung of the
 * ladder at least what the one below grants.
 */
import { SNAPSHOT_FIELDS, WRITTEN_FIELDS } from '../../sidecar/src/domain';
import type { FieldUse } from '../../sidecar/src/domain';
import type { MetadataFile, ProjectMetadata } from '../metadata/reader';
import type { ComponentUsage } from './components';
import { changeEventObject, list } from './report';
import type { Report } from './report';
import type { Schema } from './schema';

/** Who each component is for: its permission set must grant what it reads, writes and creates. */
export const COMPONENT_AUDIENCE: Readonly<Record<string, string>> = {
  stancePanel: 'Stance_User',
  stanceChecklist: 'Stance_User',
  reportSignal: 'Stance_User',
  stanceOverride: 'Stance_Manager',
};
export const INTEGRATION_PERMISSION_SET = 'Stance_Integration';
/** Each grants at least what the one before it grants. */
export const PERMISSION_LADDER = ['Stance_User', 'Stance_Manager', 'Stance_Admin'];
/** The custom permission the Stance console checks at sign-in, and the one permission set that enables it. */
export const CONSOLE_PERMISSION = 'Stance_Console';
export const CONSOLE_PERMISSION_SET = 'Stance_Admin';
/**
 * Who writes the rules through the Metadata API from the console, and what Salesforce asks for it:
 * Customize Application and Modify Metadata Through Metadata API Functions (or Modify All Data).
 */
export const RULES_AUTHOR_PERMISSION_SET = 'Stance_Rules_Author';
const RULES_AUTHOR_NEEDS = ['ApiEnabled', 'CustomizeApplication', 'ModifyMetadata'];
/** The console's history of rule changes: people write it with their own token, the sidecar never. */
const RULE_HISTORY_OBJECT = 'Stance_Rule_Change__c';
/**
 * System permissions a permission set may enable only with others (Salesforce refuses the deploy:
 * "Permission CustomizeApplication depends on permission(s): ViewSetup").
 */
const USER_PERMISSION_NEEDS: Readonly<Record<string, readonly string[]>> = { CustomizeApplication: ['ViewSetup'] };
/** The custom metadata types that hold Stance's configuration. */
const CONFIG_TYPES = ['Stance_Strategy__mdt', 'Stance_Rule__mdt', 'Stance_Trigger__mdt'];

interface Grants {
  readonly file: string;
  readonly fields: ReadonlyMap<string, { readable: boolean; editable: boolean }>;
  readonly objects: ReadonlyMap<string, Record<string, boolean>>;
  readonly metadataTypes: ReadonlySet<string>;
  readonly userPermissions: ReadonlySet<string>;
  readonly customPermissions: ReadonlySet<string>;
}

const flag = (value: unknown) => String(value) === 'true';

function grantsOf(file: MetadataFile): Grants {
  const xml = file.xml;
  return {
    file: file.file,
    fields: new Map(
      list<Record<string, unknown>>(xml.fieldPermissions).map((entry) => [
        String(entry.field),
        { readable: flag(entry.readable), editable: flag(entry.editable) },
      ]),
    ),
    objects: new Map(
      list<Record<string, unknown>>(xml.objectPermissions).map((entry) => [
        String(entry.object),
        Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, flag(value)])),
      ]),
    ),
    metadataTypes: new Set(
      list<Record<string, unknown>>(xml.customMetadataTypeAccesses)
        .filter((e) => flag(e.enabled))
        .map((e) => String(e.name)),
    ),
    userPermissions: new Set(
      list<Record<string, unknown>>(xml.userPermissions)
        .filter((e) => flag(e.enabled))
        .map((e) => String(e.name)),
    ),
    customPermissions: new Set(
      list<Record<string, unknown>>(xml.customPermissions)
        .filter((e) => flag(e.enabled))
        .map((e) => String(e.name)),
    ),
  };
}

export function checkPermissionSets(
  metadata: ProjectMetadata,
  schema: Schema,
  components: readonly ComponentUsage[],
  report: Report,
): void {
  const sets = new Map(
    metadata.files
      .filter((file) => file.kind === 'permissionset')
      .map((file) => [file.file.split('/').pop()!.replace('.permissionset-meta.xml', ''), grantsOf(file)]),
  );

  for (const grants of sets.values()) {
    for (const [name, access] of grants.fields) {
      const facts = schema.byPermissionName(name);
      if (!facts) {
        // A custom field the package lacks is a deploy problem (deployChecks.ts); a standard one the
        // local org does not describe is ours to report.
        if (!/__c$/.test(name)) report('permissions', grants.file, `grants ${name}, which does not exist`);
        continue;
      }
      // Required and master-detail fields, and edit without read: deployChecks.ts (as a deploy refuses them).
      if (!facts.required && !facts.masterDetail && facts.computed && access.editable) {
        report('permissions', grants.file, `grants edit on ${name}, which is computed and cannot be edited`);
      }
    }
    for (const object of grants.objects.keys()) {
      if (!schema.hasObject(object) && !/__(c|e|mdt)$/.test(object))
        report('permissions', grants.file, `grants access to ${object}, which does not exist`);
    }
  }

  const need = (setName: string, why: string, object: string, field: string, edit: boolean) => {
    const grants = sets.get(setName);
    if (!grants) return;
    const facts = schema.field(object, field);
    if (!facts || !facts.permissionName) return;
    const access = grants.fields.get(facts.permissionName);
    if (!access?.readable || (edit && !access.editable)) {
      report(
        'permissions',
        grants.file,
        `${why} ${edit ? 'writes' : 'reads'} ${object}.${field}, but ${setName} does not grant ${edit ? 'edit on' : 'read on'} ${facts.permissionName}`,
      );
    }
  };
  const needObject = (setName: string, why: string, object: string, permission: string) => {
    const grants = sets.get(setName);
    if (grants && !grants.objects.get(object)?.[permission]) {
      report('permissions', grants.file, `${why} needs ${permission} on ${object}, which ${setName} does not grant`);
    }
  };

  for (const setName of [
    ...new Set(Object.values(COMPONENT_AUDIENCE)),
    INTEGRATION_PERMISSION_SET,
    ...PERMISSION_LADDER,
  ]) {
    if (!sets.has(setName)) report('permissions', 'permissionsets', `permission set ${setName} is missing`);
  }
  for (const component of components) {
    const audience = COMPONENT_AUDIENCE[component.name];
    if (!audience) continue;
    for (const ref of component.reads) need(audience, `component ${component.name}`, ref.object, ref.field, false);
    for (const ref of component.writes) need(audience, `component ${component.name}`, ref.object, ref.field, true);
    for (const object of component.creates) needObject(audience, `component ${component.name}`, object, 'allowCreate');
  }

  const integration = `the sidecar (${INTEGRATION_PERMISSION_SET})`;
  const changeEventObjects = new Set(
    metadata.files
      .filter((f) => f.kind === 'platformEventChannelMember')
      .map((f) => changeEventObject(String(f.xml.selectedEntity))),
  );
  const readObjects = new Set(SNAPSHOT_FIELDS.map((use) => use.object));
  for (const use of SNAPSHOT_FIELDS) need(INTEGRATION_PERMISSION_SET, integration, use.object, use.field, false);
  for (const use of WRITTEN_FIELDS) need(INTEGRATION_PERMISSION_SET, integration, use.object, use.field, true);
  for (const object of readObjects)
    needObject(
      INTEGRATION_PERMISSION_SET,
      integration,
      object,
      changeEventObjects.has(object) ? 'viewAllRecords' : 'allowRead',
    );
  for (const object of new Set(WRITTEN_FIELDS.map((use: FieldUse) => use.object))) {
    needObject(INTEGRATION_PERMISSION_SET, integration, object, object === 'Account' ? 'allowEdit' : 'allowCreate');
  }
  for (const setName of [INTEGRATION_PERMISSION_SET, 'Stance_Admin']) {
    const grants = sets.get(setName);
    for (const type of CONFIG_TYPES) {
      if (grants && !grants.metadataTypes.has(type)) report('permissions', grants.file, `${setName} must read ${type}`);
    }
  }
  const integrationGrants = sets.get(INTEGRATION_PERMISSION_SET);
  for (const permission of ['ApiEnabled', 'SendCustomNotifications']) {
    if (integrationGrants && !integrationGrants.userPermissions.has(permission))
      report('permissions', integrationGrants.file, `${INTEGRATION_PERMISSION_SET} needs ${permission}`);
  }

  checkConsoleGrants(sets, report);

  for (let i = 1; i < PERMISSION_LADDER.length; i++) {
    const lower = sets.get(PERMISSION_LADDER[i - 1]!);
    const upper = sets.get(PERMISSION_LADDER[i]!);
    if (!lower || !upper) continue;
    for (const [name, access] of lower.fields) {
      const above = upper.fields.get(name);
      if (!above?.readable || (access.editable && !above.editable))
        report(
          'permissions',
          upper.file,
          `${PERMISSION_LADDER[i]} grants less than ${PERMISSION_LADDER[i - 1]} on ${name}`,
        );
    }
  }
}

/**
 * The console's grants: Stance_Console in Stance_Admin alone; whoever holds it may read setup data
 * (the sign-in reads SetupEntityAccess with the person's own token, which needs View Setup); the
 * rules author may write custom metadata through the Metadata API; the integration user neither
 * uses the console nor touches its history; system permissions come with what they depend on.
 */
function checkConsoleGrants(sets: ReadonlyMap<string, Grants>, report: Report): void {
  for (const setName of [CONSOLE_PERMISSION_SET, RULES_AUTHOR_PERMISSION_SET])
    if (!sets.has(setName)) report('permissions', 'permissionsets', `permission set ${setName} is missing`);
  for (const [setName, grants] of sets) {
    const usesConsole = grants.customPermissions.has(CONSOLE_PERMISSION);
    if (setName === CONSOLE_PERMISSION_SET && !usesConsole)
      report('permissions', grants.file, `${setName} must enable the custom permission ${CONSOLE_PERMISSION}`);
    if (setName !== CONSOLE_PERMISSION_SET && usesConsole)
      report(
        'permissions',
        grants.file,
        `${setName} enables ${CONSOLE_PERMISSION}, which only ${CONSOLE_PERMISSION_SET} may grant (who may use the console)`,
      );
    if (usesConsole && !grants.userPermissions.has('ViewSetup'))
      report(
        'permissions',
        grants.file,
        `${setName} enables ${CONSOLE_PERMISSION} without ViewSetup: the console's sign-in reads SetupEntityAccess with the person's own token, which needs View Setup and Configuration`,
      );
    for (const [permission, needs] of Object.entries(USER_PERMISSION_NEEDS)) {
      const missing = grants.userPermissions.has(permission)
        ? needs.filter((need) => !grants.userPermissions.has(need))
        : [];
      if (missing.length > 0)
        report('permissions', grants.file, `Permission ${permission} depends on permission(s): ${missing.join(', ')}`);
    }
  }
  const author = sets.get(RULES_AUTHOR_PERMISSION_SET);
  for (const permission of RULES_AUTHOR_NEEDS)
    if (author && !author.userPermissions.has(permission))
      report(
        'permissions',
        author.file,
        `${RULES_AUTHOR_PERMISSION_SET} needs ${permission}: the console writes the rules through the Metadata API as the person`,
      );
  const integration = sets.get(INTEGRATION_PERMISSION_SET);
  if (integration && (integration.objects.has(RULE_HISTORY_OBJECT) || integration.customPermissions.size > 0))
    report(
      'permissions',
      integration.file,
      `${INTEGRATION_PERMISSION_SET} grants custom permissions or ${RULE_HISTORY_OBJECT}: the rule history is written by people with their own token, never by the sidecar`,
    );
}
