import type { MetadataRecords } from '../../domain';
import type { NewRuleChange, RecordWrite, RuleChangeRow } from '../../salesforce/adminOrg';
import { fingerprintOf } from '../../sync/rules';
import { FOUND_REASON, MAX_RECORDS_PER_CALL, activate } from '../activation';
import { shippedRecords } from './support';

/** The org's side of an activation, in memory: its rules, the writes it took, the history it keeps. */
class OrgRecords {
  writes: RecordWrite[][] = [];
  changes: NewRuleChange[] = [];
  constructor(public rules: MetadataRecords) {}

  readRules = async () => this.rules;
  upsertCustomMetadata = async (writes: readonly RecordWrite[]) => {
    this.writes.push([...writes]);
    const next = {
      strategies: [...this.rules.strategies],
      rules: [...this.rules.rules],
      triggers: [...this.rules.triggers],
    };
    for (const { kind, record } of writes) {
      next[kind] = [...next[kind].filter((one) => one.DeveloperName !== record.DeveloperName), record];
    }
    this.rules = next;
  };
  createRuleChange = async (change: NewRuleChange) => {
    this.changes.push(change);
    return `a0X00000000000${this.changes.length}AAA`;
  };
  ruleChanges = async (): Promise<RuleChangeRow[]> =>
    this.changes
      .map((change, n) => ({
        id: `a0X00000000000${n + 1}AAA`,
        name: `RC-${n + 1}`,
        createdBy: 'Sofia Marin',
        createdAt: '2026-11-30T10:00:00.000Z',
        reason: change.reason,
        kind: change.kind,
        diff: change.diff,
        ruleSet: JSON.stringify(change.ruleSet),
        fingerprint: change.fingerprint,
      }))
      .reverse();
}

const adopter = () => ({
  adoptions: 0,
  async adoptRulesNow() {
    this.adoptions++;
  },
});
const retarget = (records: MetadataRecords, name: string, change: Record<string, unknown>): MetadataRecords => ({
  ...records,
  rules: records.rules.map((rule) => (rule.DeveloperName === name ? { ...rule, ...change } : rule)),
});

describe('activating a rule set', () => {
  const shipped = shippedRecords();
  const request = (draft: MetadataRecords, base = fingerprintOf(shipped)) => ({
    draft,
    baseFingerprint: base,
    reason: 'Prospects wait',
    kind: 'Activation' as const,
  });

  it('writes the changed record once, keeps the set it found, then the change, and has the sidecar adopt it', async () => {
    const org = new OrgRecords(shipped);
    const sync = adopter();
    const draft = retarget(shipped, 'Target_Prospect', { Stance__c: 'None' });
    const answer = await activate(org, sync, request(draft), () => undefined);
    expect(answer).toEqual({
      status: 200,
      body: { fingerprint: fingerprintOf(org.rules), historyId: expect.any(String) },
    });
    expect(org.writes).toHaveLength(1);
    expect(org.writes[0]!.map((write) => write.record.DeveloperName)).toEqual(['Target_Prospect']);
    expect(org.changes.map((change) => change.reason)).toEqual([FOUND_REASON, 'Prospects wait']);
    expect(org.changes[0]!.fingerprint).toBe(fingerprintOf(shipped));
    expect(sync.adoptions).toBe(1);
    // The next activation from what History last kept keeps no second copy of the set found.
    const again = retarget(org.rules, 'Target_Prospect', { Stance__c: 'Attack' });
    await activate(org, sync, request(again, fingerprintOf(org.rules)), () => undefined);
    expect(org.changes.map((change) => change.kind)).toEqual(['Activation', 'Activation', 'Activation']);
    expect(org.changes[2]!.reason).toBe('Prospects wait');
  });

  it('refuses problems (422), a stale base (409) and a draft that changes nothing (400), writing nothing', async () => {
    const org = new OrgRecords(shipped);
    const sync = adopter();
    const broken = retarget(shipped, 'Target_Prospect', { Condition__c: 'Is_Custmer = false' });
    expect((await activate(org, sync, request(broken), () => undefined)).status).toBe(422);
    const draft = retarget(shipped, 'Target_Prospect', { Stance__c: 'None' });
    const stale = await activate(org, sync, request(draft, 'stale'), () => undefined);
    expect(stale).toEqual({
      status: 409,
      body: { error: expect.stringMatching(/changed/), fingerprint: fingerprintOf(shipped) },
    });
    expect((await activate(org, sync, request(shipped), () => undefined)).status).toBe(400);
    expect(org.writes).toEqual([]);
    expect(org.changes).toEqual([]);
    expect(sync.adoptions).toBe(0);
  });

  it('refuses more records than one all-or-none call takes, and removing a trigger', async () => {
    const org = new OrgRecords(shipped);
    const many = {
      ...shipped,
      triggers: shipped.triggers.map((trigger, n) =>
        n <= MAX_RECORDS_PER_CALL ? { ...trigger, Weight__c: 1 } : trigger,
      ),
    };
    const tooMany = await activate(org, adopter(), request(many), () => undefined);
    expect(tooMany).toEqual({
      status: 422,
      body: { error: expect.stringMatching(/at most 10 in one all-or-none call/) },
    });
    const removed = await activate(
      org,
      adopter(),
      request({ ...shipped, triggers: shipped.triggers.slice(1) }),
      () => undefined,
    );
    expect(removed).toEqual({
      status: 422,
      body: { error: expect.stringMatching(/cannot be removed, only weighted 0/) },
    });
    expect(org.writes).toEqual([]);
  });

  it('answers the activation when the sidecar’s own read fails: written and kept, adopted at the next poll', async () => {
    const org = new OrgRecords(shipped);
    const failures: unknown[] = [];
    const failing = { adoptRulesNow: async () => Promise.reject(new Error('org down')) };
    const draft = retarget(shipped, 'Target_Prospect', { Stance__c: 'None' });
    expect((await activate(org, failing, request(draft), (error) => failures.push(error))).status).toBe(200);
    expect(failures).toEqual([new Error('org down')]);
  });
});
