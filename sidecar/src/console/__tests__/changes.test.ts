import type { MetadataRecords } from '../../domain';
import { OrgRefusal, customMetadataXml, upsertEnvelope, upsertProblems } from '../../salesforce/adminOrg';
import { planActivation } from '../changes';

const org: MetadataRecords = {
  strategies: [{ DeveloperName: 'Default', MasterLabel: 'Default', Active__c: true, Lookback_Days__c: 90 }],
  rules: [
    {
      DeveloperName: 'Target_Prospect',
      MasterLabel: 'Target prospect',
      Order__c: 10,
      Stance__c: 'Attack',
      Active__c: true,
    },
    { DeveloperName: 'Old_Rule', MasterLabel: 'Old rule', Order__c: 90, Stance__c: 'Fire', Active__c: true },
  ],
  triggers: [{ DeveloperName: 'New_Contact', Weight__c: 10 }],
};

describe('planning an activation', () => {
  it('writes only new and changed records, retires left-out rules, and diffs field by field', () => {
    const plan = planActivation(org, {
      strategies: [{ DeveloperName: 'Default', Lookback_Days__c: '90' }], // same value as text: unchanged
      rules: [
        { DeveloperName: 'Target_Prospect', Order__c: 10, Stance__c: 'None', Active__c: true },
        { DeveloperName: 'Brand_New', Order__c: 5, Stance__c: 'Defend', Active__c: true },
      ],
      triggers: [{ DeveloperName: 'New_Contact', Weight__c: 10 }],
    });
    expect(plan.diff).toEqual({
      added: ['Stance_Rule.Brand_New'],
      removed: ['Stance_Rule.Old_Rule'],
      changed: [{ record: 'Stance_Rule.Target_Prospect', field: 'Stance__c', before: 'Attack', after: 'None' }],
    });
    expect(plan.writes.map((write) => `${write.kind}:${write.record.DeveloperName}`)).toEqual([
      'rules:Target_Prospect',
      'rules:Brand_New',
      'rules:Old_Rule',
    ]);
    // The changed record keeps what the draft left out (its label); the retired one is Active__c false.
    expect(plan.writes[0]!.record).toMatchObject({ MasterLabel: 'Target prospect', Stance__c: 'None' });
    expect(plan.writes[2]!.record).toMatchObject({ DeveloperName: 'Old_Rule', Active__c: false });
    expect(plan.target.rules.map((rule) => rule.DeveloperName)).toEqual(['Target_Prospect', 'Brand_New', 'Old_Rule']);
    expect(plan.cannotRemove).toEqual([]);
  });

  it('writes nothing for the set in force, and names a trigger left out (it has no Active__c)', () => {
    expect(planActivation(org, org).writes).toEqual([]);
    expect(planActivation(org, { ...org, triggers: [] }).cannotRemove).toEqual(['Stance_Trigger.New_Contact']);
  });
});

describe('the Metadata API upsert', () => {
  it('sends every value with its xsi:type, the session and the all-or-none header', () => {
    const envelope = upsertEnvelope('00D!token&', [
      {
        kind: 'rules',
        record: {
          DeveloperName: 'R',
          MasterLabel: 'A <b>',
          Order__c: 10,
          Active__c: false,
          Condition__c: 'Type = "X"',
          Reason__c: '',
        },
      },
    ]);
    expect(envelope).toContain('<SessionHeader><sessionId>00D!token&amp;</sessionId></SessionHeader>');
    expect(envelope).toContain('<AllOrNoneHeader><allOrNone>true</allOrNone></AllOrNoneHeader>');
    expect(envelope).toContain('<fullName>Stance_Rule.R</fullName><label>A &lt;b&gt;</label>');
    expect(envelope).toContain('<values><field>Order__c</field><value xsi:type="xsd:double">10</value></values>');
    expect(envelope).toContain('<values><field>Active__c</field><value xsi:type="xsd:boolean">false</value></values>');
    expect(envelope).toContain(
      '<values><field>Condition__c</field><value xsi:type="xsd:string">Type = &quot;X&quot;</value></values>',
    );
    expect(envelope).not.toContain('Reason__c'); // empty: left out
    expect(customMetadataXml({ kind: 'triggers', record: { DeveloperName: 'T' } })).toContain(
      '<fullName>Stance_Trigger.T</fullName><label>T</label>',
    );
  });

  it('reads the records refused from the answer, and a fault as a refusal with the org’s code', () => {
    const answer = `<soapenv:Envelope xmlns:soapenv="x"><soapenv:Body><upsertMetadataResponse>
      <result><created>false</created><fullName>Stance_Rule.A</fullName><success>true</success></result>
      <result><errors><message>no such field Foo__c</message><statusCode>INVALID_FIELD</statusCode></errors>
      <fullName>Stance_Rule.B</fullName><success>false</success></result></upsertMetadataResponse></soapenv:Body></soapenv:Envelope>`;
    expect(upsertProblems(200, answer)).toEqual(['Stance_Rule.B: INVALID_FIELD no such field Foo__c']);
    const fault = `<soapenv:Envelope xmlns:soapenv="x"><soapenv:Body><soapenv:Fault><faultcode>sf:INSUFFICIENT_ACCESS</faultcode>
      <faultstring>INSUFFICIENT_ACCESS: use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions</faultstring>
      </soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
    expect(() => upsertProblems(500, fault)).toThrow(OrgRefusal);
    try {
      upsertProblems(500, fault);
    } catch (error) {
      expect((error as OrgRefusal).status).toBe(403);
      expect((error as OrgRefusal).message).toMatch(/INSUFFICIENT_ACCESS.*ModifyMetadata/);
    }
  });
});
