/**
 * Which org a tool talks to, and a jsforce connection to it: `--target-org <alias>` through the
 * Salesforce CLI (`sf org display`, `sf org auth show-access-token`), or `--instance-url <url>` with SF_ACCESS_TOKEN in the
 * environment (how CI points the tools at a local org). Both sign in as whoever the alias or the
 * token belongs to: for org:demo and org:doctor, an admin.
 */
import { execFile } from 'node:child_process';
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

/** Runs a Salesforce CLI command with --json and answers its JSON (the CLI is a dev dependency). */
export function sfJson(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<SfAnswer> {
  return new Promise((resolve, reject) => {
    execFile(
      SF,
      [...args, '--json'],
      { env, encoding: 'utf8', maxBuffer: 10_000_000, timeout: 120_000 },
      (error, stdout) => {
        // sf answers JSON on stdout also when it fails (a status other than 0, a message).
        if (!stdout) reject(new TargetError(`sf ${args.join(' ')} failed: ${error?.message ?? ''}`));
        else {
          try {
            resolve(JSON.parse(stdout) as SfAnswer);
          } catch {
            reject(new TargetError(`sf ${args.join(' ')} answered no JSON: ${stdout.slice(0, 200)}`));
          }
        }
      },
    );
  });
}

interface SfAnswer {
  readonly status?: number;
  readonly message?: string;
  readonly result?: { instanceUrl?: string; accessToken?: string };
}

/**
 * An alias's instance URL and access token. `sf org display` gives the URL (refreshing the session
 * first where it can); recent CLIs redact its access token ("[REDACTED] Use 'sf org auth
 * show-access-token' to view"), so the token comes from `sf org auth show-access-token`.
 */
async function fromAlias(alias: string, env: NodeJS.ProcessEnv): Promise<Target> {
  const unknown = (answer: SfAnswer) =>
    new TargetError(
      `The Salesforce CLI knows no org ${alias}${answer.message ? `: ${answer.message.replace(/\s+/g, ' ').trim()}` : ''} ` +
        `(sf org login web --alias ${alias})`,
    );
  const display = await sfJson(['org', 'display', '--target-org', alias], env);
  const instanceUrl = display.result?.instanceUrl;
  if (display.status !== 0 || !instanceUrl) throw unknown(display);
  let accessToken = display.result?.accessToken;
  if (!accessToken || accessToken.startsWith('[REDACTED')) {
    const shown = await sfJson(['org', 'auth', 'show-access-token', '--target-org', alias], env);
    accessToken = shown.result?.accessToken;
    if (shown.status !== 0 || !accessToken) throw unknown(shown);
  }
  return { instanceUrl: instanceUrl.replace(/\/+$/, ''), accessToken, source: `org ${alias} (sf org display)` };
}

export async function resolveTarget(options: TargetOptions, env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  if (options.targetOrg && options.instanceUrl)
    throw new TargetError('Give either --target-org or --instance-url, not both');
  if (options.targetOrg) return fromAlias(options.targetOrg, env);
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
