/**
 * Loads the demo firm (scripts/demo-data) into an org through the API, as the running user:
 * sObject Collections in batches of 200, each batch all or none. A re-run creates only what is
 * missing, matching records by natural keys (account and market signal names; a contact's,
 * opportunity's or signal's account plus its name, or trigger and detail). A real org cannot
 * create users freely (licences), so records are owned by the running user unless `owners` maps
 * demo people (dana, nina, ...) to existing usernames. Record dates the API cannot set (CreatedDate
 * needs "Set Audit Fields upon Record Creation") are today's; dates in custom fields keep the
 * demo's offsets from today.
 */
import type { Connection } from 'jsforce';
import { ACCOUNTS, MARKET_SIGNALS, USERS } from '../demo-data/firm';
import { demoAccess, withoutLeftOut } from './demoAccess';
import type { DemoAccess } from './demoAccess';
import { SNAPSHOT_OBJECT, snapshotRecords, upsertSnapshots } from './demoSnapshots';
import { quote } from './target';

export const INTEGRATION_GROUP = 'Stance_Integration_Users';
const BATCH = 200;
const DAY = 86_400_000;

export interface DemoOptions {
  /** Demo person key (dana, nina, max, ...) → username of an existing user in the org. */
  readonly owners?: Readonly<Record<string, string>>;
  /** The integration user, added to the Stance_Integration_Users public group. */
  readonly integrationUser?: string;
  readonly now?: number;
}

export interface Tally {
  readonly created: number;
  readonly existing: number;
}

export interface DemoResult {
  readonly tallies: Readonly<Record<string, Tally>>;
  /** What it did, one line each, for the tool to print. */
  readonly lines: readonly string[];
  /** Setup the demo needs that it could not do (exit code 1 when any). */
  readonly problems: readonly string[];
}

type Row = Record<string, unknown>;

export class DemoError extends Error {}

export async function loadDemo(conn: Connection, options: DemoOptions = {}): Promise<DemoResult> {
  const now = options.now ?? Date.now();
  const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const lines: string[] = [];
  const problems: string[] = [];
  const tallies: Record<string, Tally> = {};

  const me = await conn.request<{ user_id: string; preferred_username: string }>('/services/oauth2/userinfo');
  const owners = await ownerIds(conn, options.owners ?? {});
  const access = await demoAccess(conn);
  if (access.refused.length > 0)
    throw new DemoError(
      `${me.preferred_username} may not create ${access.refused.join(', ')}: run org:demo as a System Administrator holding Stance_Admin (sf org assign permset --name Stance_Admin --target-org <alias>); nothing was written`,
    );
  for (const [type, fields] of access.leftOut)
    lines.push(
      `warning: ${type}: left out ${fields.join(', ')}, which ${me.preferred_username} may not set (field-level security: Setup › Object Manager › ${type} › Fields & Relationships › the field › Set Field-Level Security)`,
    );
  for (const [type, missing] of access.skipped) {
    const rights = missing.filter((entry) => /^[a-z]+$/.test(entry));
    const fields = missing.filter((entry) => !rights.includes(entry));
    const refusals = [...rights, ...(fields.length ? [`set ${fields.join(', ')}`] : [])];
    lines.push(
      `warning: ${type}: not loaded (the Home page's trend starts with the sidecar's first snapshot), since ${me.preferred_username} may not ${refusals.join('; ')}: grant Read, Create, Edit on the object and edit on its fields with a permission set of the org's own (Stance_Admin only reads them), then run org:demo again`,
    );
  }
  const mapped = Object.keys(options.owners ?? {});
  lines.push(
    mapped.length === 0
      ? `Records are owned by ${me.preferred_username} (the running user): a real org cannot create the demo's people; map them with --owners dana=<username>,nina=<username>`
      : `Records of ${mapped.join(', ')} are owned by the users --owners names; the others by ${me.preferred_username}`,
  );

  // Accounts, by name.
  const accountIds = new Map<string, string>();
  for (const row of await queryAll(
    conn,
    `SELECT Id, Name FROM Account WHERE Name IN (${ACCOUNTS.map((a) => quote(a.name)).join(',')})`,
  ))
    accountIds.set(String(row.Name), String(row.Id));
  const newAccounts = ACCOUNTS.filter((account) => !accountIds.has(account.name));
  const createdAccounts = await createAll(
    conn,
    access,
    'Account',
    newAccounts.map((account) => ({
      Name: account.name,
      Type: account.type,
      Industry: account.industry,
      BillingCountry: account.country,
      AnnualRevenue: account.annualRevenue,
      OwnerId: owners.get(account.owner) ?? me.user_id,
      Strategic_Account__c: account.strategic ?? false,
      Stance_Override__c: account.override?.stance ?? null,
      Stance_Override_Reason__c: account.override?.reason ?? null,
      Stance_Override_Until__c: account.override ? day(account.override.untilInDays) : null,
    })),
  );
  newAccounts.forEach((account, index) => accountIds.set(account.name, createdAccounts[index]!));
  tallies.Account = { created: newAccounts.length, existing: ACCOUNTS.length - newAccounts.length };

  const idList = [...accountIds.values()].map(quote).join(',');
  const ownerOf = (account: (typeof ACCOUNTS)[number]) => owners.get(account.owner) ?? me.user_id;

  // Children, each keyed by its account and its own natural key.
  const children: Array<{
    type: string;
    existing: string;
    key: (row: Row) => string;
    wanted: Array<{ key: string; record: Row }>;
  }> = [
    {
      type: 'Contact',
      existing: `SELECT AccountId, FirstName, LastName FROM Contact WHERE AccountId IN (${idList})`,
      key: (row) => `${String(row.AccountId)}|${String(row.FirstName)} ${String(row.LastName)}`,
      wanted: ACCOUNTS.flatMap((account) =>
        account.contacts.map((contact) => {
          const accountId = accountIds.get(account.name)!;
          return {
            key: `${accountId}|${contact.firstName} ${contact.lastName}`,
            record: {
              AccountId: accountId,
              FirstName: contact.firstName,
              LastName: contact.lastName,
              Title: contact.title,
              OwnerId: ownerOf(account),
            },
          };
        }),
      ),
    },
    {
      type: 'Opportunity',
      existing: `SELECT AccountId, Name FROM Opportunity WHERE AccountId IN (${idList})`,
      key: (row) => `${String(row.AccountId)}|${String(row.Name)}`,
      wanted: ACCOUNTS.flatMap((account) =>
        account.opportunities.map((opportunity) => {
          const accountId = accountIds.get(account.name)!;
          return {
            key: `${accountId}|${opportunity.name}`,
            record: {
              AccountId: accountId,
              Name: opportunity.name,
              Amount: opportunity.amount,
              StageName: opportunity.stage,
              CloseDate: day(opportunity.closeInDays),
              Lost_To_Competitor__c: opportunity.lostTo ?? null,
              Value_Levers__c: opportunity.levers?.join(';') ?? null,
              OwnerId: ownerOf(account),
            },
          };
        }),
      ),
    },
    {
      type: 'Stance_Signal__c',
      existing: `SELECT Account__c, Trigger__c, Detail__c FROM Stance_Signal__c WHERE Account__c IN (${idList})`,
      key: (row) => `${String(row.Account__c)}|${String(row.Trigger__c)}|${String(row.Detail__c)}`,
      wanted: ACCOUNTS.flatMap((account) =>
        account.signals.map((signal) => {
          const accountId = accountIds.get(account.name)!;
          const handled = signal.status === 'Confirmed' || signal.status === 'Acknowledged';
          return {
            key: `${accountId}|${signal.trigger}|${signal.detail}`,
            record: {
              Account__c: accountId,
              Trigger__c: signal.trigger,
              Status__c: signal.status,
              Source__c: signal.source,
              Detail__c: signal.detail,
              Acknowledged_At__c: handled ? at(Math.max(0, signal.daysAgo - 1)) : null,
              Dismissed_At__c: signal.status === 'Dismissed' ? at(Math.max(0, signal.daysAgo - 1)) : null,
              Dismiss_Reason__c: signal.dismissReason ?? null,
              Detection_Key__c: signal.source === 'Detected' ? `demo:${account.key}:${signal.trigger}` : null,
              Competitor__c: signal.competitor ?? null,
              Value_Levers__c: signal.levers?.join(';') ?? null,
              Transition_Until__c:
                signal.transitionUntilInDays === undefined ? null : day(signal.transitionUntilInDays),
            },
          };
        }),
      ),
    },
    {
      type: 'Case',
      existing: `SELECT AccountId, Subject FROM Case WHERE AccountId IN (${idList})`,
      key: (row) => `${String(row.AccountId)}|${String(row.Subject)}`,
      wanted: ACCOUNTS.flatMap((account) =>
        (account.cases ?? []).map((demoCase) => {
          const accountId = accountIds.get(account.name)!;
          return {
            key: `${accountId}|${demoCase.subject}`,
            // Status only: the org derives IsClosed and ClosedDate from it (a closed case closes today).
            record: {
              AccountId: accountId,
              Subject: demoCase.subject,
              Status: demoCase.status,
              OwnerId: owners.get(demoCase.owner ?? 'sam') ?? me.user_id,
            },
          };
        }),
      ),
    },
  ];
  if (accountIds.size > 0) {
    for (const child of children) {
      const have = new Set((await queryAll(conn, child.existing)).map(child.key));
      const missing = child.wanted.filter((wanted) => !have.has(wanted.key));
      await createAll(
        conn,
        access,
        child.type,
        missing.map((wanted) => wanted.record),
      );
      tallies[child.type] = { created: missing.length, existing: child.wanted.length - missing.length };
    }
  }

  // Market signals, by name.
  const haveSignals = new Set(
    (
      await queryAll(
        conn,
        `SELECT Name FROM Market_Signal__c WHERE Name IN (${MARKET_SIGNALS.map((s) => quote(s.name)).join(',')})`,
      )
    ).map((row) => String(row.Name)),
  );
  const newSignals = MARKET_SIGNALS.filter((signal) => !haveSignals.has(signal.name));
  await createAll(
    conn,
    access,
    'Market_Signal__c',
    newSignals.map((signal) => ({
      Name: signal.name,
      Kind__c: signal.kind,
      Effect__c: signal.effect,
      Industry__c: signal.industry ?? null,
      Country__c: signal.country ?? null,
      Active_From__c: day(-signal.startedDaysAgo),
      Description__c: signal.description,
    })),
  );
  tallies.Market_Signal__c = { created: newSignals.length, existing: MARKET_SIGNALS.length - newSignals.length };

  // The portfolio history, upserted on its key: a re-run the same day updates the same weeks.
  if (!access.skipped.has(SNAPSHOT_OBJECT)) {
    const snapshots = snapshotRecords(now, (person) => owners.get(person) ?? me.user_id);
    try {
      tallies[SNAPSHOT_OBJECT] = await upsertSnapshots(conn, snapshots);
    } catch (error) {
      // The rest is loaded by now: a problem to fix, not a load that did nothing.
      const message = (error as Error).message;
      problems.push(
        /TRANSFER_REQUIRES_READ/.test(message)
          ? `${message}: every user --owners names needs Stance_User, which reads the history (sf org assign permset --name Stance_User --on-behalf-of <username>)`
          : message,
      );
    }
  }

  for (const [type, tally] of Object.entries(tallies))
    lines.push(`${type}: ${tally.created} created, ${tally.existing} already there`);

  await joinIntegrationGroup(conn, options.integrationUser, lines, problems);
  return { tallies, lines, problems };
}

/** Adds the integration user to Stance_Integration_Users, which the package's sharing rule gives Edit on every account. */
async function joinIntegrationGroup(
  conn: Connection,
  username: string | undefined,
  lines: string[],
  problems: string[],
): Promise<void> {
  if (!username) {
    problems.push(
      `No integration user named (--integration-user or SF_USERNAME): add it to the public group ${INTEGRATION_GROUP} yourself (Setup > Users > Public Groups > Stance Integration Users > Edit)`,
    );
    return;
  }
  const groups = await queryAll(
    conn,
    `SELECT Id FROM Group WHERE DeveloperName = ${quote(INTEGRATION_GROUP)} AND Type = 'Regular'`,
  );
  if (groups.length === 0) {
    problems.push(
      `The public group ${INTEGRATION_GROUP} is missing: deploy the package first (sf project deploy start --target-org <alias>)`,
    );
    return;
  }
  const users = await queryAll(conn, `SELECT Id, IsActive FROM User WHERE Username = ${quote(username)}`);
  if (users.length === 0) {
    problems.push(`No user ${username} in this org: create the integration user first (docs/deploying.md)`);
    return;
  }
  const groupId = String(groups[0]!.Id);
  const userId = String(users[0]!.Id);
  const member = await queryAll(
    conn,
    `SELECT Id FROM GroupMember WHERE GroupId = ${quote(groupId)} AND UserOrGroupId = ${quote(userId)}`,
  );
  if (member.length > 0) {
    lines.push(`${username} is already a member of ${INTEGRATION_GROUP}`);
    return;
  }
  await createAll(conn, null, 'GroupMember', [{ GroupId: groupId, UserOrGroupId: userId }]);
  lines.push(`${username} added to the public group ${INTEGRATION_GROUP}`);
}

async function ownerIds(conn: Connection, owners: Readonly<Record<string, string>>): Promise<Map<string, string>> {
  const known = new Set(USERS.map((user) => user.key));
  const unknown = Object.keys(owners).filter((key) => !known.has(key));
  if (unknown.length > 0)
    throw new DemoError(`--owners: no demo person ${unknown.join(', ')} (the demo's people: ${[...known].join(', ')})`);
  const result = new Map<string, string>();
  const usernames = [...new Set(Object.values(owners))];
  if (usernames.length === 0) return result;
  const rows = await queryAll(
    conn,
    `SELECT Id, Username, IsActive FROM User WHERE Username IN (${usernames.map(quote).join(',')})`,
  );
  const byName = new Map(rows.map((row) => [String(row.Username).toLowerCase(), row]));
  for (const [key, username] of Object.entries(owners)) {
    const row = byName.get(username.toLowerCase());
    if (!row) throw new DemoError(`--owners: no user ${username} in this org (for ${key})`);
    if (row.IsActive === false) throw new DemoError(`--owners: ${username} is inactive (for ${key})`);
    result.set(key, String(row.Id));
  }
  return result;
}

async function queryAll(conn: Connection, soql: string): Promise<Row[]> {
  const result = await conn.query<Row>(soql, { autoFetch: true, maxFetch: 50_000 });
  return result.records;
}

/**
 * Creates records in batches of 200 (the sObject Collections limit), each all or none, without the
 * fields the user may not set; answers their ids in order.
 */
async function createAll(conn: Connection, access: DemoAccess | null, type: string, rows: Row[]): Promise<string[]> {
  const records = access ? withoutLeftOut(type, rows, access) : rows;
  const ids: string[] = [];
  for (let start = 0; start < records.length; start += BATCH) {
    const batch = records.slice(start, start + BATCH);
    const results = await conn.sobject(type).create(batch, { allOrNone: true });
    for (const result of results) {
      if (!result.success) {
        const errors = (result as { errors?: Array<{ statusCode?: string; errorCode?: string; message: string }> })
          .errors;
        const first = errors?.[0];
        throw new DemoError(
          `Creating ${type} failed: ${first?.statusCode ?? first?.errorCode ?? ''} ${first?.message ?? ''}`.trim(),
        );
      }
      ids.push(result.id);
    }
  }
  return ids;
}
