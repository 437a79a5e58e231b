/**
 * Converts force-app to the Metadata API format, offline, with the Salesforce CLI the project
 * installs (`sf project convert source`): what a deploy would send, so a file the CLI cannot place
 * (an unknown suffix, a report outside a folder, a broken -meta.xml) fails here and not at deploy.
 * Returns the package.xml's members by type.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface Converted {
  readonly outputDir: string;
  /** package.xml: members by metadata type (Report: ['Stance/', 'Stance/Stance_At_Risk_By_Owner', ...]). */
  readonly members: ReadonlyMap<string, readonly string[]>;
}

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Runs the CLI in `projectRoot` (which holds sfdx-project.json) into `outputDir`, which must not
 * exist yet; `cli` defaults to the one the project installs.
 */
export function convertSource(
  projectRoot: string,
  outputDir: string,
  cli = join(projectRoot, 'node_modules/.bin/sf'),
): Converted {
  if (!existsSync(cli)) throw new Error(`convert: no Salesforce CLI at ${cli} (@salesforce/cli is a devDependency)`);
  const result = spawnSync(cli, ['project', 'convert', 'source', '--output-dir', outputDir, '--json'], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      SF_DISABLE_TELEMETRY: 'true',
      SF_AUTOUPDATE_DISABLE: 'true',
      SF_SKIP_NEW_VERSION_CHECK: 'true',
    },
  });
  let answer: { status?: number; message?: string } = {};
  try {
    answer = JSON.parse(result.stdout) as typeof answer;
  } catch {
    // reported below with the raw output
  }
  if (result.status !== 0 || answer.status !== 0) {
    const said = answer.message ?? (`${result.stdout}${result.stderr}`.trim() || String(result.error));
    throw new Error(`convert: sf project convert source failed in ${projectRoot} (exit ${result.status}): ${said}`);
  }
  const manifest = new XMLParser({ parseTagValue: false }).parse(
    readFileSync(join(outputDir, 'package.xml'), 'utf8'),
  ) as {
    Package: {
      types: { name: string; members: string | string[] } | Array<{ name: string; members: string | string[] }>;
    };
  };
  const members = new Map<string, string[]>();
  for (const type of asList(manifest.Package.types)) members.set(type.name, asList(type.members));
  return { outputDir, members };
}
