/**
 * npm run local-org -- [--port 7100] [--db <file>|:memory:] [--seed demo|population|none] [--accounts N]
 *   [--population-seed N]
 *   [--api-limit 100000] [--token-lifetime <seconds>] [--retention-hours 72] [--jwt-cert <pem file>]
 *   [--package <dir>] [--collation-seed 1] [--sharing private|read|readwrite] [--test-hooks]
 * Prints "local org ready at http://127.0.0.1:<port>" once it accepts requests; a package a deploy
 * would refuse stops the start with each problem and its file (exit code 1).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startLocalOrg } from './server';
import type { StartOptions } from './server';
import { describeReport } from './seedPopulation';
import { USERS } from '../demo-data/firm';
import { CONSOLE_CALLBACK_ENV, CONSOLE_CLIENT_ID } from './auth/clientApps';
import { DEFAULTS } from './org';
import { ORG_WIDE_DEFAULTS } from './sharing/sharing';
import type { OrgWideDefault } from './sharing/sharing';

const USAGE =
  'usage: npm run local-org -- [--port 7100] [--db <file>|:memory:] [--seed demo|population|none] [--accounts N] [--population-seed N] [--api-limit N] [--event-limit N] [--token-lifetime seconds] [--retention-hours N] [--jwt-cert file] [--package dir] [--collation-seed N] [--sharing private|read|readwrite] [--test-hooks]';

function parse(argv: readonly string[]): StartOptions {
  const options: Record<string, unknown> = { port: 7100, db: ':memory:', seed: 'demo' };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!;
    const value = argv[i + 1];
    const need = () => {
      if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value\n${USAGE}`);
      i++;
      return value;
    };
    const whole = (text: string) => {
      const number = Number(text);
      if (!Number.isInteger(number) || number < 0) throw new Error(`${name} needs a whole number, got ${text}`);
      return number;
    };
    switch (name) {
      case '--port':
        options.port = whole(need());
        break;
      case '--db':
        options.db = need();
        break;
      case '--seed': {
        const seed = need();
        if (seed !== 'demo' && seed !== 'population' && seed !== 'none')
          throw new Error(`--seed takes demo, population or none, got ${seed}`);
        options.seed = seed;
        break;
      }
      case '--accounts':
        options.accounts = whole(need());
        break;
      case '--population-seed':
        options.populationSeed = whole(need());
        break;
      case '--api-limit':
        options.dailyApiLimit = whole(need());
        break;
      case '--event-limit':
        options.dailyEventDeliveries = whole(need());
        break;
      case '--token-lifetime':
        options.tokenLifetimeSeconds = whole(need());
        break;
      case '--retention-hours':
        options.retentionHours = whole(need());
        break;
      case '--package':
        options.packageDir = need();
        break;
      case '--jwt-cert':
        options.jwtCertificate = readFileSync(need(), 'utf8');
        break;
      case '--collation-seed':
        options.collationSeed = whole(need());
        break;
      case '--sharing': {
        const sharing = need();
        if (!ORG_WIDE_DEFAULTS.includes(sharing as OrgWideDefault))
          throw new Error(`--sharing takes private, read or readwrite, got ${sharing}`);
        options.sharing = sharing;
        break;
      }
      case '--test-hooks':
        options.testHooks = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${name}\n${USAGE}`);
    }
  }
  if ((options.accounts !== undefined || options.populationSeed !== undefined) && options.seed !== 'population')
    throw new Error(`--accounts and --population-seed go with --seed population\n${USAGE}`);
  return options as StartOptions;
}

async function main(): Promise<void> {
  let options: StartOptions;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`local-org: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  if (options.db && options.db !== ':memory:') mkdirSync(dirname(options.db), { recursive: true });
  const running = await startLocalOrg(options);
  if (running.population) console.log(describeReport(running.population));
  console.log(`local org ready at ${running.url}`);
  if (options.testHooks) console.log(`  test hooks at ${running.url}/__local (the admin user's token only)`);
  console.log(
    `  client id ${DEFAULTS.clientId} / secret ${DEFAULTS.clientSecret}; user ${DEFAULTS.username} / password ${DEFAULTS.password}`,
  );
  const consoleApp = running.org.auth.clientApps.get(CONSOLE_CLIENT_ID)!;
  console.log(
    `  sign-in page for External Client App "${consoleApp.name}" (consumer key ${consoleApp.clientId}, PKCE) with callbacks ${consoleApp.callbackUrls.join(', ')} (add more with ${CONSOLE_CALLBACK_ENV})`,
  );
  if (options.seed !== 'none')
    console.log(
      `  demo users ${USERS.map((user) => `${user.key}@stance.local`).join(', ')} sign in with the same password`,
    );
  const stop = async (signal: string) => {
    console.log(`local org: ${signal}, stopping`);
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

void main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  console.error(
    `local-org: ${code === 'EADDRINUSE' ? 'the port is already in use; choose another with --port' : (error as Error).message}`,
  );
  process.exitCode = 1;
});
