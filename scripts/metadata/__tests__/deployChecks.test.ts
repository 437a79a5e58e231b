import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { startLocalOrg } from '../../local-org/server';
import { checkMetadata } from '../../metadata-check/check';
import { DEFAULT_HISTORY_OBJECTS, deployProblems } from '../deployChecks';
import { readProjectMetadata } from '../reader';

const PROJECT_ROOT = join(__dirname, '../../..');
const SOURCE = join(PROJECT_ROOT, 'force-app/main/default');
const PACKAGES = join(__dirname, 'packages');
const TSX = join(PROJECT_ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);

/** Each package under packages/ and the problems (file below the package, component, message) a deploy of it fails on. */
const REFUSED: Record<string, ReadonlyArray<readonly [string, string, string]>> = {
  'object-permission-dependencies': [
    [
      'permissionsets/Widget_Cleaner.permissionset-meta.xml',
      'PermissionSet Widget_Cleaner',
      'Permission Delete Widget__c depends on permission(s): Edit Widget__c',
    ],
    [
      'permissionsets/Widget_Cleaner.permissionset-meta.xml',
      'PermissionSet Widget_Cleaner',
      'Permission Modify All Widget__c depends on permission(s): Edit Widget__c, View All Widget__c',
    ],
  ],
  'master-read': [
    [
      'permissionsets/Signal_Reporter.permissionset-meta.xml',
      'PermissionSet Signal_Reporter',
      'Permission Read Stance_Signal__c depends on permission(s): Read Account',
    ],
  ],
  'master-view-all': [
    [
      'permissionsets/Signal_Auditor.permissionset-meta.xml',
      'PermissionSet Signal_Auditor',
      'Permission View All Stance_Signal__c depends on permission(s): View All Account',
    ],
  ],
  'field-edit-without-read': [
    [
      'permissionsets/Note_Writer.permissionset-meta.xml',
      'PermissionSet Note_Writer',
      'Permission Edit Account.Widget_Note__c depends on permission(s): Read Account.Widget_Note__c',
    ],
  ],
  'required-field-permission': [
    [
      'permissionsets/Widget_Reader.permissionset-meta.xml',
      'PermissionSet Widget_Reader',
      'You cannot deploy to a required field: Widget__c.Code__c',
    ],
  ],
  'master-detail-field-permission': [
    [
      'permissionsets/Signal_Reader.permissionset-meta.xml',
      'PermissionSet Signal_Reader',
      'You cannot deploy to a required field: Stance_Signal__c.Account__c',
    ],
  ],
  'unknown-field-permission': [
    [
      'permissionsets/Widget_Watcher.permissionset-meta.xml',
      'PermissionSet Widget_Watcher',
      'In field: object - no CustomObject named Widget__c found',
    ],
    [
      'permissionsets/Widget_Watcher.permissionset-meta.xml',
      'PermissionSet Widget_Watcher',
      'In field: field - no CustomField named Account.Widget_Count__c found',
    ],
  ],
  'history-off': [
    [
      'objects/Widget__c/fields/Status__c.field-meta.xml',
      'CustomField Widget__c.Status__c',
      'field history tracking is not enabled for Widget__c: set enableHistory to true in scripts/metadata/__tests__/packages/history-off/objects/Widget__c/Widget__c.object-meta.xml',
    ],
  ],
  'sharing-rule-unknown-group': [
    [
      'sharingRules/Account.sharingRules-meta.xml',
      'SharingOwnerRule Account.Partners_Edit',
      'In field: sharedTo - no Group named Partner_Managers found',
    ],
  ],
  'too-many-tracked-fields': [
    [
      'objects/Widget__c/Widget__c.object-meta.xml',
      'CustomObject Widget__c',
      `Widget__c tracks the history of 21 fields; an object can track at most 20 (${Array.from(
        { length: 21 },
        (_, i) => `Field_${String(i + 1).padStart(2, '0')}__c`,
      ).join(', ')})`,
    ],
  ],
};

const fileOf = (pkg: string, file: string) => relative(PROJECT_ROOT, join(PACKAGES, pkg, file));

describe('the deploy checks', () => {
  it('pass on the shipped package, and the local org loads it', async () => {
    expect(deployProblems(readProjectMetadata(SOURCE, PROJECT_ROOT))).toEqual([]);
    const running = await startLocalOrg({ seed: 'none', packageDir: SOURCE });
    try {
      expect(running.org.schema.object('Stance_Signal__c')).toBeDefined();
    } finally {
      await running.close();
    }
  });

  it('refuse history tracking on Account when the org has Account history off (an org setting)', () => {
    expect(DEFAULT_HISTORY_OBJECTS.has('Account')).toBe(true);
    const problems = deployProblems(readProjectMetadata(SOURCE, PROJECT_ROOT), { historyObjects: new Set() });
    expect(problems).toEqual([
      {
        file: 'force-app/main/default/objects/Account/fields/Stance__c.field-meta.xml',
        component: 'CustomField Account.Stance__c',
        message:
          'field history tracking is not enabled for Account: turn on Account history in the org (Setup › Object Manager › Account › Set History Tracking)',
      },
    ]);
  });

  it('check profiles as permission sets, standard required fields, and Create without Read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stance-deploy-'));
    mkdirSync(join(dir, 'profiles'));
    writeFileSync(
      join(dir, 'profiles/Sales.profile-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <fieldPermissions><editable>true</editable><field>Account.Name</field><readable>true</readable></fieldPermissions>
    <objectPermissions><allowCreate>true</allowCreate><allowRead>false</allowRead><object>Opportunity</object></objectPermissions>
</Profile>
`,
    );
    expect(deployProblems(readProjectMetadata(dir, dir))).toEqual([
      {
        file: 'profiles/Sales.profile-meta.xml',
        component: 'Profile Sales',
        message: 'Permission Create Opportunity depends on permission(s): Read Opportunity',
      },
      {
        file: 'profiles/Sales.profile-meta.xml',
        component: 'Profile Sales',
        message: 'You cannot deploy to a required field: Account.Name',
      },
    ]);
  });

  it('refuse a picklist whose global value set the package does not contain', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stance-deploy-'));
    mkdirSync(join(dir, 'objects/Widget__c/fields'), { recursive: true });
    mkdirSync(join(dir, 'globalValueSets'));
    const picklist = (name: string, set: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>${name}</fullName><label>${name}</label><type>Picklist</type><valueSet><restricted>true</restricted><valueSetName>${set}</valueSetName></valueSet></CustomField>
`;
    writeFileSync(join(dir, 'objects/Widget__c/fields/Rival__c.field-meta.xml'), picklist('Rival__c', 'Rivals'));
    writeFileSync(join(dir, 'objects/Widget__c/fields/Colour__c.field-meta.xml'), picklist('Colour__c', 'Colours'));
    writeFileSync(
      join(dir, 'globalValueSets/Colours.globalValueSet-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<GlobalValueSet xmlns="http://soap.sforce.com/2006/04/metadata"><customValue><fullName>Red</fullName><default>false</default><label>Red</label></customValue><masterLabel>Colours</masterLabel><sorted>false</sorted></GlobalValueSet>
`,
    );
    expect(deployProblems(readProjectMetadata(dir, dir))).toEqual([
      {
        file: 'objects/Widget__c/fields/Rival__c.field-meta.xml',
        component: 'CustomField Widget__c.Rival__c',
        message:
          "the picklist's values come from the global value set Rivals, which the package does not contain (add globalValueSets/Rivals.globalValueSet-meta.xml)",
      },
    ]);
  });

  describe.each(Object.entries(REFUSED))('refuse the package %s', (pkg, expected) => {
    const dir = join(PACKAGES, pkg);
    const lines = expected.map(([file, component, message]) => `${fileOf(pkg, file)}: ${component}: ${message}`);

    it('as a deploy would (every problem, nothing else)', () => {
      const problems = deployProblems(readProjectMetadata(dir, PROJECT_ROOT));
      expect(problems.map((p) => `${p.file}: ${p.component}: ${p.message}`)).toEqual(lines);
    });

    it('at the local org start, naming the file', async () => {
      // An org that starts after all is closed, so a missing check fails here instead of hanging jest.
      const message = await startLocalOrg({ seed: 'none', packageDir: dir }).then(
        async (running) => {
          await running.close();
          return 'the local org started';
        },
        (error: Error) => error.message,
      );
      expect(message).toMatch(/^Deploy failed: the package has \d+ component error\(s\)/);
      for (const line of lines) expect(message).toContain(`\n  ${line}`);
    });

    it('in metadata:check, through the same checks', () => {
      const problems = checkMetadata(dir, PROJECT_ROOT).problems.filter((p) => p.check === 'deploy');
      expect(problems.map((p) => `${p.file}: ${p.message}`)).toEqual(lines);
    });
  });

  it('stop `npm run local-org -- --package <dir>` and fail `npm run metadata:check -- --dir <dir>`', async () => {
    const dir = relative(PROJECT_ROOT, join(PACKAGES, 'master-read'));
    const expected = 'Permission Read Stance_Signal__c depends on permission(s): Read Account';
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
    const [org, check] = await Promise.all([
      failure(
        run(TSX, ['scripts/local-org/main.ts', '--port', '0', '--seed', 'none', '--package', dir], {
          cwd: PROJECT_ROOT,
          timeout: 30_000,
        }),
      ),
      failure(run(TSX, ['scripts/metadata-check/main.ts', '--dir', dir], { cwd: PROJECT_ROOT, timeout: 30_000 })),
    ]);
    expect(org.code).toBe(1);
    expect(org.stderr).toContain(
      `local-org: Deploy failed: the package has 1 component error(s); Salesforce would refuse the whole deploy:\n  ${dir}/permissionsets/Signal_Reporter.permissionset-meta.xml: PermissionSet Signal_Reporter: ${expected}`,
    );
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(
      `${dir}/permissionsets/Signal_Reporter.permissionset-meta.xml [deploy] PermissionSet Signal_Reporter: ${expected}`,
    );
  }, 90_000);
});
