/**
 * The org's External Client Apps that may use the authorization code flow: a consumer key and
 * the callback URLs a `redirect_uri` must equal exactly, as Salesforce compares them (no prefix,
 * no trailing-slash or case leniency). PKCE (S256) is required for all of them, as when an
 * app's "Require Proof Key for Code Exchange (PKCE)" is on, and no consumer secret is asked for
 * the code exchange ("Require secret for Web Server Flow" off): the Stance console is a public
 * client that keeps only its PKCE verifier.
 */

export interface ClientApp {
  readonly name: string;
  /** The consumer key (client_id). */
  readonly clientId: string;
  readonly callbackUrls: readonly string[];
}

export const CONSOLE_APP_NAME = 'Stance Console';
export const CONSOLE_CLIENT_ID = 'stance-console';
/** Comma list of callback URLs added to the built-in Stance Console app. */
export const CONSOLE_CALLBACK_ENV = 'LOCAL_ORG_CONSOLE_CALLBACK';
/** Where the console's callback is when the sidecar runs on its default port (STANCE_PORT 7200). */
export const DEFAULT_CONSOLE_CALLBACKS: readonly string[] = [
  'http://localhost:7200/console/oauth/callback',
  'http://127.0.0.1:7200/console/oauth/callback',
];

/** A callback URL as Salesforce takes one: absolute, without a fragment (RFC 6749 3.1.2). */
function checkedCallback(url: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${where}: the callback URL ${JSON.stringify(url)} is not an absolute URL`);
  }
  if (parsed.hash || url.includes('#'))
    throw new Error(`${where}: the callback URL ${JSON.stringify(url)} has a fragment (#), which OAuth forbids`);
  return url;
}

/** The callback URLs of LOCAL_ORG_CONSOLE_CALLBACK (a comma list; blank entries are ignored). */
export function consoleCallbacksFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return (env[CONSOLE_CALLBACK_ENV] ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '')
    .map((url) => checkedCallback(url, CONSOLE_CALLBACK_ENV));
}

export class ClientApps {
  private readonly apps = new Map<string, { name: string; callbackUrls: string[] }>();

  /**
   * The built-in Stance Console app (its default callbacks plus `consoleCallbacks`), then `apps`;
   * an app with a consumer key already registered adds its callback URLs to it.
   */
  constructor(apps: readonly ClientApp[] = [], consoleCallbacks: readonly string[] = []) {
    this.add({
      name: CONSOLE_APP_NAME,
      clientId: CONSOLE_CLIENT_ID,
      callbackUrls: [...DEFAULT_CONSOLE_CALLBACKS, ...consoleCallbacks],
    });
    for (const app of apps) this.add(app);
  }

  /** Registers an app, or adds callback URLs to the app with its consumer key. */
  add(app: ClientApp): void {
    const where = `External Client App ${JSON.stringify(app.name)}`;
    if (!app.clientId) throw new Error(`${where}: a consumer key (clientId) is required`);
    const urls = app.callbackUrls.map((url) => checkedCallback(url, where));
    const known = this.apps.get(app.clientId);
    if (!known) {
      this.apps.set(app.clientId, { name: app.name, callbackUrls: [...new Set(urls)] });
      return;
    }
    for (const url of urls) if (!known.callbackUrls.includes(url)) known.callbackUrls.push(url);
  }

  /** Adds one callback URL to a registered app (e.g. once a sidecar's port is known). */
  addCallbackUrl(clientId: string, url: string): void {
    const known = this.apps.get(clientId);
    if (!known) throw new Error(`No External Client App has the consumer key ${JSON.stringify(clientId)}`);
    this.add({ name: known.name, clientId, callbackUrls: [url] });
  }

  get(clientId: string | null | undefined): ClientApp | undefined {
    const known = clientId ? this.apps.get(clientId) : undefined;
    return known && clientId ? { clientId, name: known.name, callbackUrls: [...known.callbackUrls] } : undefined;
  }

  list(): ClientApp[] {
    return [...this.apps.keys()].map((clientId) => this.get(clientId)!);
  }

  /** Whether `redirectUri` is one of the app's callback URLs, character for character. */
  accepts(clientId: string, redirectUri: string | null | undefined): boolean {
    return !!redirectUri && (this.apps.get(clientId)?.callbackUrls.includes(redirectUri) ?? false);
  }
}
