/**
 * What the portfolio's daily jobs read from the org and write to it, through SalesforceOrg (as the
 * integration user, gated by the API reserve like every other call). The reads are aggregate SOQL,
 * grouped by owner: a handful of calls a day whatever the number of accounts, with the org as the
 * system of record (the sidecar's mirror stays a cache). A REST page holds 2,000 rows and
 * Salesforce does not page aggregate results with queryMore, so each read asks for at most 2,000
 * groups in owner order and continues from the last owner (keyset): an owner's groups cut by the
 * page's end are read again with the next page.
 */
import type { ChangeGroup, HierarchyRole, HierarchyUser } from '../domain/digest';
import { EXIT_STEP_CODES } from '../domain/digest';
import { SNAPSHOT_KEY_FIELD, SNAPSHOT_OBJECT } from '../domain/portfolio';
import type { AccountGroup, SnapshotRecord, ValueLever } from '../domain/portfolio';
import type { Notification } from './notifier';
import type { SalesforceOrg } from './org';
import type { WriteOutcome } from './writer';

/** Rows per aggregate page: a REST query page's size. */
export const GROUPS_PER_PAGE = 2_000;
/** Notifications per customNotificationAction call. */
const NOTIFICATIONS_PER_CALL = 100;

type Row = Record<string, unknown>;

interface GroupedQuery {
  readonly select: string;
  readonly from: string;
  readonly where?: readonly string[];
  /** The owner field the groups are keyed and paged by (OwnerId, Account.OwnerId, ...). */
  readonly owner: string;
  /** The other GROUP BY fields. */
  readonly groupBy?: readonly string[];
}

/** A SOQL datetime literal (no milliseconds). */
export function soqlDateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function idLiteral(id: string): string {
  if (!/^[a-zA-Z0-9]{15,18}$/.test(id)) throw new Error(`not a Salesforce id: ${id}`);
  return `'${id}'`;
}

const number = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0) || 0);

/** Aggregate results name a grouped relationship field by its last part (Account.OwnerId -> OwnerId). */
const ownerOf = (row: Row): string => String(row.OwnerId ?? '');

export class PortfolioOrg {
  /** API calls made (a page read, a /composite call, a notification call). */
  calls = 0;

  constructor(
    private readonly org: SalesforceOrg,
    private readonly pageSize = GROUPS_PER_PAGE,
  ) {}

  /** Every owner's accounts by stance, at-risk and off-strategy flags, with their sums. */
  async accountGroups(): Promise<AccountGroup[]> {
    const rows = await this.grouped({
      select:
        'COUNT(Id) accounts, SUM(Stance_Plan_Steps__c) planSteps, SUM(Stance_Plan_Steps_Done__c) planStepsDone, ' +
        'SUM(Stance_Open_Deals__c) openDeals, SUM(Stance_Recent_Cases__c) recentCases, ' +
        'SUM(Stance_Open_Pipeline__c) openPipeline',
      from: 'Account',
      owner: 'OwnerId',
      groupBy: ['Stance__c', 'At_Risk__c', 'Stance_Effort_Off_Strategy__c'],
    });
    return rows.map((row) => ({
      ownerId: ownerOf(row),
      stance: (row.Stance__c as string | null) ?? null,
      atRisk: row.At_Risk__c === true,
      offStrategy: row.Stance_Effort_Off_Strategy__c === true,
      accounts: number(row.accounts),
      planSteps: number(row.planSteps),
      planStepsDone: number(row.planStepsDone),
      openDeals: number(row.openDeals),
      recentCases: number(row.recentCases),
      openPipeline: number(row.openPipeline),
    }));
  }

  /** Accounts whose stance changed at or after `since`, by owner. */
  async stanceChangedSince(since: number): Promise<Map<string, number>> {
    return this.countsByOwner({
      select: 'COUNT(Id) n',
      from: 'Account',
      where: [`Stance_Changed_At__c >= ${soqlDateTime(since)}`],
      owner: 'OwnerId',
    });
  }

  /** Won opportunities closed from `fromDay` to `toDay` whose Value_Levers__c includes the lever, by account owner. */
  async winsWith(lever: ValueLever, fromDay: string, toDay: string): Promise<Map<string, number>> {
    return this.countsByOwner({
      select: 'COUNT(Id) n',
      from: 'Opportunity',
      where: [
        'IsWon = true',
        'AccountId != null',
        `CloseDate >= ${fromDay}`,
        `CloseDate <= ${toDay}`,
        `Value_Levers__c INCLUDES ('${lever}')`,
      ],
      owner: 'Account.OwnerId',
    });
  }

  /** The stance history since `since`, grouped by the account's owner, from, to and at-risk. */
  async changesSince(since: number): Promise<ChangeGroup[]> {
    const rows = await this.grouped({
      select: 'COUNT(Id) n',
      from: 'Stance_Change__c',
      where: [`Changed_At__c >= ${soqlDateTime(since)}`],
      owner: 'Account__r.OwnerId',
      groupBy: ['From__c', 'To__c', 'At_Risk__c'],
    });
    return rows.map((row) => ({
      ownerId: ownerOf(row),
      from: (row.From__c as string | null) ?? null,
      to: (row.To__c as string | null) ?? null,
      atRisk: row.At_Risk__c === true,
      count: number(row.n),
    }));
  }

  /** Exit-plan steps marked done since `since` (the signal's last change), by the account's owner. */
  async exitStepsDoneSince(since: number): Promise<Map<string, number>> {
    return this.countsByOwner({
      select: 'COUNT(Id) n',
      from: 'Stance_Signal__c',
      where: [
        `Trigger__c IN (${EXIT_STEP_CODES.map((code) => `'${code}'`).join(', ')})`,
        `Status__c = 'Done'`,
        `LastModifiedDate >= ${soqlDateTime(since)}`,
      ],
      owner: 'Account__r.OwnerId',
    });
  }

  /** The role hierarchy: users with a role, and every role with its parent. */
  async hierarchy(): Promise<{ users: HierarchyUser[]; roles: HierarchyRole[] }> {
    const users = await this.readAll(
      'SELECT Id, Name, UserRoleId, IsActive, LanguageLocaleKey FROM User WHERE UserRoleId != null',
    );
    const roles = await this.readAll('SELECT Id, ParentRoleId FROM UserRole');
    return {
      users: users.map((user) => ({
        id: String(user.Id),
        name: String(user.Name ?? user.Id),
        roleId: (user.UserRoleId as string | null) ?? null,
        active: user.IsActive === true,
        language: (user.LanguageLocaleKey as string | null) ?? null,
      })),
      roles: roles.map((role) => ({ id: String(role.Id), parentId: (role.ParentRoleId as string | null) ?? null })),
    };
  }

  /** Upserts snapshots on Snapshot_Key__c: 5 collections of 200 per /composite call, allOrNone false. */
  async writeSnapshots(records: readonly SnapshotRecord[]): Promise<WriteOutcome[]> {
    if (records.length === 0) return [];
    this.calls += Math.ceil(records.length / 1_000);
    return this.org.write(
      records.map((record) => ({ type: SNAPSHOT_OBJECT, externalIdField: SNAPSHOT_KEY_FIELD, fields: record.fields })),
    );
  }

  /** Sends notifications, a hundred per call; answers those the org refused, with why. */
  async notify(notifications: readonly Notification[]): Promise<Array<{ notification: Notification; error: string }>> {
    const refused: Array<{ notification: Notification; error: string }> = [];
    for (let start = 0; start < notifications.length; start += NOTIFICATIONS_PER_CALL) {
      this.calls++;
      refused.push(...(await this.org.notifier.send(notifications.slice(start, start + NOTIFICATIONS_PER_CALL))));
    }
    return refused;
  }

  private async countsByOwner(query: GroupedQuery): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const row of await this.grouped(query)) {
      const owner = ownerOf(row);
      if (owner) counts.set(owner, (counts.get(owner) ?? 0) + number(row.n));
    }
    return counts;
  }

  /** An aggregate query read in owner order, a page of groups at a time (see the top of this file). */
  private async grouped(query: GroupedQuery): Promise<Row[]> {
    const groupBy = [query.owner, ...(query.groupBy ?? [])];
    const all: Row[] = [];
    let from: string | null = null;
    for (;;) {
      const where = [...(query.where ?? []), ...(from ? [`${query.owner} >= ${idLiteral(from)}`] : [])];
      const soql =
        `SELECT ${groupBy.join(', ')}, ${query.select} FROM ${query.from}` +
        (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
        ` GROUP BY ${groupBy.join(', ')} ORDER BY ${query.owner} LIMIT ${this.pageSize}`;
      const rows = await this.readAll(soql);
      if (rows.length < this.pageSize) return [...all, ...rows];
      const last = ownerOf(rows[rows.length - 1]!);
      const complete = rows.filter((row) => ownerOf(row) !== last);
      if (complete.length === 0 || !last) {
        throw new Error(
          `${query.from} grouped by ${groupBy.join(', ')}: owner ${last || '(none)'} alone has ${this.pageSize} groups or more`,
        );
      }
      all.push(...complete);
      from = last;
    }
  }

  private async readAll(soql: string): Promise<Row[]> {
    let pages = 0;
    const { records } = await this.org.read(soql, { kinds: {}, onProgress: () => pages++ });
    this.calls += Math.max(1, pages);
    return records;
  }
}
