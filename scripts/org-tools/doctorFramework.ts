/**
 * org:doctor's checks of what the framework (issue 15) needs in the org: the integration user's
 * rights on Case (Read and View All: effort counts every open and recent case) and on the portfolio
 * snapshots (Modify All, without which it may not set a snapshot's OwnerId to the owner it counts),
 * its field-level security on the Account fields it writes, and the global value sets the
 * competitor and value-lever picklists take their values from. Rights are read from Setup's
 * ObjectPermissions and FieldPermissions of the permission sets the user holds (in a real org its
 * profile's too), which an admin with View Setup and Configuration reads.
 */
import type { Connection } from 'jsforce';
import type { ProjectMetadata } from '../metadata/reader';
import { quote } from './target';

type Row = Record<string, unknown>;

interface Report {
  ok(message: string): void;
  problem(message: string): void;
}

/** The Account fields only the sidecar writes. */
export const SIDECAR_ACCOUNT_FIELDS = [
  'Stance_Open_Deals__c',
  'Stance_Open_Pipeline__c',
  'Stance_Recent_Cases__c',
  'Stance_Effort_Off_Strategy__c',
  'Stance_Plan_Steps__c',
  'Stance_Plan_Steps_Done__c',
  'Stance_Competitors__c',
] as const;

/** Each global value set of the package, and a field that takes its values (read through describe). */
const VALUE_SET_FIELDS: Readonly<Record<string, readonly [object: string, field: string]>> = {
  Stance_Competitors: ['Stance_Signal__c', 'Competitor__c'],
  Stance_Value_Levers: ['Stance_Signal__c', 'Value_Levers__c'],
};

const SET_PATH = 'Setup › Users › Permission Sets › Stance Integration';
const REDEPLOY = 'or deploy the package again (sf project deploy start --source-dir force-app --target-org <alias>)';

export async function checkFramework(
  conn: Connection,
  expected: ProjectMetadata,
  integration: { username: string; userId: string } | undefined,
  report: Report,
): Promise<void> {
  const query = async (soql: string): Promise<Row[]> => (await conn.query<Row>(soql, { autoFetch: true })).records;
  if (integration) await checkRights(query, integration.username, integration.userId, report);
  await checkValueSets(conn, expected, report);
}

async function checkRights(
  query: (soql: string) => Promise<Row[]>,
  username: string,
  userId: string,
  report: Report,
): Promise<void> {
  const parents = (
    await query(`SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${quote(userId)}`)
  ).map((row) => quote(String(row.PermissionSetId)));
  const objects = parents.length
    ? await query(
        `SELECT SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit, PermissionsViewAllRecords, PermissionsModifyAllRecords FROM ObjectPermissions WHERE SobjectType IN ('Case', 'Stance_Portfolio_Snapshot__c') AND ParentId IN (${parents.join(',')})`,
      )
    : [];
  const has = (object: string, right: string) =>
    objects.some((row) => row.SobjectType === object && row[`Permissions${right}`] === true);

  const caseMissing = ['Read', 'ViewAllRecords'].filter((right) => !has('Case', right));
  if (caseMissing.length === 0) report.ok(`${username} reads every Case (View All)`);
  else
    report.problem(
      `${username} may not ${caseMissing.map(rightName).join(' and ')} Case, so the open and recent cases of accounts it cannot see count as none and their effort off-strategy goes unseen: ${SET_PATH} › Object Settings › Cases › Edit › Read and View All (${REDEPLOY})`,
    );

  const snapshotMissing = ['Read', 'Create', 'Edit', 'ModifyAllRecords'].filter(
    (right) => !has('Stance_Portfolio_Snapshot__c', right),
  );
  if (snapshotMissing.length === 0)
    report.ok(`${username} writes Stance_Portfolio_Snapshot__c with Modify All (it sets each snapshot's owner)`);
  else
    report.problem(
      `${username} may not ${snapshotMissing.map(rightName).join(', ')} Stance_Portfolio_Snapshot__c, so it cannot write each owner's daily snapshot (Modify All lets it set OwnerId to the owner counted): ${SET_PATH} › Object Settings › Stance Portfolio Snapshots › Edit › Read, Create, Edit, Modify All (${REDEPLOY})`,
    );

  const fields = parents.length
    ? await query(
        `SELECT Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE SobjectType IN ('Account', 'Case') AND ParentId IN (${parents.join(',')})`,
      )
    : [];
  const fieldHas = (field: string, right: 'Read' | 'Edit') =>
    fields.some((row) => row.Field === field && row[`Permissions${right}`] === true);
  const unwritable = SIDECAR_ACCOUNT_FIELDS.filter((field) => !fieldHas(`Account.${field}`, 'Edit'));
  if (unwritable.length === 0)
    report.ok(`${username} may edit the Account fields it writes (${SIDECAR_ACCOUNT_FIELDS.join(', ')})`);
  else
    report.problem(
      `${username} may not edit Account.${unwritable.join(', Account.')}, so its write-back of effort, plan steps and competitors is refused: ${SET_PATH} › Object Settings › Accounts › Edit › Read Access and Edit Access on each (${REDEPLOY})`,
    );
  if (fieldHas('Case.AccountId', 'Read')) report.ok(`${username} reads Case.AccountId`);
  else
    report.problem(
      `${username} may not read Case.AccountId, so it cannot tell whose a case is: ${SET_PATH} › Object Settings › Cases › Edit › Account Name › Read Access (${REDEPLOY})`,
    );
}

function rightName(right: string): string {
  return { Read: 'read', Create: 'create', Edit: 'edit', ViewAllRecords: 'view all', ModifyAllRecords: 'modify all' }[
    right
  ]!;
}

/** The package's global value sets, through a field that uses each: every value there. */
async function checkValueSets(conn: Connection, expected: ProjectMetadata, report: Report): Promise<void> {
  const described = new Map<string, Array<{ name: string; picklistValues?: Array<{ value: string }> }>>();
  for (const file of expected.files.filter((candidate) => candidate.kind === 'globalValueSet')) {
    const name = file.file.split('/').pop()!.split('.')[0]!;
    const via = VALUE_SET_FIELDS[name];
    if (!via) continue;
    const [object, field] = via;
    const custom = file.xml.customValue;
    const wanted = (Array.isArray(custom) ? custom : custom === undefined ? [] : [custom]).map((value) =>
      String((value as Row).fullName),
    );
    if (!described.has(object)) described.set(object, (await conn.sobject(object).describe()).fields as never);
    const values = described
      .get(object)!
      .find((candidate) => candidate.name === field)
      ?.picklistValues?.map((value) => value.value);
    const missing = values ? wanted.filter((value) => !values.includes(value)) : wanted;
    if (values && values.length > 0 && missing.length === 0)
      report.ok(`The global value set ${name} has its ${wanted.length} values (${object}.${field})`);
    else
      report.problem(
        `The global value set ${name} ${values ? `lacks ${missing.join(', ')}` : `is not on ${object}.${field}`}, so ${object}.${field} cannot name them: Setup › Picklist Value Sets › ${name} (or deploy the package (sf project deploy start --source-dir force-app --target-org <alias>))`,
      );
  }
}
