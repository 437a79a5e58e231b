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
}

export interface DemoPerson {
  /** The part of the username before @: dana, sam, max ... */
  readonly key: string;
  readonly username: string;
  readonly userId: string;
  readonly name: string;
  readonly department: string;
}

interface TokenAnswer {
  access_token?: string;
  id?: string;
  error?: string;
  error_description?: string;
}

export class OrgSessions {
  private readonly tokens = new Map<string, Promise<string>>();
  private people: DemoPerson[] = [];

  constructor(
    private readonly client: OrgClient,
    /** The user who can list the others (any signed-in user can read User records). */
    private readonly directoryUsername: string,
  ) {}

  /** The demo people, read once from the org's User records (kept if the org goes away later). */
  async directory(): Promise<readonly DemoPerson[]> {
    if (this.people.length > 0) return this.people;
    const token = await this.token(this.directoryUsername);
    const soql =
      "SELECT Id, Name, Username, Department FROM User WHERE IsActive = true AND Username LIKE '%@stance.local' ORDER BY Name";
    const response = await this.call(
      `${this.client.orgUrl}/services/data/v${this.client.apiVersion}/query?q=${encodeURIComponent(soql)}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (!response.ok) throw new Error(`reading the demo users failed: ${response.status} ${await response.text()}`);
    const answer = (await response.json()) as {
      records: Array<{ Id: string; Name: string; Username: string; Department: string | null }>;
    };
    this.people = answer.records
      .filter((user) => user.Department)
      .map((user) => ({
        key: user.Username.split('@')[0]!,
        username: user.Username,
        userId: user.Id,
        name: user.Name,
        department: user.Department ?? '',
      }));
    return this.people;
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
