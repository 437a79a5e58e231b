/**
 * npm run org:demo -- --target-org <alias> [--owners dana=<username>,nina=<username>] [--integration-user <username>]
 *
 * Loads the demo firm into a Developer Edition or scratch org where the package is deployed, as the
 * user the alias (or SF_ACCESS_TOKEN) signs in as, and adds the integration user to the public
 * group Stance_Integration_Users. Safe to run again: it creates only what is missing.
 */
import { parseArgs } from 'node:util';
import { expectedErrors, runCli } from './cli';
import { DemoError, loadDemo } from './demoLoad';
import { connectTo, resolveTarget, TARGET_OPTIONS, TARGET_USAGE, TargetError } from './target';

const USAGE = `Usage: npm run org:demo -- (--target-org <alias> | --instance-url <url>) [options]
${TARGET_USAGE}
  --owners <key=username,...>  owners for the demo's people (dana, nina, ...); default: the running user`;

export function parseOwners(text: string | undefined): Record<string, string> {
  const owners: Record<string, string> = {};
  for (const pair of (text ?? '').split(',').filter(Boolean)) {
    const [key, username] = pair.split('=');
    if (!key || !username) throw new DemoError(`--owners: expected key=username, got ${pair}`);
    owners[key.trim()] = username.trim();
  }
  return owners;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...TARGET_OPTIONS, owners: { type: 'string' } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  return expectedErrors('org:demo', [TargetError, DemoError], async () => {
    const target = await resolveTarget({ targetOrg: values['target-org'], instanceUrl: values['instance-url'] }, env);
    console.log(`org:demo: loading the demo firm into ${target.source}`);
    const integrationUser = values['integration-user'] ?? env.SF_USERNAME;
    const result = await loadDemo(connectTo(target), {
      owners: parseOwners(values.owners),
      ...(integrationUser ? { integrationUser } : {}),
    });
    for (const line of result.lines) console.log(line);
    for (const problem of result.problems) console.log(`problem: ${problem}`);
    return result.problems.length > 0 ? 1 : 0;
  });
}

runCli(module, main);
