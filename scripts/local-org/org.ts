/** The local org: schema, storage, auth, change events, API accounting and faults, wired together. */
import { join } from 'node:path';
import { readProjectMetadata } from '../metadata/reader';
import type { ProjectMetadata } from '../metadata/reader';
import { Access } from './access/access';
import { permissionSetLicenceCheck } from './access/licences';
import { loadSetupRecords } from './access/setup';
import { Auth } from './auth/auth';
import type { OrgUser, UserDirectory } from './auth/auth';
import { ClientApps, consoleCallbacksFromEnv } from './auth/clientApps';
import type { ClientApp } from './auth/clientApps';
import { StreamAccess } from './cdc/access';
import { eventsOf, gapEvent } from './cdc/events';
import { CustomChannels } from './cdc/channels';
import { CdcHub } from './cdc/hub';
import { ApiError } from './errors';
import { Faults } from './faults';
import { loadGroups } from './groups';
import { makeId } from './ids';
import { loadCustomMetadata } from './metadataApi/records';
import { ApiAccounting, EventDeliveries } from './limits';
import { OrgLanguages } from './i18n/words';
import type { Words } from './i18n/words';
import { buildOrgSchema } from './schema/build';
import { Sharing } from './sharing/sharing';
import type { OrgWideDefault } from './sharing/sharing';
import type { OrgSchema } from './schema/orgSchema';
import { Store } from './store/store';
import { quote, tableOf } from './store/tables';
import { toSql } from './store/values';
import type { SqlValue } from './store/values';
import type { WriteContext } from './store/writes';

export const PROJECT_ROOT = join(__dirname, '../..');

export interface LocalOrgOptions {
  readonly projectRoot?: string;
  /** force-app/main/default by default. */
  readonly sourceDir?: string;
  /** SQLite file, or :memory: (the default). */
  readonly db?: string;
  readonly dailyApiLimit?: number;
  /** Change and platform events deliverable to API subscribers in 24 hours (Developer Edition: 10,000). */
  readonly dailyEventDeliveries?: number;
  readonly tokenLifetimeSeconds?: number;
  readonly retentionHours?: number;
  /** The CometD connect advice's `timeout` (45 s by default, as Salesforce's 110 s is long for tests). */
  readonly cometdTimeoutMs?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly username?: string;
  readonly password?: string;
  readonly jwtCertificate?: string;
  /**
   * External Client Apps for the authorization code flow with PKCE, beside the built-in
   * `stance-console` (whose callback URLs env LOCAL_ORG_CONSOLE_CALLBACK, a comma list, adds to).
   */
  readonly clientApps?: readonly ClientApp[];
  /** Records per page of Bulk API 2.0 query results when the client names no maxRecords. */
  readonly bulkPageSize?: number;
  /** Seeds the order /composite runs collated subrequests in (1 by default): same seed, same orders. */
  readonly collationSeed?: number;
  readonly clock?: () => number;
  /**
   * The org-wide default of Account, Opportunity and Case (Contact is Controlled by Parent; custom
   * objects have their own sharingModel): `private`, `read` (Public Read Only, the default, as in
   * the demo) or `readwrite`.
   */
  readonly sharing?: OrgWideDefault;
}

export interface SentNotification {
  readonly customNotifTypeId: string;
  readonly recipientIds: readonly string[];
  readonly title: string;
  readonly body: string;
  readonly targetId: string | null;
  /** The page it opens when it names no record (JSON, e.g. a list view). */
  readonly targetPageRef: string | null;
  readonly at: number;
  /** The active users it reached: the user ids among the recipients and the groups' members. */
  readonly deliveredTo: readonly string[];
}

export const DEFAULTS = {
  clientId: 'stance-local',
  clientSecret: 'stance-local-secret',
  username: 'admin@stance.local',
  password: 'stance-local',
  dailyApiLimit: 100_000,
  dailyEventDeliveries: 50_000,
  tokenLifetimeSeconds: 2 * 3600,
  retentionHours: 72,
} as const;

export class LocalOrg {
  readonly metadata: ProjectMetadata;
  readonly schema: OrgSchema;
  readonly store: Store;
  /** Who may do what: profiles and permission sets (object CRUD, field-level security, system permissions). */
  readonly access: Access;
  /** Record-level sharing: org-wide defaults, owners, the role hierarchy, sharing rules. */
  readonly sharing: Sharing;
  /** The package's translations: what objects, fields and values are called in each person's language. */
  readonly languages: OrgLanguages;
  readonly auth: Auth;
  readonly hub: CdcHub;
  readonly accounting: ApiAccounting;
  readonly eventDeliveries: EventDeliveries;
  readonly faults = new Faults();
  readonly notifications: SentNotification[] = [];
  readonly orgId = makeId('00D', 1);
  readonly adminUserId: string;
  readonly integrationUserId: string;
  /** Entities whose change events force-app enables (PlatformEventChannelMember). */
  readonly changeEventEntities: ReadonlySet<string>;
  /** Custom change event channels of force-app (/data/<Name>__chn), with their members' filters. */
  readonly customChannels: CustomChannels;
  readonly clock: () => number;
  readonly bulkPageSize: number;
  readonly collationSeed: number;
  private commitNumber = 0;

  constructor(options: LocalOrgOptions = {}) {
    const root = options.projectRoot ?? PROJECT_ROOT;
    this.clock = options.clock ?? Date.now;
    this.bulkPageSize = options.bulkPageSize ?? 50_000;
    this.collationSeed = options.collationSeed ?? 1;
    this.metadata = readProjectMetadata(options.sourceDir ?? join(root, 'force-app/main/default'), root);
    this.schema = buildOrgSchema(this.metadata);
    this.languages = new OrgLanguages(this.metadata);
    this.customChannels = new CustomChannels(this.metadata);
    this.store = new Store(this.schema, options.db ?? ':memory:');
    this.access = new Access(this.metadata, this.store.db);
    this.store.access = (userId) => this.access.rightsOf(userId);
    this.store.createChecks.push(
      permissionSetLicenceCheck(this.store.db, this.schema, (name) => this.access.permissionSet(name)),
    );
    this.sharing = new Sharing(this.store.db, this.schema, this.metadata, options.sharing ?? 'read');
    this.store.sharing = this.sharing;
    const username = options.username ?? DEFAULTS.username;
    this.adminUserId = this.ensureUser(username, 'Stance', 'Admin');
    this.integrationUserId = this.ensureUser('integration@stance.local', 'Stance', 'Integration');
    const users: OrgUser[] = [
      {
        id: this.adminUserId,
        username,
        password: options.password ?? DEFAULTS.password,
        name: 'Stance Admin',
        email: 'admin@stance.local',
      },
      {
        id: this.integrationUserId,
        username: 'integration@stance.local',
        password: randomPassword(),
        name: 'Stance Integration',
        email: 'integration@stance.local',
      },
    ];
    this.auth = new Auth(
      {
        orgId: this.orgId,
        clientId: options.clientId ?? DEFAULTS.clientId,
        clientSecret: options.clientSecret ?? DEFAULTS.clientSecret,
        ...(options.jwtCertificate ? { jwtCertificate: options.jwtCertificate } : {}),
        tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULTS.tokenLifetimeSeconds,
        users,
        directory: this.userDirectory(users, options.password ?? DEFAULTS.password),
        runAsUserId: this.integrationUserId,
        clientApps: new ClientApps(options.clientApps, consoleCallbacksFromEnv(process.env)),
      },
      this.clock,
    );
    this.eventDeliveries = new EventDeliveries(
      this.store.db,
      options.dailyEventDeliveries ?? DEFAULTS.dailyEventDeliveries,
      this.clock,
    );
    this.hub = new CdcHub(
      this.store.db,
      this.auth,
      {
        retentionHours: options.retentionHours ?? DEFAULTS.retentionHours,
        ...(options.cometdTimeoutMs ? { adviceTimeoutMs: options.cometdTimeoutMs } : {}),
        deliveries: this.eventDeliveries,
        gate: new StreamAccess(this.schema, this.access),
        channelExists: (channel) => this.channelExists(channel),
        fanOut: (event) => this.customChannels.fanOut(event),
      },
      this.clock,
    );
    this.accounting = new ApiAccounting(this.store.db, options.dailyApiLimit ?? DEFAULTS.dailyApiLimit, this.clock);
    this.changeEventEntities = new Set(
      this.metadata.files
        // A member of a custom channel (./cdc/channels.ts) does not select its entity for the standard channels.
        .filter(
          (file) => file.kind === 'platformEventChannelMember' && String(file.xml.eventChannel) === 'ChangeEvents',
        )
        .map((file) =>
          String(file.xml.selectedEntity)
            .replace(/__ChangeEvent$/, '__c')
            .replace(/ChangeEvent$/, ''),
        ),
    );
    this.loadSystemRecords();
  }

  /**
   * Runs writes in one transaction, then stores and delivers their change events and the platform
   * events published in it with PublishAfterCommit (none when it rolls back). PublishImmediately
   * events go out when the outermost transaction ends, whether or not it commits.
   */
  write<T>(context: WriteContext, work: () => T): T {
    try {
      const result = this.store.transaction({ ...context, now: context.now ?? this.clock() }, work);
      const changeEvents =
        result.changes.length > 0
          ? eventsOf(result, this.schema, this.changeEventEntities, () => ++this.commitNumber)
          : [];
      if (changeEvents.length > 0 || result.events.length > 0) this.hub.publish([...changeEvents, ...result.events]);
      return result.value;
    } finally {
      const immediate = this.store.takeImmediateEvents();
      if (immediate.length > 0) this.hub.publish(immediate);
    }
  }

  context(userId: string, client?: string, apiVersion = '62.0'): WriteContext {
    return { userId, apiVersion, now: this.clock(), ...(client ? { client } : {}) };
  }

  /** For tests: a GAP_* event for records, or GAP_OVERFLOW for a whole entity. */
  emitGap(entity: string, changeType: string, recordIds: string[] = []): void {
    this.hub.publish([gapEvent(entity, changeType, recordIds, ++this.commitNumber, this.adminUserId)]);
  }

  /**
   * Changes a custom metadata record's fields as a deployment would (the data API cannot write
   * them), stamping SystemModstamp so a poller sees it. For the bench and tests (`/__local`).
   */
  deployCustomMetadata(type: string, developerName: string, values: Readonly<Record<string, unknown>>): void {
    const object = this.schema.object(type);
    if (!object?.customMetadata) throw new ApiError(400, 'INVALID_TYPE', `${type} is not a custom metadata type`);
    const assignments: string[] = [];
    const parameters: SqlValue[] = [];
    for (const [name, value] of Object.entries(values)) {
      const field = object.fields.get(name);
      if (!field || !name.endsWith('__c'))
        throw new ApiError(400, 'INVALID_FIELD', `No such custom field '${name}' on ${type}`);
      assignments.push(`${quote(field.name)} = ?`);
      parameters.push(toSql(object, field, value));
    }
    assignments.push(`"SystemModstamp" = ?`);
    parameters.push(new Date(this.clock()).toISOString());
    const changed = this.store.db
      .prepare(`UPDATE ${quote(tableOf(object))} SET ${assignments.join(', ')} WHERE "DeveloperName" = ?`)
      .run(...parameters, developerName);
    if (changed.changes === 0)
      throw new ApiError(404, 'NOT_FOUND', `No ${type} record with DeveloperName ${developerName}`);
  }

  /**
   * The streaming channels a client can subscribe to: /event/X__e for a platform event force-app
   * defines, /data/ChangeEvents and /data/<Entity>ChangeEvent for an entity whose change events
   * are enabled, /data/<Name>__chn for a custom data channel force-app ships. PushTopics (/topic/...) and generic streaming (/u/...) are not modelled.
   */
  channelExists(channel: string): boolean {
    if (channel.startsWith('/event/')) {
      const object = this.schema.object(channel.slice('/event/'.length));
      return object?.platformEvent ? channel === `/event/${object.name}` : false;
    }
    if (channel === '/data/ChangeEvents' || this.customChannels.has(channel)) return true;
    const entity = /^\/data\/(\w+?)(__)?ChangeEvent$/.exec(channel);
    if (!entity) return false;
    return this.changeEventEntities.has(entity[2] ? `${entity[1]}__c` : entity[1]!);
  }

  close(): void {
    this.hub.close();
    this.store.close();
  }

  /**
   * Every other active user in the User table signs in with the org's password: the demo seed's
   * users (dana@stance.local, sam@stance.local, ...), also when a file database is reopened and
   * the seed does not run again.
   */
  private userDirectory(configured: readonly OrgUser[], password: string): UserDirectory {
    const reserved = new Set(configured.map((user) => user.id));
    const select = (where: string) =>
      this.store.db.prepare(
        `SELECT "Id", "Username", "Name", "Email" FROM "o_User" WHERE ${where} AND "IsActive" = 1 AND "IsDeleted" = 0`,
      );
    const byId = select(`"Id" = ?`);
    const byUsername = select(`lower("Username") = lower(?)`);
    const user = (row: unknown): OrgUser | undefined => {
      const found = row as { Id: string; Username: string; Name: string | null; Email: string | null } | undefined;
      if (!found || reserved.has(found.Id)) return undefined;
      return {
        id: found.Id,
        username: found.Username,
        password,
        name: found.Name ?? found.Username,
        email: found.Email ?? found.Username,
      };
    };
    return {
      byId: (id) => user(byId.get(id)),
      byUsername: (username) => user(byUsername.get(username)),
    };
  }

  /** The words of this user's language (User.LanguageLocaleKey; en_US when unset). */
  wordsFor(userId: string): Words {
    const row = this.store.db.prepare(`SELECT "LanguageLocaleKey" FROM "o_User" WHERE "Id" = ?`).get(userId) as
      { LanguageLocaleKey: string | null } | undefined;
    return this.languages.words(row?.LanguageLocaleKey);
  }

  /** The id of the user with this username, created when the org has none. */
  private ensureUser(username: string, firstName: string, lastName: string): string {
    const found = this.store.db.prepare(`SELECT "Id" FROM "o_User" WHERE "Username" = ?`).get(username) as
      { Id: string } | undefined;
    if (found) return found.Id;
    return this.store.insertRaw(
      'User',
      {
        Username: username,
        FirstName: firstName,
        LastName: lastName,
        Name: `${firstName} ${lastName}`,
        Alias: username.slice(0, 8),
        Email: username,
        IsActive: true,
        Department: 'Sales',
        LanguageLocaleKey: 'en_US',
        LocaleSidKey: 'en_US',
        TimeZoneSidKey: 'GMT',
        DefaultCurrencyIsoCode: 'USD',
      },
      { userId: makeId('005', 0), apiVersion: '62.0', now: this.clock() },
    );
  }

  /** The organization, setup records and the custom metadata records: metadata, reloaded at every start. */
  private loadSystemRecords(): void {
    const context = { userId: this.adminUserId, apiVersion: '62.0', now: this.clock() };
    const db = this.store.db;
    db.transaction(() => {
      if (!this.store.row(this.schema.object('Organization')!, this.orgId)) {
        this.store.insertRaw(
          'Organization',
          {
            Id: this.orgId,
            Name: 'Stance Local Org',
            InstanceName: 'LOCAL',
            IsSandbox: false,
            OrganizationType: 'Developer Edition',
          },
          context,
        );
      }
      this.loadSetup(context);
      loadGroups(this.store, this.metadata, context, {
        Stance_Admins: [this.adminUserId],
        Stance_Integration_Users: [this.integrationUserId],
      });
      // Custom metadata records from force-app, except those the Metadata API wrote (./metadataApi/records.ts).
      loadCustomMetadata(this.store, this.schema, this.metadata, context);
    })();
  }

  private loadSetup(context: { userId: string; apiVersion: string; now: number }): void {
    loadSetupRecords(
      this.store,
      this.metadata,
      { adminUserId: this.adminUserId, integrationUserId: this.integrationUserId },
      this.access.profileNames(),
      context,
    );
  }
}

function randomPassword(): string {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}
