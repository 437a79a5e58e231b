/** Loads the demo firm into a local org (`--seed demo`). */
import { ACCOUNTS, DEMO_LOCALE, DEMO_ROLES, MARKET_SIGNALS, USERS } from '../demo-data/firm';
import { assignPermissionSet, setProfile } from './access/setup';
import { PROFILES } from './access/grants';
import type { LocalOrg } from './org';
import { fieldOf } from './schema/orgSchema';
import { seedPortfolioSnapshots } from './seedSnapshots';

const DAY = 86_400_000;

export function seedDemo(org: LocalOrg): void {
  const now = org.clock();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
  const store = org.store;
  const base = org.context(org.adminUserId);
  // A file database keeps what it had: seed only an empty org.
  const existing = store.db.prepare(`SELECT COUNT(*) AS n FROM "o_Account"`).get() as { n: number };
  if (existing.n > 0) return;
  // Case.IsClosed and ClosedDate, where the org's Case has them (Salesforce derives both from Status).
  const caseIsClosed = fieldOf(store.object('Case'), 'ClosedDate') !== undefined;
  store.db.transaction(() => {
    const users = seedPeople(org);
    for (const account of ACCOUNTS) {
      const owner = users.get(account.owner)!;
      const accountId = store.insertRaw(
        'Account',
        {
          Name: account.name,
          Type: account.type,
          Industry: account.industry,
          BillingCountry: account.country,
          AnnualRevenue: account.annualRevenue,
          OwnerId: owner,
          Strategic_Account__c: account.strategic ?? false,
          Stance_Override__c: account.override?.stance ?? null,
          Stance_Override_Reason__c: account.override?.reason ?? null,
          Stance_Override_Until__c: account.override ? day(account.override.untilInDays) : null,
          CreatedDate: at(1000),
        },
        base,
      );
      for (const contact of account.contacts) {
        store.insertRaw(
          'Contact',
          {
            AccountId: accountId,
            FirstName: contact.firstName,
            LastName: contact.lastName,
            Name: `${contact.firstName} ${contact.lastName}`,
            Title: contact.title,
            OwnerId: owner,
            CreatedDate: at(contact.daysAgo),
          },
          base,
        );
      }
      for (const opportunity of account.opportunities) {
        const closed = opportunity.stage.startsWith('Closed');
        store.insertRaw(
          'Opportunity',
          {
            AccountId: accountId,
            Name: opportunity.name,
            Amount: opportunity.amount,
            StageName: opportunity.stage,
            CloseDate: day(opportunity.closeInDays),
            IsClosed: closed,
            IsWon: opportunity.stage === 'Closed Won',
            Lost_To_Competitor__c: opportunity.lostTo ?? null,
            Value_Levers__c: opportunity.levers?.join(';') ?? null,
            OwnerId: owner,
          },
          base,
        );
      }
      for (const signal of account.signals) {
        store.insertRaw(
          'Stance_Signal__c',
          {
            Account__c: accountId,
            Trigger__c: signal.trigger,
            Status__c: signal.status,
            Source__c: signal.source,
            Detail__c: signal.detail,
            CreatedDate: at(signal.daysAgo),
            CreatedById: users.get(signal.by)!,
            // Last touched when it was handled (acknowledged, confirmed, dismissed), else when made:
            // a seeded history, not changes of the day the org starts (the digest counts those).
            LastModifiedDate: at(
              signal.status === 'New' || signal.status === 'Done' ? signal.daysAgo : Math.max(0, signal.daysAgo - 1),
            ),
            Acknowledged_At__c:
              signal.status === 'Confirmed' || signal.status === 'Acknowledged'
                ? at(Math.max(0, signal.daysAgo - 1))
                : null,
            Dismissed_At__c: signal.status === 'Dismissed' ? at(Math.max(0, signal.daysAgo - 1)) : null,
            Dismiss_Reason__c: signal.dismissReason ?? null,
            Detection_Key__c: signal.source === 'Detected' ? `demo:${account.key}:${signal.trigger}` : null,
            Competitor__c: signal.competitor ?? null,
            Value_Levers__c: signal.levers?.join(';') ?? null,
            Transition_Until__c: signal.transitionUntilInDays === undefined ? null : day(signal.transitionUntilInDays),
          },
          base,
        );
      }
      for (const demoCase of account.cases ?? []) {
        store.insertRaw(
          'Case',
          {
            AccountId: accountId,
            Subject: demoCase.subject,
            Status: demoCase.status,
            // Salesforce keeps IsClosed and ClosedDate from the status; a raw load sets them itself.
            ...(caseIsClosed
              ? {
                  IsClosed: demoCase.status === 'Closed',
                  ClosedDate: demoCase.status === 'Closed' ? at(Math.max(0, demoCase.daysAgo - 2)) : null,
                }
              : {}),
            OwnerId: users.get(demoCase.owner ?? 'sam')!,
            CreatedDate: at(demoCase.daysAgo),
          },
          base,
        );
      }
    }
    seedMarketSignals(org);
    seedPortfolioSnapshots(org, users);
  })();
}

/**
 * The demo firm's roles and people, each with the Standard User profile and the permission sets
 * docs/deploying.md assigns them; returns their user ids by key (dana, nina, ...).
 */
export function seedPeople(org: LocalOrg): Map<string, string> {
  const store = org.store;
  const base = org.context(org.adminUserId);
  const roles = new Map<string, string>();
  for (const role of DEMO_ROLES) {
    roles.set(
      role.developerName,
      store.insertRaw(
        'UserRole',
        {
          Name: role.name,
          DeveloperName: role.developerName,
          ParentRoleId: role.parent ? roles.get(role.parent)! : null,
        },
        base,
      ),
    );
  }
  const users = new Map<string, string>();
  for (const user of USERS) {
    const id = store.insertRaw(
      'User',
      {
        Username: `${user.key}@stance.local`,
        FirstName: user.firstName,
        LastName: user.lastName,
        Name: `${user.firstName} ${user.lastName}`,
        Alias: user.key,
        Email: `${user.key}@stance.local`,
        Department: user.department,
        IsActive: true,
        UserRoleId: roles.get(user.role)!,
        LanguageLocaleKey: user.language ?? DEMO_LOCALE.language,
        LocaleSidKey: user.locale ?? DEMO_LOCALE.locale,
        TimeZoneSidKey: user.timeZone ?? DEMO_LOCALE.timeZone,
        DefaultCurrencyIsoCode: DEMO_LOCALE.currency,
      },
      base,
    );
    users.set(user.key, id);
    setProfile(store, id, PROFILES.standard);
    for (const name of user.permissionSets) assignPermissionSet(store, id, name, base);
  }
  return users;
}

/** The demo firm's market signals (cocoa prices, a competitor in Italy, a drought in Spain). */
export function seedMarketSignals(org: LocalOrg): void {
  const now = org.clock();
  const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
  const base = org.context(org.adminUserId);
  for (const signal of MARKET_SIGNALS) {
    org.store.insertRaw(
      'Market_Signal__c',
      {
        Name: signal.name,
        Kind__c: signal.kind,
        Effect__c: signal.effect,
        Industry__c: signal.industry ?? null,
        Country__c: signal.country ?? null,
        Active_From__c: day(-signal.startedDaysAgo),
        Description__c: signal.description,
      },
      base,
    );
  }
}
