/**
 * npm run test:org [-- --target-org <admin alias>] [--rep-org <rep alias>] [-- jest options]
 *
 * Runs the conformance tests (scripts/org-tools/conformance) against a real org: the integration
 * user from the sidecar's own SF_* variables, an admin from --target-org, a rep (Stance_User only)
 * from --rep-org, each through the Salesforce CLI. A test whose user is not given is skipped and
 * says so. With no org named at all it says it skipped, and exits 0.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ORG_ENV, ORG_MODE, sidecarOrgConfigured } from './conformance/target';
import { expectedErrors, runCli } from './cli';
import { resolveTarget, TargetError } from './target';

const ROOT = join(__dirname, '../..');
const JEST = join(ROOT, 'node_modules/jest/bin/jest.js');

export const SKIPPED =
  "test:org: skipped: no org named (set the sidecar's SF_* variables, see docs/sidecar.md, or pass --target-org <admin alias>)";

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { 'target-org': { type: 'string' }, 'rep-org': { type: 'string' } },
    allowPositionals: true,
    strict: false,
  });
  const targetOrg = typeof values['target-org'] === 'string' ? values['target-org'] : undefined;
  const repOrg = typeof values['rep-org'] === 'string' ? values['rep-org'] : undefined;
  if (!targetOrg && !sidecarOrgConfigured(env) && !env[ORG_ENV.adminToken]) {
    console.log(SKIPPED);
    return 0;
  }
  const extra: Record<string, string> = { STANCE_CONFORMANCE_TARGET: ORG_MODE };
  return expectedErrors('test:org', [TargetError], async () => {
    if (targetOrg) {
      const admin = await resolveTarget({ targetOrg }, env);
      extra[ORG_ENV.adminUrl] = admin.instanceUrl;
      extra[ORG_ENV.adminToken] = admin.accessToken;
    }
    if (repOrg) {
      const rep = await resolveTarget({ targetOrg: repOrg }, env);
      extra[ORG_ENV.repUrl] = rep.instanceUrl;
      extra[ORG_ENV.repToken] = rep.accessToken;
    }
    // Jest options after the tool's own (e.g. --json --outputFile=...), passed through.
    const jestArgs = argv.filter((arg, index) => {
      const previous = argv[index - 1];
      return !/^--(target|rep)-org(=|$)/.test(arg) && previous !== '--target-org' && previous !== '--rep-org';
    });
    return new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [JEST, '-c', join(ROOT, 'jest.org.config.js'), ...jestArgs], {
        cwd: ROOT,
        env: { ...env, ...extra },
        stdio: 'inherit',
      });
      child.on('exit', (code) => resolve(code ?? 1));
    });
  });
}

runCli(module, main);
