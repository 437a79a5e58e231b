/**
 * What the conformance tests run against: the local org (under `npm test`) or a real org (under
 * `npm run test:org`, jest.org.config.js). The same tests run against both, so what they assert is
 * known to hold on the local org here and can be checked against Salesforce there. A real org may
 * lack what a test needs (a rep to sign in as, a JWT key): the test is then skipped, and says why.
 */
import type { Connection } from 'jsforce';

export interface TokenAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface ConformanceTarget {
  readonly name: string;
  /** A System Administrator. */
  admin(): Promise<Connection>;
  /** The sidecar's integration user (Stance_Integration only). */
  integration(): Promise<Connection>;
  /** A rep: Stance_User without Stance_Manager. */
  rep(): Promise<Connection>;
  /**
   * Posts a JWT bearer assertion for the integration user, signed with its key, for this audience
   * (by default the one the org takes: Salesforce's login host).
   */
  jwtToken(audience?: string): Promise<TokenAnswer>;
  /** The audience the org refuses: its own URL (the My Domain), not Salesforce's login host. */
  readonly myDomain: string;
  close(): Promise<void>;
}

/** What a target can do, known before it starts, so a test it cannot run is skipped, not passed. */
export interface Capabilities {
  readonly admin: boolean;
  readonly integration: boolean;
  readonly rep: boolean;
  readonly jwt: boolean;
}

export const ORG_MODE = 'org';

/** Whether the tests run against a real org (test:org sets STANCE_CONFORMANCE_TARGET=org). */
export function againstRealOrg(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.STANCE_CONFORMANCE_TARGET === ORG_MODE;
}

/** The environment test:org passes to jest for the admin and the rep (sf org display of --target-org and --rep-org). */
export const ORG_ENV = {
  adminUrl: 'STANCE_ORG_INSTANCE_URL',
  adminToken: 'STANCE_ORG_ACCESS_TOKEN',
  repUrl: 'STANCE_REP_INSTANCE_URL',
  repToken: 'STANCE_REP_ACCESS_TOKEN',
} as const;

/** Whether the sidecar's own variables name an org (sidecar/src/config.ts). */
export function sidecarOrgConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.SF_INSTANCE_URL || env.SF_ACCESS_TOKEN || env.SF_CLIENT_ID || env.SF_USERNAME);
}

export function capabilitiesOf(env: NodeJS.ProcessEnv = process.env): Capabilities {
  if (!againstRealOrg(env)) return { admin: true, integration: true, rep: true, jwt: true };
  return {
    admin: Boolean(env[ORG_ENV.adminUrl] && env[ORG_ENV.adminToken]),
    integration: sidecarOrgConfigured(env),
    rep: Boolean(env[ORG_ENV.repUrl] && env[ORG_ENV.repToken]),
    jwt: Boolean(env.SF_JWT_KEY_FILE && env.SF_USERNAME && env.SF_CLIENT_ID),
  };
}

const HOW: Record<keyof Capabilities, string> = {
  admin: 'an admin (npm run test:org -- --target-org <admin alias>)',
  integration: "the integration user (the sidecar's SF_* variables)",
  rep: 'a rep holding Stance_User only (npm run test:org -- --rep-org <rep alias>)',
  jwt: 'the JWT bearer flow (SF_USERNAME, SF_JWT_KEY_FILE, SF_CLIENT_ID)',
};

/** `it` when the target has every capability the test needs, else `it.skip` with the reason in its name. */
export function itWith(needs: ReadonlyArray<keyof Capabilities>, env: NodeJS.ProcessEnv = process.env) {
  const capabilities = capabilitiesOf(env);
  const missing = needs.filter((need) => !capabilities[need]);
  if (missing.length === 0) return it;
  return (name: string, run: () => Promise<void>) =>
    it.skip(`${name} (skipped: needs ${missing.map((need) => HOW[need]).join(' and ')})`, run);
}
