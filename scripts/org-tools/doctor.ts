/**
 * npm run org:doctor -- --target-org <admin alias> [--integration-user <username>]
 *
 * Checks the org the sidecar is pointed at, signed in as an admin, and says what to fix: one line
 * per problem with the Setup path that fixes it; exit code 1 if there is any problem (warnings
 * alone exit 0).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readProjectMetadata } from '../metadata/reader';
import { expectedErrors, runCli } from './cli';
import { examineOrg } from './doctorChecks';
import { connectTo, resolveTarget, TARGET_OPTIONS, TARGET_USAGE, TargetError } from './target';

const ROOT = join(__dirname, '../..');
const USAGE = `Usage: npm run org:doctor -- (--target-org <alias> | --instance-url <url>) [options]
${TARGET_USAGE}
  --verbose                  also list the checks that passed`;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...TARGET_OPTIONS, verbose: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  return expectedErrors('org:doctor', [TargetError], async () => {
    const target = await resolveTarget({ targetOrg: values['target-org'], instanceUrl: values['instance-url'] }, env);
    const expected = readProjectMetadata(join(ROOT, 'force-app/main/default'), ROOT);
    const findings = await examineOrg(connectTo(target), expected, values['integration-user'] ?? env.SF_USERNAME);
    const problems = findings.filter((finding) => finding.level === 'problem');
    const warnings = findings.filter((finding) => finding.level === 'warning');
    console.log(`org:doctor: ${target.source}`);
    for (const finding of findings)
      if (finding.level !== 'ok' || values.verbose) console.log(`${finding.level}: ${finding.message}`);
    console.log(
      problems.length === 0
        ? `org:doctor: ${findings.length - warnings.length} checks passed${warnings.length ? `, ${warnings.length} warning(s)` : ''}`
        : `org:doctor: ${problems.length} problem(s) to fix`,
    );
    return problems.length > 0 ? 1 : 0;
  });
}

runCli(module, main);
