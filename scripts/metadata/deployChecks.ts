/**
 * What Salesforce refuses when a package is deployed, checked without an org. The local org runs
 * these when it loads the package (a failure stops its start) and `npm run metadata:check`
 * reports the same problems: one module, so the two cannot drift.
 *
 * - Object permissions and their dependencies: Create, Edit and View All need Read; Delete needs
 *   Read and Edit; Modify All needs Read, Edit, Delete and View All; on a master-detail child,
 *   Read, View All and Modify All need the same permission on the master object.
 *   Salesforce: "Permission Read Stance_Signal__c depends on permission(s): Read Account".
 * - Objects and fields a permission names exist: custom ones in the package (Salesforce: "In field:
 *   field - no CustomField named Account.X__c found", "In field: object - no CustomObject named
 *   X__c found").
 * - Field permissions: Edit needs Read (FieldPermissions.PermissionsEdit "Requires PermissionsRead
 *   for the same field to be true"; the message is ours, shaped like the one above); none on a
 *   required or master-detail field (Salesforce: "You cannot deploy to a required field: X.Y").
 * - Field history: a field tracks history only on an object whose history is on (a custom object's
 *   `enableHistory`; for a standard object an org setting, `historyObjects`), and an object tracks
 *   at most 20 fields (Salesforce's limit without Field Audit Trail). Both messages are ours.
 * - A picklist naming a global value set needs the set in the package (our message).
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { FieldMeta, MetadataFile, ProjectMetadata } from './reader';
import { readEventChannels } from './eventChannels';
import { sharingRuleProblems } from './sharingRules';
import { STANDARD_OBJECTS } from './standardObjects';

export interface DeployProblem {
  /** The file Salesforce would name, relative to the project root as the reader gives it. */
  readonly file: string;
  /** The component, e.g. `PermissionSet Stance_User` or `CustomField Stance_Signal__c.Detail__c`. */
  readonly component: string;
  readonly message: string;
}

export interface DeployCheckOptions {
  /**
   * Standard objects whose field history is on in the target org (Setup › Object Manager ›
   * Set History Tracking): an org setting, not metadata. The demo and local org have Account's on.
   */
  readonly historyObjects?: ReadonlySet<string>;
}

/** The org the local org stands for: Account history on, as docs/deploying.md asks admins to set. */
export const DEFAULT_HISTORY_OBJECTS: ReadonlySet<string> = new Set(['Account']);
/** Tracked fields per object without Field Audit Trail. */
export const MAX_TRACKED_FIELDS = 20;

type ObjectPermission = 'Read' | 'Create' | 'Edit' | 'Delete' | 'View All' | 'Modify All';

/** Permission set XML element of each object permission, in Salesforce's order of labels. */
const ELEMENTS: ReadonlyArray<readonly [ObjectPermission, string]> = [
  ['Read', 'allowRead'],
  ['Create', 'allowCreate'],
  ['Edit', 'allowEdit'],
  ['Delete', 'allowDelete'],
  ['View All', 'viewAllRecords'],
  ['Modify All', 'modifyAllRecords'],
];
/** What each object permission needs on the same object. */
const NEEDS: Readonly<Record<ObjectPermission, readonly ObjectPermission[]>> = {
  Read: [],
  Create: ['Read'],
  Edit: ['Read'],
  Delete: ['Read', 'Edit'],
  'View All': ['Read'],
  'Modify All': ['Read', 'Edit', 'Delete', 'View All'],
};
/** The permissions of a master-detail child that need the same on its master. */
const NEEDS_ON_MASTER: readonly ObjectPermission[] = ['Read', 'View All', 'Modify All'];

const list = <T>(value: unknown): T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as T[]) : [value as T];
const flag = (value: unknown) => String(value) === 'true';

/** Every problem a deploy of `metadata` would fail on, in file order. */
export function deployProblems(metadata: ProjectMetadata, options: DeployCheckOptions = {}): DeployProblem[] {
  const problems: DeployProblem[] = [];
  for (const file of metadata.files) {
    if (file.kind === 'permissionset' || file.kind === 'profile') problems.push(...permissionProblems(metadata, file));
  }
  problems.push(...historyProblems(metadata, options.historyObjects ?? DEFAULT_HISTORY_OBJECTS));
  problems.push(...sharingRuleProblems(metadata));
  problems.push(...readEventChannels(metadata).problems);
  problems.push(...valueSetProblems(metadata));
  return problems;
}

/** A picklist on a global value set needs the set in the package (or already in the org): ours ship theirs. */
function valueSetProblems(metadata: ProjectMetadata): DeployProblem[] {
  const sets = new Set(
    metadata.files
      .filter((file) => file.kind === 'globalValueSet')
      .map((file) => file.file.replace(/^.*[\\/]/, '').replace('.globalValueSet-meta.xml', '')),
  );
  const problems: DeployProblem[] = [];
  for (const object of metadata.objects.values()) {
    for (const field of object.fields.values()) {
      if (field.valueSetName === undefined || sets.has(field.valueSetName)) continue;
      problems.push({
        file: field.file,
        component: `CustomField ${object.apiName}.${field.apiName}`,
        message: `the picklist's values come from the global value set ${field.valueSetName}, which the package does not contain (add globalValueSets/${field.valueSetName}.globalValueSet-meta.xml)`,
      });
    }
  }
  return problems;
}

/** Throws one Error naming every problem, as a failed deploy lists its component errors. */
export function assertDeployable(metadata: ProjectMetadata, options: DeployCheckOptions = {}): void {
  const problems = deployProblems(metadata, options);
  if (problems.length === 0) return;
  throw new Error(
    [
      `Deploy failed: the package has ${problems.length} component error(s); Salesforce would refuse the whole deploy:`,
      ...problems.map((problem) => `  ${formatProblem({ ...problem, file: shownPath(metadata.root, problem.file) })}`),
    ].join('\n'),
  );
}

export const formatProblem = (problem: DeployProblem): string =>
  `${problem.file}: ${problem.component}: ${problem.message}`;

/** The file as the reader names it when it lies below the project root, else its absolute path. */
function shownPath(root: string, file: string): string {
  const absolute = resolve(root, file);
  const inside = relative(root, absolute);
  return inside.startsWith('..') || isAbsolute(inside) ? absolute : inside;
}

/** The master object of each master-detail child defined in the package (child -> masters). */
function mastersOf(metadata: ProjectMetadata): Map<string, string[]> {
  const masters = new Map<string, string[]>();
  for (const object of metadata.objects.values()) {
    for (const field of object.fields.values()) {
      if (field.type !== 'MasterDetail' || !field.referenceTo) continue;
      masters.set(object.apiName, [...(masters.get(object.apiName) ?? []), field.referenceTo]);
    }
  }
  return masters;
}

function permissionProblems(metadata: ProjectMetadata, file: MetadataFile): DeployProblem[] {
  const name = file.file
    .split(/[\\/]/)
    .pop()!
    .replace(/\.(permissionset|profile)-meta\.xml$/, '');
  const component = `${file.kind === 'profile' ? 'Profile' : 'PermissionSet'} ${name}`;
  const problems: DeployProblem[] = [];
  const report = (message: string) => problems.push({ file: file.file, component, message });

  const granted = new Map<string, Set<ObjectPermission>>();
  for (const entry of list<Record<string, unknown>>(file.xml.objectPermissions)) {
    const permissions = new Set(ELEMENTS.filter(([, element]) => flag(entry[element])).map(([label]) => label));
    granted.set(String(entry.object), permissions);
  }
  const masters = mastersOf(metadata);
  for (const object of granted.keys()) {
    if (isCustomName(object) && !metadata.objects.get(object)?.file)
      report(`In field: object - no CustomObject named ${object} found`);
  }
  for (const [object, permissions] of granted) {
    for (const [permission] of ELEMENTS) {
      if (!permissions.has(permission)) continue;
      const missing = NEEDS[permission].filter((needed) => !permissions.has(needed)).map((p) => `${p} ${object}`);
      if (NEEDS_ON_MASTER.includes(permission)) {
        for (const master of masters.get(object) ?? []) {
          if (!granted.get(master)?.has(permission)) missing.push(`${permission} ${master}`);
        }
      }
      if (missing.length > 0)
        report(`Permission ${permission} ${object} depends on permission(s): ${missing.join(', ')}`);
    }
  }

  for (const entry of list<Record<string, unknown>>(file.xml.fieldPermissions)) {
    const fieldName = String(entry.field);
    const [object, field] = fieldName.split('.') as [string, string | undefined];
    if (field && isCustomName(field) && !metadata.objects.get(object)?.fields.has(field)) {
      report(`In field: field - no CustomField named ${fieldName} found`);
      continue;
    }
    if (isRequired(metadata, fieldName)) {
      report(`You cannot deploy to a required field: ${fieldName}`);
      continue;
    }
    if (flag(entry.editable) && !flag(entry.readable))
      report(`Permission Edit ${fieldName} depends on permission(s): Read ${fieldName}`);
  }
  return problems;
}

/**
 * Custom objects and fields must be in the package (or already in the org, which the local org
 * does not model). Standard ones are not checked here: an org has many more than the local org
 * describes; metadata:check names those it does not know.
 */
const isCustomName = (name: string) => /__(c|e|mdt)$/.test(name);

/** Required custom fields, master-detail fields (always required) and required standard fields. */
function isRequired(metadata: ProjectMetadata, permissionName: string): boolean {
  const [object, fieldName] = permissionName.split('.') as [string, string | undefined];
  if (!fieldName) return false;
  const custom: FieldMeta | undefined = metadata.objects.get(object)?.fields.get(fieldName);
  if (custom) return custom.required || custom.type === 'MasterDetail';
  return STANDARD_OBJECTS[object]?.fields.some((field) => field.name === fieldName && field.required) ?? false;
}

function historyProblems(metadata: ProjectMetadata, historyObjects: ReadonlySet<string>): DeployProblem[] {
  const problems: DeployProblem[] = [];
  for (const object of metadata.objects.values()) {
    const tracked = [...object.fields.values()].filter((field) => field.trackHistory);
    if (tracked.length === 0) continue;
    const historyOn = object.isCustom ? flag(object.xml?.enableHistory) : historyObjects.has(object.apiName);
    if (!historyOn) {
      const how = object.isCustom
        ? `set enableHistory to true in ${object.file ?? `its ${object.apiName}.object-meta.xml`}`
        : `turn on ${object.apiName} history in the org (Setup › Object Manager › ${object.apiName} › Set History Tracking)`;
      for (const field of tracked)
        problems.push({
          file: field.file,
          component: `CustomField ${object.apiName}.${field.apiName}`,
          message: `field history tracking is not enabled for ${object.apiName}: ${how}`,
        });
    }
    if (tracked.length > MAX_TRACKED_FIELDS)
      problems.push({
        file: object.file ?? tracked[0]!.file,
        component: `CustomObject ${object.apiName}`,
        message: `${object.apiName} tracks the history of ${tracked.length} fields; an object can track at most ${MAX_TRACKED_FIELDS} (${tracked
          .map((field) => field.apiName)
          .join(', ')})`,
      });
  }
  return problems;
}
