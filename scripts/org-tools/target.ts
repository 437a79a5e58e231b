/**
 * Which org a tool talks to, and a jsforce connection to it: `--target-org <alias>` through the
 * Salesforce CLI (`sf org display`), or `--instance-url <url>` with SF_ACCESS_TOKEN in the
 * environment (how CI points the tools at a local org). Both sign in as whoever the alias or the
 * token belongs to: for org:demo and org:doctor, an admin.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Connection } from 'jsforce';

export const API_VERSION = '62.0';

export interface Target {
  readonly instanceUrl: string;
  readonly accessToken: string;
  /** Where the target came from, for the tools' first line of output. */
  readonly source: string;
}

export interface TargetOptions {
  readonly targetOrg?: string;
  readonly instanceUrl?: string;
}

/** The options every tool takes, for node:util parseArgs. */
export const TARGET_OPTIONS = {
  'target-org': { type: 'string' },
  'instance-url': { type: 'string' },
  'integration-user': { type: 'string' },
  help: { type: 'boolean' },
} as const;

export const TARGET_USAGE = [
  '  --target-org <alias>       an org the Salesforce CLI knows (sf org login web --alias <alias>)',
  '  --instance-url <url>       or an instance URL, with SF_ACCESS_TOKEN set to an access token for it',
  '  --integration-user <name>  the integration user (default: SF_USERNAME)',
].join('\n');

export class TargetError extends Error {}

const SF = join(__dirname, '../../node_modules/.bin/sf');

/** Runs `sf org display` for an alias and answers its JSON (the CLI is a dev dependency). */
export function sfOrgDisplay(alias: string, env: NodeJS.ProcessEnv = process.env): unknown {
  let stdout: string;
  try {
    stdout = execFileSync(SF, ['org', 'display', '--target-org', alias, '--json'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 10_000_000,
    });
  } catch (error) {
    stdout = String((error as { stdout?: string }).stdout ?? '');
    if (!stdout) throw new TargetError(`sf org display --target-org ${alias} failed: ${(error as Error).message}`);
  }
  return JSON.parse(stdout) as unknown;
}

export function resolveTarget(
  options: TargetOptions,
  env: NodeJS.ProcessEnv = process.env,
  display: (alias: string) => unknown = (alias) => sfOrgDisplay(alias, env),
): Target {
  if (options.targetOrg && options.instanceUrl)
    throw new TargetError('Give either --target-org or --instance-url, not both');
  if (options.targetOrg) {
    const answer = display(options.targetOrg) as {
      status?: number;
      message?: string;
      result?: { instanceUrl?: string; accessToken?: string };
    };
    const { instanceUrl, accessToken } = answer.result ?? {};
    if (answer.status !== 0 || !instanceUrl || !accessToken)
      throw new TargetError(
        `The Salesforce CLI knows no org ${options.targetOrg}${answer.message ? `: ${answer.message}` : ''} ` +
          `(sf org login web --alias ${options.targetOrg})`,
      );
    return { instanceUrl, accessToken, source: `org ${options.targetOrg} (sf org display)` };
  }
  if (options.instanceUrl) {
    const accessToken = env.SF_ACCESS_TOKEN;
    if (!accessToken) throw new TargetError('SF_ACCESS_TOKEN: is required with --instance-url');
    return { instanceUrl: options.instanceUrl.replace(/\/+$/, ''), accessToken, source: options.instanceUrl };
  }
  throw new TargetError('Name the org: --target-org <alias>, or --instance-url <url> with SF_ACCESS_TOKEN');
}

export function connectTo(target: Target, version = API_VERSION): Connection {
  return new Connection({ instanceUrl: target.instanceUrl, accessToken: target.accessToken, version });
}

/** SOQL string literal. */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
