/**
 * The sidecar's settings, from the environment, validated at start-up. Defaults point at the
 * local org, so `npm run sidecar` works next to `npm run local-org` with nothing set. A missing
 * or invalid setting stops start-up with one message that lists everything to set.
 */
import { z } from 'zod';

const url = z
  .url({ message: 'must be a URL such as https://mydomain.my.salesforce.com' })
  .transform((value) => value.replace(/\/+$/, ''));
const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  SF_LOGIN_URL: url.default('http://127.0.0.1:7100'),
  SF_INSTANCE_URL: url.optional(),
  SF_ACCESS_TOKEN: z.string().min(1).optional(),
  SF_CLIENT_ID: z.string().min(1).optional(),
  SF_CLIENT_SECRET: z.string().min(1).optional(),
  SF_USERNAME: z.string().min(1).optional(),
  SF_JWT_KEY_FILE: z.string().min(1).optional(),
  SF_JWT_AUDIENCE: z
    .url({ protocol: /^https$/, message: 'must be an https URL such as https://login.salesforce.com' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  SF_API_VERSION: z
    .string()
    .regex(/^\d{2}\.0$/, 'must look like 62.0')
    .default('62.0'),
  STANCE_CLIENT_NAME: z
    .string()
    .regex(/^[\w.-]{1,40}$/, 'letters, digits, dot, dash or underscore, at most 40')
    .default('stance-sidecar'),
  STANCE_ACCOUNT_CHANNEL: z
    .string()
    .regex(
      /^\/data\/(\w+__chn|AccountChangeEvent)$/,
      'must be a custom data channel such as /data/Stance_Accounts__chn, or /data/AccountChangeEvent',
    )
    .default('/data/Stance_Accounts__chn'),
  STANCE_DB: z.string().min(1).default('.data/stance.db'),
  STANCE_PORT: whole(1, 65535).default(7200),
  STANCE_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  STANCE_COALESCE_MS: whole(0, 60_000).default(500),
  STANCE_RECONCILE_INTERVAL_S: whole(10, 86_400).default(3_600),
  STANCE_RULES_POLL_S: whole(10, 86_400).default(300),
  STANCE_MARKET_POLL_S: whole(5, 86_400).default(300),
  STANCE_BULK_THRESHOLD: whole(1, 10_000_000).default(2_000),
  STANCE_DRIFT_REPAIRS_PER_DAY: whole(0, 1_000).default(5),
  STANCE_API_RESERVE_PCT: whole(0, 90).default(20),
  STANCE_API_RESERVE_PROBE_S: whole(1, 86_400).default(300),
  STANCE_REQUEST_TIMEOUT_S: whole(1, 3_600).default(30),
  STANCE_HEARTBEAT_S: whole(0, 86_400).default(60),
  STANCE_OUTBOX_STALL_S: whole(5, 86_400).default(120),
  STANCE_DISK_PROBE_S: whole(1, 3_600).default(5),
  STANCE_RECOMPUTE_PAGE: whole(1, 100_000).default(5_000),
  STANCE_SNAPSHOT_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a UTC time of day such as 00:05')
    .default('00:05'),
  STANCE_PORTFOLIO_TICK_S: whole(1, 3_600).default(60),
  STANCE_CONSOLE_CLIENT_ID: z.string().min(1).optional(),
  STANCE_CONSOLE_URL: url.optional(),
  STANCE_CONSOLE_LOGIN_URL: url.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});

/** Settings that only make sense together; checked on the raw environment so every problem is reported at once. */
function pairingProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  if (env.SF_INSTANCE_URL && !env.SF_ACCESS_TOKEN) problems.push('SF_ACCESS_TOKEN: is required with SF_INSTANCE_URL');
  if (env.SF_ACCESS_TOKEN && !env.SF_INSTANCE_URL) problems.push('SF_INSTANCE_URL: is required with SF_ACCESS_TOKEN');
  if (env.SF_JWT_KEY_FILE && !env.SF_USERNAME)
    problems.push('SF_USERNAME: is required with SF_JWT_KEY_FILE (the integration user to sign in as)');
  if (env.SF_USERNAME && !env.SF_JWT_KEY_FILE)
    problems.push('SF_JWT_KEY_FILE: is required with SF_USERNAME (the private key of the JWT bearer flow)');
  if (env.SF_CLIENT_SECRET && env.SF_JWT_KEY_FILE) {
    problems.push(
      'SF_CLIENT_SECRET: set either SF_CLIENT_SECRET (client credentials) or SF_JWT_KEY_FILE (JWT bearer), not both',
    );
  }
  return problems;
}

export type Auth =
  | { readonly kind: 'access-token'; readonly instanceUrl: string; readonly accessToken: string }
  | {
      readonly kind: 'client-credentials';
      readonly loginUrl: string;
      readonly clientId: string;
      readonly clientSecret: string;
    }
  | {
      readonly kind: 'jwt-bearer';
      readonly loginUrl: string;
      readonly clientId: string;
      readonly username: string;
      readonly keyFile: string;
      /** The assertion's `aud`: Salesforce's login host, not the My Domain the token request goes to. */
      readonly audience: string;
    };

export interface Config {
  readonly auth: Auth;
  readonly apiVersion: string;
  /** Sent as Sforce-Call-Options client=..., so change events of our own writes are recognisable. */
  readonly clientName: string;
  /** Where Account changes are followed: the package's filtered custom channel, without the sidecar's own writes. */
  readonly accountChannel: string;
  readonly dbFile: string;
  readonly port: number;
  /** Admin routes (recompute, simulate) answer 503 until this is set. */
  readonly adminToken: string | null;
  readonly coalesceMs: number;
  readonly reconcileIntervalMs: number;
  readonly rulesPollMs: number;
  readonly marketPollMs: number;
  readonly bulkThreshold: number;
  /** Repairs of Stance fields someone else changed, per account per day, before the sidecar leaves it be. */
  readonly driftRepairsPerDay: number;
  /** Percent of the org's daily API allowance left to its other integrations; reached, the sidecar pauses. */
  readonly apiReservePct: number;
  readonly apiReserveProbeMs: number;
  /** Every org request (REST, composite, Bulk) fails like a network error after this long. */
  readonly requestTimeoutMs: number;
  /** One cheap call after the org has answered nothing for this long, so a down or hung org shows; 0: none. */
  readonly heartbeatMs: number;
  /** Not ready (`outbox-stalled`) once the outbox has not drained for this long while the org answers. */
  readonly outboxStallMs: number;
  /** While the disk is full, how often a tiny write checks whether space returned. */
  readonly diskProbeMs: number;
  /** Accounts per page of a pass over every account (new rules, a resume, recompute-all) or the outbox. */
  readonly recomputePageSize: number;
  /** When the owners' portfolio snapshots and the managers' digest are made each day, HH:MM UTC. */
  readonly snapshotAt: string;
  /** How often the sidecar looks whether the day's snapshots or digest are due. */
  readonly portfolioTickMs: number;
  readonly logLevel: string;
  readonly console: ConsoleSettings;
}

/** The Stance console's sign-in with Salesforce (authorization code + PKCE). */
export interface ConsoleSettings {
  /** The External Client App's consumer key; null: the console is off and /console says how to turn it on. */
  readonly clientId: string | null;
  /** The sidecar's public base, as browsers reach it; the callback is <publicUrl>/console/oauth/callback. */
  readonly publicUrl: string;
  /** Where admins sign in (the org's My Domain, or the local org). */
  readonly loginUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The Stance sidecar cannot start. Set:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** The settings from an environment (process.env by default); throws ConfigError naming every problem. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)),
    ...pairingProblems(present),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const local = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(e.SF_LOGIN_URL);
  let auth: Auth;
  if (e.SF_INSTANCE_URL && e.SF_ACCESS_TOKEN) {
    auth = { kind: 'access-token', instanceUrl: e.SF_INSTANCE_URL, accessToken: e.SF_ACCESS_TOKEN };
  } else if (e.SF_JWT_KEY_FILE && e.SF_USERNAME) {
    if (!e.SF_CLIENT_ID)
      throw new ConfigError([
        'SF_CLIENT_ID: is required with SF_JWT_KEY_FILE (the consumer key of the External Client App)',
      ]);
    auth = {
      kind: 'jwt-bearer',
      loginUrl: e.SF_LOGIN_URL,
      clientId: e.SF_CLIENT_ID,
      username: e.SF_USERNAME,
      keyFile: e.SF_JWT_KEY_FILE,
      audience: e.SF_JWT_AUDIENCE ?? jwtAudienceFor(e.SF_LOGIN_URL),
    };
  } else {
    const clientId = e.SF_CLIENT_ID ?? (local ? 'stance-local' : undefined);
    const clientSecret = e.SF_CLIENT_SECRET ?? (local ? 'stance-local-secret' : undefined);
    const missing = [
      ...(clientId ? [] : ['SF_CLIENT_ID: the consumer key of the External Client App (client credentials flow)']),
      ...(clientSecret
        ? []
        : ['SF_CLIENT_SECRET: its consumer secret (or use SF_USERNAME + SF_JWT_KEY_FILE for the JWT bearer flow)']),
    ];
    if (missing.length > 0) throw new ConfigError(missing);
    auth = { kind: 'client-credentials', loginUrl: e.SF_LOGIN_URL, clientId: clientId!, clientSecret: clientSecret! };
  }
  return {
    auth,
    apiVersion: e.SF_API_VERSION,
    clientName: e.STANCE_CLIENT_NAME,
    accountChannel: e.STANCE_ACCOUNT_CHANNEL,
    dbFile: e.STANCE_DB,
    port: e.STANCE_PORT,
    adminToken: e.STANCE_ADMIN_TOKEN ?? null,
    coalesceMs: e.STANCE_COALESCE_MS,
    reconcileIntervalMs: e.STANCE_RECONCILE_INTERVAL_S * 1000,
    rulesPollMs: e.STANCE_RULES_POLL_S * 1000,
    marketPollMs: e.STANCE_MARKET_POLL_S * 1000,
    bulkThreshold: e.STANCE_BULK_THRESHOLD,
    driftRepairsPerDay: e.STANCE_DRIFT_REPAIRS_PER_DAY,
    apiReservePct: e.STANCE_API_RESERVE_PCT,
    apiReserveProbeMs: e.STANCE_API_RESERVE_PROBE_S * 1000,
    requestTimeoutMs: e.STANCE_REQUEST_TIMEOUT_S * 1000,
    heartbeatMs: e.STANCE_HEARTBEAT_S * 1000,
    outboxStallMs: e.STANCE_OUTBOX_STALL_S * 1000,
    diskProbeMs: e.STANCE_DISK_PROBE_S * 1000,
    recomputePageSize: e.STANCE_RECOMPUTE_PAGE,
    snapshotAt: e.STANCE_SNAPSHOT_AT,
    portfolioTickMs: e.STANCE_PORTFOLIO_TICK_S * 1000,
    logLevel: e.LOG_LEVEL,
    console: {
      // The local org has the console's External Client App built in.
      clientId: e.STANCE_CONSOLE_CLIENT_ID ?? (local ? 'stance-console' : null),
      publicUrl: e.STANCE_CONSOLE_URL ?? `http://localhost:${e.STANCE_PORT}`,
      loginUrl: e.STANCE_CONSOLE_LOGIN_URL ?? (auth.kind === 'access-token' ? auth.instanceUrl : auth.loginUrl),
    },
  };
}

/**
 * The JWT bearer audience Salesforce expects for a login URL: https://test.salesforce.com for a
 * sandbox (test.salesforce.com or a *.sandbox.my.salesforce.com My Domain), else
 * https://login.salesforce.com (production, Developer Edition, scratch orgs, the local org).
 */
export function jwtAudienceFor(loginUrl: string): string {
  const host = new URL(loginUrl).hostname.toLowerCase();
  return host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com')
    ? 'https://test.salesforce.com'
    : 'https://login.salesforce.com';
}

/** The settings with secrets masked, for logs and /status. */
export function describeConfig(config: Config): Record<string, unknown> {
  const { auth, adminToken, ...rest } = config;
  const safeAuth =
    auth.kind === 'access-token'
      ? { kind: auth.kind, instanceUrl: auth.instanceUrl }
      : auth.kind === 'client-credentials'
        ? { kind: auth.kind, loginUrl: auth.loginUrl, clientId: auth.clientId }
        : {
            kind: auth.kind,
            loginUrl: auth.loginUrl,
            clientId: auth.clientId,
            username: auth.username,
            keyFile: auth.keyFile,
            audience: auth.audience,
          };
  return { ...rest, auth: safeAuth, adminRoutes: adminToken ? 'enabled' : 'disabled (set STANCE_ADMIN_TOKEN)' };
}
