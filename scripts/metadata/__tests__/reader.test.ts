import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readProjectMetadata } from '../reader';

const PROJECT_ROOT = join(__dirname, '../../..');
const SOURCE = join(PROJECT_ROOT, 'force-app/main/default');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'stance-metadata-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('the project metadata reader', () => {
  const metadata = readProjectMetadata(SOURCE, PROJECT_ROOT);

  it('reads the custom metadata types with their fields and restricted picklists', () => {
    const rule = metadata.objects.get('Stance_Rule__mdt');
    expect(rule).toMatchObject({ isCustomMetadata: true, label: 'Stance Rule' });
    expect(rule?.fields.get('Stance__c')).toMatchObject({
      type: 'Picklist',
      restrictedPicklist: true,
      picklistValues: ['Attack', 'Defend', 'Fire', 'None'].map((value) => expect.objectContaining({ apiName: value })),
      file: 'force-app/main/default/objects/Stance_Rule__mdt/fields/Stance__c.field-meta.xml',
    });
    expect(rule?.fields.get('Condition__c')).toMatchObject({ type: 'LongTextArea', length: 32768 });
  });

  it('reads custom metadata records with typed values and their developer names', () => {
    const record = metadata.customMetadata.find(
      (r) => r.type === 'Stance_Rule__mdt' && r.developerName === 'Threatened_Customer',
    );
    expect(record).toMatchObject({
      label: 'Threatened customer',
      values: {
        Active__c: true,
        Order__c: 30,
        Stance__c: 'Defend',
        Condition__c: 'Is_Customer = true AND Threat_Count >= 1',
      },
    });
  });

  it('reports malformed XML with file, line and column, and keeps reading the rest', () => {
    const root = tree({
      'objects/Thing__c/Thing__c.object-meta.xml':
        '<?xml version="1.0"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n  <label>Thing</label>\n</CustomObjet>\n',
      'objects/Thing__c/fields/Size__c.field-meta.xml':
        '<?xml version="1.0"?><CustomField><fullName>Size__c</fullName><type>Number</type><precision>5</precision><scale>0</scale></CustomField>',
    });
    const read = readProjectMetadata(root);
    expect(read.xmlProblems).toEqual([
      expect.objectContaining({
        file: 'objects/Thing__c/Thing__c.object-meta.xml',
        line: 4,
        message: expect.stringContaining('CustomObjet'),
      }),
    ]);
    expect(read.objects.get('Thing__c')?.fields.get('Size__c')).toMatchObject({
      type: 'Number',
      precision: 5,
      scale: 0,
    });
  });

  it('reads list views with their columns and filters, and keeps other files parsed', () => {
    const root = tree({
      'objects/Account/listViews/At_Risk.listView-meta.xml':
        '<?xml version="1.0"?><ListView><fullName>At_Risk</fullName><columns>ACCOUNT.NAME</columns><columns>Stance__c</columns><filterScope>Everything</filterScope><filters><field>At_Risk__c</field><operation>equals</operation><value>1</value></filters><label>At-risk accounts</label></ListView>',
      'permissionsets/Stance_User.permissionset-meta.xml':
        '<?xml version="1.0"?><PermissionSet><label>Stance User</label></PermissionSet>',
    });
    const read = readProjectMetadata(root);
    expect(read.objects.get('Account')).toMatchObject({ isCustom: false });
    expect(read.objects.get('Account')?.listViews[0]).toMatchObject({
      apiName: 'At_Risk',
      columns: ['ACCOUNT.NAME', 'Stance__c'],
      filters: [{ field: 'At_Risk__c', operation: 'equals', value: '1' }],
    });
    expect(read.files).toEqual([expect.objectContaining({ kind: 'permissionset', xml: { label: 'Stance User' } })]);
  });

  it('answers an empty project for a folder without metadata', () => {
    const read = readProjectMetadata(join(tmpdir(), 'does-not-exist-stance'));
    expect(read.objects.size).toBe(0);
    expect(read.customMetadata).toEqual([]);
  });
});
