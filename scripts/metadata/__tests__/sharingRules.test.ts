import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProjectMetadata } from '../reader';
import { groupNamesOf, sharingRuleProblems, sharingRulesOf } from '../sharingRules';

const PROJECT_ROOT = join(__dirname, '../../..');
const SOURCE = join(PROJECT_ROOT, 'force-app/main/default');

describe('sharing rules as metadata', () => {
  it("reads the package's rule: every internal user's accounts, Edit, to Stance_Integration_Users, which it ships", () => {
    const metadata = readProjectMetadata(SOURCE, PROJECT_ROOT);
    expect(sharingRulesOf(metadata)).toEqual([
      {
        object: 'Account',
        fullName: 'Stance_Integration_Edit',
        label: 'Stance Integration Edit',
        type: 'owner',
        accessLevel: 'Edit',
        sharedFrom: [{ kind: 'allInternalUsers' }],
        sharedTo: [{ kind: 'group', name: 'Stance_Integration_Users' }],
        accountSettings: { contact: 'None', opportunity: 'None', case: 'None' },
        file: 'force-app/main/default/sharingRules/Account.sharingRules-meta.xml',
      },
    ]);
    expect(groupNamesOf(metadata)).toEqual(new Set(['Stance_Admins', 'Stance_Integration_Users']));
    expect(sharingRuleProblems(metadata)).toEqual([]);
  });

  it('reads roles and subordinates, criteria rules, and refuses an access level a rule cannot give', () => {
    const root = mkdtempSync(join(tmpdir(), 'stance-sharing-'));
    mkdirSync(join(root, 'sharingRules'));
    writeFileSync(
      join(root, 'sharingRules/Opportunity.sharingRules-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<SharingRules xmlns="http://soap.sforce.com/2006/04/metadata">
    <sharingCriteriaRules>
        <fullName>Big_Deals</fullName>
        <accessLevel>Read</accessLevel>
        <label>Big deals</label>
        <sharedTo><roleAndSubordinatesInternal>Executive</roleAndSubordinatesInternal></sharedTo>
        <criteriaItems><field>Amount</field><operation>greaterThan</operation><value>1000000</value></criteriaItems>
    </sharingCriteriaRules>
    <sharingOwnerRules>
        <fullName>Sales_To_Support</fullName>
        <accessLevel>All</accessLevel>
        <label>Sales to support</label>
        <sharedTo><role>Customer_Support</role></sharedTo>
        <sharedFrom><roleAndSubordinates>Sales_Manager</roleAndSubordinates></sharedFrom>
    </sharingOwnerRules>
</SharingRules>
`,
    );
    const metadata = readProjectMetadata(root, root);
    expect(sharingRulesOf(metadata).map((rule) => [rule.fullName, rule.type, rule.sharedFrom, rule.sharedTo])).toEqual([
      [
        'Sales_To_Support',
        'owner',
        [{ kind: 'roleAndSubordinates', name: 'Sales_Manager' }],
        [{ kind: 'role', name: 'Customer_Support' }],
      ],
      ['Big_Deals', 'criteria', [], [{ kind: 'roleAndSubordinates', name: 'Executive' }]],
    ]);
    expect(sharingRuleProblems(metadata)).toEqual([
      {
        file: 'sharingRules/Opportunity.sharingRules-meta.xml',
        component: 'SharingOwnerRule Opportunity.Sales_To_Support',
        message: 'Invalid accessLevel: All (a sharing rule gives Read or Edit)',
      },
    ]);
  });
});
