/**
 * What org:doctor checks, signed in as an admin: the org the sidecar is pointed at against what the
 * package (force-app) expects. Each finding is one line with the Setup path that fixes it. Data API
 * queries for users, assignments, groups and notification types; the Tooling API for the Change Data
 * Capture selection (PlatformEventChannelMember) and field history (FieldDefinition), both of which
 * need View Setup and Configuration.
 */
import type { Connection } from 'jsforce';
import type { ProjectMetadata } from '../metadata/reader';
import { INTEGRATION_GROUP } from './demoLoad';
import { checkFramework } from './doctorFramework';
import { quote } from './target';

export const INTEGRATION_PROFILE = 'Minimum Access - API Only Integrations';
export const INTEGRATION_LICENCE = 'Salesforce Integration';
export const INTEGRATION_SET = 'Stance_Integration';
/** The permission set licence a Salesforce Integration user needs for a permission set's object permissions. */
export const INTEGRATION_PSL = { developerName: 'SalesforceAPIIntegrationPsl', label: 'Salesforce API Integration' };
export const ADMINS_GROUP = 'Stance_Admins';
export const NOTIFICATION_TYPE = 'Stance_Update';

export interface Finding {
  readonly level: 'ok' | 'warning' | 'problem';
  readonly message: string;
}

type Row = Record<string, unknown>;

const DEPLOY = 'deploy the package (sf project deploy start --source-dir force-app --target-org <alias>)';

export async function examineOrg(
  conn: Connection,
  expected: ProjectMetadata,
  integrationUser: string | undefined,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const ok = (message: string) => findings.push({ level: 'ok', message });
  const problem = (message: string) => findings.push({ level: 'problem', message });
  const warning = (message: string) => findings.push({ level: 'warning', message });
  const query = async (soql: string): Promise<Row[]> => (await conn.query<Row>(soql, { autoFetch: true })).records;

  // The integration user.
  const user = integrationUser
    ? (
        await query(
          `SELECT Id, Username, IsActive, ProfileId, Profile.Name FROM User WHERE Username = ${quote(integrationUser)}`,
        )
      )[0]
    : undefined;
  if (!integrationUser) {
    problem(
      'No integration user named: pass --integration-user <username> or set SF_USERNAME (the user the sidecar runs as)',
    );
  } else if (!user) {
    problem(
      `No user ${integrationUser}: create it (Setup › Users › Users › New User: User License ${INTEGRATION_LICENCE}, Profile ${INTEGRATION_PROFILE})`,
    );
  } else {
    if (user.IsActive === true) ok(`${integrationUser} exists and is active`);
    else problem(`${integrationUser} is inactive: Setup › Users › Users › ${integrationUser} › Edit › Active`);
    const profile = String((user.Profile as Row | null)?.Name ?? '');
    const licence = await licenceOf(query, String(user.ProfileId));
    if (profile === INTEGRATION_PROFILE && licence === INTEGRATION_LICENCE)
      ok(`${integrationUser} has the profile ${INTEGRATION_PROFILE}`);
    else
      warning(
        `${integrationUser} has the profile ${profile}${licence ? ` (licence ${licence})` : ''}, not ${INTEGRATION_PROFILE} (licence ${INTEGRATION_LICENCE}): an integration user needs no more; Setup › Users › Users › ${integrationUser} › Edit › User License, Profile`,
      );
    if (licence === INTEGRATION_LICENCE) {
      const held = await query(
        `SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = ${quote(String(user.Id))} AND PermissionSetLicense.DeveloperName = ${quote(INTEGRATION_PSL.developerName)}`,
      );
      if (held.length > 0) ok(`${integrationUser} holds the permission set licence ${INTEGRATION_PSL.label}`);
      else
        problem(
          `${integrationUser} does not hold the permission set licence ${INTEGRATION_PSL.label}, so ${INTEGRATION_SET} gives it no access to accounts: Setup › Users › Users › ${integrationUser} › Permission Set License Assignments › Edit Assignments › ${INTEGRATION_PSL.label}`,
        );
    }
    await checkAssignments(query, expected, integrationUser, String(user.Id), { ok, problem });
  }

  // The sharing rule's group, and the integration user in it.
  const integrationGroup = (await query(groupSoql(INTEGRATION_GROUP)))[0];
  if (!integrationGroup)
    problem(
      `The public group ${INTEGRATION_GROUP} (the sharing rule Stance_Integration_Edit shares every account with it) is missing: ${DEPLOY}`,
    );
  else {
    ok(`The public group ${INTEGRATION_GROUP} exists`);
    if (user) {
      const member = await query(
        `SELECT Id FROM GroupMember WHERE GroupId = ${quote(String(integrationGroup.Id))} AND UserOrGroupId = ${quote(String(user.Id))}`,
      );
      if (member.length > 0) ok(`${integrationUser} is a member of ${INTEGRATION_GROUP}`);
      else
        problem(
          `${integrationUser} is not a member of ${INTEGRATION_GROUP}, so it cannot edit accounts it does not own: Setup › Users › Public Groups › Stance Integration Users › Edit › add the user (or npm run org:demo)`,
        );
    }
  }

  // Stance_Admins hears of refused rules.
  const admins = (await query(groupSoql(ADMINS_GROUP)))[0];
  if (!admins) problem(`The public group ${ADMINS_GROUP} is missing: ${DEPLOY}`);
  else {
    const members = await query(`SELECT Id FROM GroupMember WHERE GroupId = ${quote(String(admins.Id))}`);
    if (members.length > 0) ok(`${ADMINS_GROUP} has ${members.length} member(s)`);
    else
      problem(
        `The public group ${ADMINS_GROUP} has no members, so nobody hears of refused rules: Setup › Users › Public Groups › Stance Admins › Edit › add Stance's admins`,
      );
  }

  // The notification type.
  const types = await query(`SELECT Id FROM CustomNotificationType WHERE DeveloperName = ${quote(NOTIFICATION_TYPE)}`);
  if (types.length > 0) ok(`The custom notification type ${NOTIFICATION_TYPE} exists`);
  else problem(`The custom notification type ${NOTIFICATION_TYPE} is missing: ${DEPLOY}`);

  await checkChangeDataCapture(conn, expected, { ok, problem });
  await checkHistory(conn, expected, { ok, problem });
  await checkFramework(
    conn,
    expected,
    user && integrationUser ? { username: integrationUser, userId: String(user.Id) } : undefined,
    { ok, problem },
  );
  return findings;
}

interface Report {
  ok(message: string): void;
  problem(message: string): void;
}

async function checkAssignments(
  query: (soql: string) => Promise<Row[]>,
  expected: ProjectMetadata,
  username: string,
  userId: string,
  report: Report,
): Promise<void> {
  const packageSets = new Set(
    expected.files
      .filter((file) => file.kind === 'permissionset')
      .map((file) => file.file.split('/').pop()!.split('.')[0]!),
  );
  const held = (
    await query(`SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = ${quote(userId)}`)
  ).map((row) => String((row.PermissionSet as Row | null)?.Name ?? ''));
  if (held.includes(INTEGRATION_SET)) report.ok(`${username} holds ${INTEGRATION_SET}`);
  else
    report.problem(
      `${username} does not hold ${INTEGRATION_SET}: Setup › Users › Permission Sets › Stance Integration › Manage Assignments › Add Assignment (or sf org assign permset --name ${INTEGRATION_SET} --on-behalf-of ${username})`,
    );
  for (const other of held.filter((name) => name !== INTEGRATION_SET && packageSets.has(name)))
    report.problem(
      `${username} also holds ${other}, more than the sidecar needs: Setup › Users › Permission Sets › ${other.replace(/_/g, ' ')} › Manage Assignments › remove ${username}`,
    );
}

/**
 * The change events the package selects, against the org's selection: those on the standard
 * ChangeEvents channel by entity, those on the package's filtered channels by member name and
 * filter expression (a member missing there makes the sidecar fall back to the standard channel,
 * where every account it writes comes back to it as a change event delivery).
 */
async function checkChangeDataCapture(conn: Connection, expected: ProjectMetadata, report: Report): Promise<void> {
  const members = (
    await conn.tooling.query<Row>(
      'SELECT DeveloperName, EventChannel, SelectedEntity, FilterExpression FROM PlatformEventChannelMember',
    )
  ).records;
  const selected = new Set(members.map((row) => String(row.SelectedEntity)));
  for (const file of expected.files.filter((candidate) => candidate.kind === 'platformEventChannelMember')) {
    const entity = String(file.xml.selectedEntity);
    const channel = String(file.xml.eventChannel);
    const object = entity.replace(/__ChangeEvent$/, '__c').replace(/ChangeEvent$/, '');
    if (channel !== 'ChangeEvents') {
      checkFilteredMember(file, members, report);
      continue;
    }
    if (selected.has(entity)) report.ok(`Change Data Capture sends ${entity}`);
    else
      report.problem(
        `Change Data Capture does not send ${entity}, so the sidecar polls ${object} instead of following it: Setup › Integrations › Change Data Capture › select ${object} (or ${DEPLOY})`,
      );
  }
}

function checkFilteredMember(file: ProjectMetadata['files'][number], members: readonly Row[], report: Report): void {
  const name = file.file.split('/').pop()!.split('.')[0]!;
  const entity = String(file.xml.selectedEntity);
  const channel = String(file.xml.eventChannel);
  const wanted = file.xml.filterExpression === undefined ? null : String(file.xml.filterExpression);
  const member = members.find((row) => String(row.DeveloperName) === name);
  if (!member) {
    report.problem(
      `The channel ${channel} does not carry ${entity} (member ${name} missing), so the sidecar follows /data/${entity} instead and every account it writes comes back to it as a change event delivery: ${DEPLOY}`,
    );
    return;
  }
  const held =
    member.FilterExpression === null || member.FilterExpression === undefined ? null : String(member.FilterExpression);
  if (normalized(held) === normalized(wanted))
    report.ok(`The channel ${channel} carries ${entity}, filtered as the package says`);
  else
    report.problem(
      `The channel member ${name} filters ${held === null ? 'nothing' : `with ${held}`} instead of ${wanted ?? 'nothing'}, so the sidecar may miss people's changes or hear its own: ${DEPLOY}`,
    );
}

function normalized(expression: string | null): string | null {
  return expression === null ? null : expression.replace(/\s+/g, ' ').trim();
}

/** The fields the package tracks, against FieldDefinition.IsFieldHistoryTracked in the org. */
async function checkHistory(conn: Connection, expected: ProjectMetadata, report: Report): Promise<void> {
  for (const object of expected.objects.values()) {
    const tracked = [...object.fields.values()].filter((field) => field.trackHistory).map((field) => field.apiName);
    if (tracked.length === 0) continue;
    const rows = (
      await conn.tooling.query<Row>(
        `SELECT QualifiedApiName, IsFieldHistoryTracked FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = ${quote(object.apiName)}`,
      )
    ).records;
    const on = new Set(
      rows.filter((row) => row.IsFieldHistoryTracked === true).map((row) => String(row.QualifiedApiName)),
    );
    for (const field of tracked) {
      if (on.has(field)) report.ok(`${object.apiName}.${field} history is tracked`);
      else
        report.problem(
          `${object.apiName}.${field} history is not tracked, so stance changes leave no field history: Setup › Object Manager › ${object.apiName} › Fields & Relationships › Set History Tracking › Enable ${object.apiName} History and tick ${field}`,
        );
    }
  }
}

function groupSoql(developerName: string): string {
  return `SELECT Id FROM Group WHERE DeveloperName = ${quote(developerName)} AND Type = 'Regular'`;
}

/** The profile's user licence (Profile.UserLicense.Name). */
async function licenceOf(query: (soql: string) => Promise<Row[]>, profileId: string): Promise<string | null> {
  const rows = await query(`SELECT UserLicense.Name FROM Profile WHERE Id = ${quote(profileId)}`);
  return String((rows[0]?.UserLicense as Row | null | undefined)?.Name ?? '') || null;
}
