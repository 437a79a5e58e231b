/**
 * Sharing rules shipped as metadata (`sharingRules/<Object>.sharingRules-meta.xml`): owner-based
 * rules (`sharingOwnerRules`: records owned by `sharedFrom` are shared with `sharedTo`) and
 * criteria-based ones (`sharingCriteriaRules`, read here, not modelled by the local org). The
 * targets a rule names are a public group, a role, a role and its subordinates, or all internal
 * users. A rule naming a group the package does not ship (and the org would not have) is refused
 * by a deploy; the message is ours, shaped like Salesforce's "no X named Y found".
 */
import type { MetadataFile, ProjectMetadata } from './reader';

export type RuleAccess = 'Read' | 'Edit';

/** Who a rule names: users in a public group, a role, a role and its subordinates, or everyone internal. */
export type SharingTarget =
  | { readonly kind: 'group'; readonly name: string }
  | { readonly kind: 'role'; readonly name: string }
  | { readonly kind: 'roleAndSubordinates'; readonly name: string }
  | { readonly kind: 'allInternalUsers' };

/** A component a deploy would refuse (deployChecks' DeployProblem, the same shape). */
export interface SharingRuleProblem {
  readonly file: string;
  readonly component: string;
  readonly message: string;
}

export interface SharingRuleMeta {
  readonly object: string;
  readonly fullName: string;
  readonly label: string;
  readonly type: 'owner' | 'criteria';
  readonly accessLevel: RuleAccess;
  /** Owner rules: whose records are shared. */
  readonly sharedFrom: readonly SharingTarget[];
  readonly sharedTo: readonly SharingTarget[];
  /** Account rules: the access given to the account's contacts, opportunities and cases. */
  readonly accountSettings?: { readonly contact: string; readonly opportunity: string; readonly case: string };
  /** Criteria rules: the records shared are those whose fields meet every item (or `booleanFilter`). */
  readonly criteria?: ReadonlyArray<{ readonly field: string; readonly operation: string; readonly value: string }>;
  readonly booleanFilter?: string;
  readonly file: string;
}

const list = <T>(value: unknown): T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as T[]) : [value as T];
const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

const TARGET_KINDS = ['group', 'role', 'roleAndSubordinates', 'roleAndSubordinatesInternal'] as const;

function targetsOf(node: unknown): SharingTarget[] {
  if (!node || typeof node !== 'object') return [];
  const entry = node as Record<string, unknown>;
  const targets: SharingTarget[] = [];
  if ('allInternalUsers' in entry) targets.push({ kind: 'allInternalUsers' });
  for (const kind of TARGET_KINDS)
    for (const name of list<unknown>(entry[kind]))
      targets.push({ kind: kind === 'roleAndSubordinatesInternal' ? 'roleAndSubordinates' : kind, name: text(name) });
  return targets;
}

function rulesOfFile(file: MetadataFile): SharingRuleMeta[] {
  const object = file.file.split(/[\\/]/).pop()!.replace('.sharingRules-meta.xml', '');
  const rules = (key: string, type: 'owner' | 'criteria') =>
    list<Record<string, unknown>>(file.xml[key]).map((rule): SharingRuleMeta => {
      const settings = rule.accountSettings as Record<string, unknown> | undefined;
      return {
        object,
        fullName: text(rule.fullName),
        label: text(rule.label),
        type,
        accessLevel: text(rule.accessLevel) === 'Edit' ? 'Edit' : 'Read',
        sharedFrom: targetsOf(rule.sharedFrom),
        sharedTo: targetsOf(rule.sharedTo),
        ...(settings
          ? {
              accountSettings: {
                contact: text(settings.contactAccessLevel),
                opportunity: text(settings.opportunityAccessLevel),
                case: text(settings.caseAccessLevel),
              },
            }
          : {}),
        ...(type === 'criteria'
          ? {
              criteria: list<Record<string, unknown>>(rule.criteriaItems).map((item) => ({
                field: text(item.field),
                operation: text(item.operation),
                value: text(item.value),
              })),
            }
          : {}),
        ...(rule.booleanFilter ? { booleanFilter: text(rule.booleanFilter) } : {}),
        file: file.file,
      };
    });
  return [...rules('sharingOwnerRules', 'owner'), ...rules('sharingCriteriaRules', 'criteria')];
}

/** Every sharing rule the package ships, in file order. */
export function sharingRulesOf(metadata: ProjectMetadata): SharingRuleMeta[] {
  return metadata.files.filter((file) => file.kind === 'sharingRules').flatMap(rulesOfFile);
}

/** The package's public groups by developer name (groups/<Name>.group-meta.xml). */
export function groupNamesOf(metadata: ProjectMetadata): Set<string> {
  return new Set(
    metadata.files
      .filter((file) => file.kind === 'group')
      .map((file) => file.file.split(/[\\/]/).pop()!.replace('.group-meta.xml', '')),
  );
}

/** Rules a deploy refuses: one naming a public group the package does not ship, or an access level other than Read or Edit. */
export function sharingRuleProblems(metadata: ProjectMetadata): SharingRuleProblem[] {
  const groups = groupNamesOf(metadata);
  const problems: SharingRuleProblem[] = [];
  for (const file of metadata.files.filter((candidate) => candidate.kind === 'sharingRules')) {
    for (const rule of rulesOfFile(file)) {
      const component = `SharingOwnerRule ${rule.object}.${rule.fullName}`;
      for (const [side, targets] of [
        ['sharedFrom', rule.sharedFrom],
        ['sharedTo', rule.sharedTo],
      ] as const) {
        if (rule.type === 'criteria' && side === 'sharedFrom') continue;
        if (targets.length === 0)
          problems.push({ file: rule.file, component, message: `Required field is missing: ${side}` });
        for (const target of targets)
          if (target.kind === 'group' && !groups.has(target.name))
            problems.push({
              file: rule.file,
              component,
              message: `In field: ${side} - no Group named ${target.name} found`,
            });
      }
    }
    const object = file.file.split(/[\\/]/).pop()!.replace('.sharingRules-meta.xml', '');
    for (const rule of list<Record<string, unknown>>(file.xml.sharingOwnerRules)) {
      const level = text(rule.accessLevel);
      if (level !== 'Read' && level !== 'Edit')
        problems.push({
          file: file.file,
          component: `SharingOwnerRule ${object}.${text(rule.fullName)}`,
          message: `Invalid accessLevel: ${level || '(none)'} (a sharing rule gives Read or Edit)`,
        });
    }
  }
  return problems;
}
