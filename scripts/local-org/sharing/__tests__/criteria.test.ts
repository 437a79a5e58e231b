/**
 * A criteria-based sharing rule in a package (a copy of force-app with one more rule): under a
 * Private default, the opportunities that meet its criteria are shared with the role it names,
 * read only, and nothing else is.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import { signIn } from '../../../testing/signIn';
import { DEFAULTS, PROJECT_ROOT } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';

jest.setTimeout(60_000);

const RULE = `<?xml version="1.0" encoding="UTF-8"?>
<SharingRules xmlns="http://soap.sforce.com/2006/04/metadata">
    <sharingCriteriaRules>
        <fullName>Large_Deals_To_Support</fullName>
        <accessLevel>Read</accessLevel>
        <label>Large deals to support</label>
        <sharedTo>
            <role>Customer_Support</role>
        </sharedTo>
        <criteriaItems>
            <field>Amount</field>
            <operation>greaterOrEqual</operation>
            <value>300000</value>
        </criteriaItems>
        <criteriaItems>
            <field>StageName</field>
            <operation>notEqual</operation>
            <value>Closed Won,Closed Lost</value>
        </criteriaItems>
    </sharingCriteriaRules>
</SharingRules>
`;

describe('a criteria-based sharing rule', () => {
  let running: RunningOrg;
  let admin: Connection;
  let sam: Connection;
  let lee: Connection;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stance-criteria-'));
    cpSync(join(PROJECT_ROOT, 'force-app/main/default'), dir, { recursive: true });
    writeFileSync(join(dir, 'sharingRules/Opportunity.sharingRules-meta.xml'), RULE);
    running = await startLocalOrg({ packageDir: dir, sharing: 'private', seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    sam = await signIn(running, 'sam@stance.local');
    lee = await signIn(running, 'lee@stance.local');
  });

  afterAll(() => running.close());

  it('shares the records that meet it with the role it names, read only', async () => {
    const large = await admin.query<{ Id: string }>(
      "SELECT Id FROM Opportunity WHERE Amount >= 300000 AND StageName != 'Closed Won' AND StageName != 'Closed Lost'",
    );
    expect(large.records.length).toBeGreaterThan(0);
    const all = await admin.query('SELECT COUNT() FROM Opportunity');
    expect(all.totalSize).toBeGreaterThan(large.records.length);
    const seen = await sam.query<{ Id: string }>('SELECT Id FROM Opportunity');
    expect(seen.records.map((row) => row.Id).sort()).toEqual(large.records.map((row) => row.Id).sort());
    // Operations is not the role the rule names.
    expect((await lee.query('SELECT COUNT() FROM Opportunity')).totalSize).toBe(0);
    // Read, not Edit.
    await expect(sam.sobject('Opportunity').update({ Id: large.records[0]!.Id, Name: 'Mine' })).rejects.toMatchObject({
      errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
    });
  });
});

const ACCOUNT_RULES = (file: string) =>
  file.replace(
    '</SharingRules>',
    ['Finance:Read', 'Operations:None']
      .map((entry) => {
        const [role, opportunities] = entry.split(':');
        return `    <sharingOwnerRules>
        <fullName>Sales_To_${role}</fullName>
        <accessLevel>Read</accessLevel>
        <accountSettings>
            <caseAccessLevel>None</caseAccessLevel>
            <contactAccessLevel>None</contactAccessLevel>
            <opportunityAccessLevel>${opportunities}</opportunityAccessLevel>
        </accountSettings>
        <label>Sales to ${role}</label>
        <sharedTo><role>${role}</role></sharedTo>
        <sharedFrom><roleAndSubordinates>Sales_Manager</roleAndSubordinates></sharedFrom>
    </sharingOwnerRules>
`;
      })
      .join('') + '</SharingRules>',
  );

describe("an Account owner rule's access to the accounts' opportunities", () => {
  let running: RunningOrg;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stance-account-rules-'));
    cpSync(join(PROJECT_ROOT, 'force-app/main/default'), dir, { recursive: true });
    const rules = join(dir, 'sharingRules/Account.sharingRules-meta.xml');
    writeFileSync(rules, ACCOUNT_RULES(readFileSync(rules, 'utf8')));
    running = await startLocalOrg({ packageDir: dir, sharing: 'private', seed: 'demo' });
  });

  afterAll(() => running.close());

  it('gives Read on the opportunities of the shared accounts with Read, nothing with None', async () => {
    const admin = await signIn(running, DEFAULTS.username);
    const ivy = await signIn(running, 'ivy@stance.local');
    const lee = await signIn(running, 'lee@stance.local');
    const accounts = await admin.query('SELECT COUNT() FROM Account');
    const opportunities = await admin.query<{ Id: string }>('SELECT Id FROM Opportunity');
    expect((await ivy.query('SELECT COUNT() FROM Account')).totalSize).toBe(accounts.totalSize);
    expect((await lee.query('SELECT COUNT() FROM Account')).totalSize).toBe(accounts.totalSize);
    expect((await ivy.query('SELECT COUNT() FROM Opportunity')).totalSize).toBe(opportunities.records.length);
    expect((await lee.query('SELECT COUNT() FROM Opportunity')).totalSize).toBe(0);
    await expect(
      ivy.sobject('Opportunity').update({ Id: opportunities.records[0]!.Id, Name: 'Mine' }),
    ).rejects.toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' });
  });
});
