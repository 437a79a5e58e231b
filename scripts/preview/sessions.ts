/**
 * The preview acts as the demo firm's people: it signs in to the org as each through the OAuth
 * password grant (as a browser session would), keeps one access token per person, and signs in
 * again when the org says a token is no longer valid. Tokens never reach the browser.
 */
export interface OrgClient {
  readonly orgUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The demo users' password (the local org gives them all the same one). */
  readonly password: string;
  readonly apiVersion: string;
  /**
   * Who reads the people of the org (the org's admin by default): profiles and permission set
   * assignments, which tell system users from people, are setup data only an admin may read.
   */
  readonly adminUsername?: string;
}

/** What marks a system user in a Salesforce org: the admin's profile, the integration user's permission set. */
export const SYSTEM_PROFILE = 'System Administrator';
export const INTEGRATION_PERMISSION_SET = 'Stance_Integration';
const DEFAULT_ADMIN = 'admin@stance.local';
/** The User fields that carry a person's language and formats, where the org has them. */
const LOCALE_FIELDS = ['LanguageLocaleKey', 'LocaleSidKey', 'TimeZoneSidKey', 'DefaultCurrencyIsoCode'] as const;

export interface DemoPerson {
  /** The part of the username before @: dana, sam, max ... */
  readonly key: string;
  readonly username: string;
  readonly userId: string;
  readonly name: string;
  readonly department: string;
  /** User.LanguageLocaleKey ('en_US', 'de'), LocaleSidKey ('de_DE'), TimeZoneSidKey, the currency: null where unset. */
  readonly languageLocaleKey: string | null;
  readonly localeSidKey: string | null;
  readonly timeZoneSidKey: string | null;
  readonly currencyIsoCode: string | null;
}

type UserRow = { Id: string; Name: string; Username: string; Department: string | null; ProfileId: string | null } & {
  [field in (typeof LOCALE_FIELDS)[number]]?: string | null;
};

interface TokenAnswer {
  access_token?: string;
  id?: string;
  error?: string;
  error_description?: string;
}

export class OrgSessions {
  private readonly tokens = new Map<string, Promise<string>>();
  private people: DemoPerson[] = [];

  constructor(private readonly client: OrgClient) {}

  /**
   * The demo firm's people, read once from the org's User records (kept if the org goes away
   * later): active users of the demo's domain, without the org's system users (the System
   * Administrator profile, or the Stance_Integration permission set), read as the org's admin.
   */
  async directory(): Promise<readonly DemoPerson[]> {
    if (this.people.length > 0) return this.people;
    const fields = await this.userFields();
    const locale = LOCALE_FIELDS.filter((field) => fields.has(field));
    const users = await this.query<UserRow>(
      `SELECT Id, Name, Username, Department, ProfileId${locale.map((field) => `, ${field}`).join('')} FROM User WHERE IsActive = true AND Username LIKE '%@stance.local' ORDER BY Name`,
    );
    const systemProfiles = new Set(
      (await this.query<{ Id: string }>(`SELECT Id FROM Profile WHERE Name = '${SYSTEM_PROFILE}'`)).map(
        (row) => row.Id,
      ),
    );
    const integrationSets = (
      await this.query<{ Id: string }>(`SELECT Id FROM PermissionSet WHERE Name = '${INTEGRATION_PERMISSION_SET}'`)
    ).map((row) => `'${row.Id}'`);
    const integrationUsers = new Set(
      integrationSets.length === 0
        ? []
        : (
            await this.query<{ AssigneeId: string }>(
              `SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSetId IN (${integrationSets.join(', ')})`,
            )
          ).map((row) => row.AssigneeId),
    );
    this.people = users
      .filter((user) => !(user.ProfileId && systemProfiles.has(user.ProfileId)) && !integrationUsers.has(user.Id))
      .map((user) => ({
        key: user.Username.split('@')[0]!,
        username: user.Username,
        userId: user.Id,
        name: user.Name,
        department: user.Department ?? '',
        languageLocaleKey: user.LanguageLocaleKey ?? null,
        localeSidKey: user.LocaleSidKey ?? null,
        timeZoneSidKey: user.TimeZoneSidKey ?? null,
        currencyIsoCode: user.DefaultCurrencyIsoCode ?? null,
      }));
    return this.people;
  }

  /** The User fields the org has (an org without the language fields still lists its people). */
  private async userFields(): Promise<Set<string>> {
    const answer = await this.get<{ fields: Array<{ name: string }> }>('/sobjects/User/describe', 'describing User');
    return new Set(answer.fields.map((field) => field.name));
  }

  private async query<T>(soql: string): Promise<T[]> {
    return (await this.get<{ records: T[] }>(`/query?q=${encodeURIComponent(soql)}`, soql)).records;
  }

  private async get<T>(path: string, what: string): Promise<T> {
    const admin = this.client.adminUsername ?? DEFAULT_ADMIN;
    const url = `${this.client.orgUrl}/services/data/v${this.client.apiVersion}${path}`;
    let response = await this.call(url, { headers: { Authorization: `Bearer ${await this.token(admin)}` } });
    if (response.status === 401) {
      this.invalidate(admin);
      response = await this.call(url, { headers: { Authorization: `Bearer ${await this.token(admin)}` } });
    }
    if (!response.ok)
      throw new Error(`reading the demo users failed (${what}): ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** The person's access token, signing in on first use. */
  token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = this.signIn(username);
      // A failed sign-in is not kept: the next request tries again.
      token.catch(() => this.tokens.delete(username));
      this.tokens.set(username, token);
    }
    return token;
  }

  /** Forgets a token the org refused, so the next request signs in again. */
  invalidate(username: string): void {
    this.tokens.delete(username);
  }

  private async signIn(username: string): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'password',
      client_id: this.client.clientId,
      client_secret: this.client.clientSecret,
      username,
      password: this.client.password,
    });
    const response = await this.call(`${this.client.orgUrl}/services/oauth2/token`, { method: 'POST', body });
    const answer = (await response.json().catch(() => ({}))) as TokenAnswer;
    if (!response.ok || !answer.access_token) {
      throw new Error(
        `signing in as ${username} failed: ${answer.error ?? response.status} ${answer.error_description ?? ''}`.trim(),
      );
    }
    return answer.access_token;
  }

  private async call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(
        `the org at ${this.client.orgUrl} did not answer (${cause?.code ?? cause?.message ?? (error as Error).message})`,
      );
    }
  }
}
