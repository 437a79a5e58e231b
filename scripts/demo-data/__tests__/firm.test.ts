import { Connection } from 'jsforce';
import { STANCES, TRIGGER_CODES, classify } from '../../../sidecar/src/domain';
import { shippedCompiled } from '../../../sidecar/src/domain/__tests__/support/shippedConfig';
import { readAll } from '../../../sidecar/src/salesforce/reader';
import { MIRRORED_OBJECTS, MirrorStore } from '../../../sidecar/src/store/mirror';
import { fieldKinds, readAllQuery } from '../../../sidecar/src/sync/queries';
import { DEFAULTS } from '../../local-org/org';
import { startLocalOrg } from '../../local-org/server';
import { signIn } from '../../testing/signIn';
import { ACCOUNTS, DEMO_ROLES, MARKET_SIGNALS, USERS } from '../firm';
import type { DemoAccount } from '../firm';
import { PORTFOLIO_HISTORY, SNAPSHOT_WEEKS } from '../portfolio';

jest.setTimeout(60_000);

/** The demo firm as the sidecar would see it, classified by the shipped rules, in ACCOUNTS order. */
async function classifiedDemo() {
  const running = await startLocalOrg({ seed: 'demo' });
  const mirror = new MirrorStore(':memory:');
  try {
    const conn = new Connection({
      oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
      version: '62.0',
    });
    await conn.authorize({ grant_type: 'client_credentials' });
    for (const object of MIRRORED_OBJECTS) {
      const { records } = await readAll(conn, readAllQuery(object), {
        apiVersion: '62.0',
        bulkThreshold: 100_000,
        kinds: fieldKinds(object),
      });
      mirror.upsert(object, records);
    }
    const now = Date.now();
    const names = new Map(
      (await conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Account')).records.map((r) => [
        r.Id,
        r.Name,
      ]),
    );
    const byName = new Map(
      mirror.allAccountIds().map((id) => [names.get(id), classify(mirror.snapshot(id)!, shippedCompiled(), now)]),
    );
    return ACCOUNTS.map((account) => byName.get(account.name)!);
  } finally {
    mirror.close();
    await running.close();
  }
}

describe('the demo firm', () => {
  let classifications: Awaited<ReturnType<typeof classifiedDemo>>;

  beforeAll(async () => {
    classifications = await classifiedDemo();
  });

  it('has a few dozen accounts, and every stance among them', () => {
    expect(classifications).toHaveLength(ACCOUNTS.length);
    expect(ACCOUNTS.length).toBeGreaterThanOrEqual(24);
    for (const stance of STANCES) expect(classifications.filter((c) => c.stance === stance).length).toBeGreaterThan(0);
    expect(classifications.filter((c) => c.atRisk).length).toBeGreaterThanOrEqual(2);
    expect(classifications.filter((c) => c.explanation.override !== null)).toHaveLength(1);
  });

  it('shows every trigger somewhere: reported, confirmed, detected or done', () => {
    const present = new Set<string>();
    for (const classification of classifications) {
      const { checklist, elsewhere } = classification.explanation;
      for (const item of [...checklist, ...elsewhere]) {
        if (['reported', 'confirmed', 'detected', 'done'].includes(item.state)) present.add(item.code);
      }
    }
    expect([...TRIGGER_CODES].filter((code) => !present.has(code))).toEqual([]);
  });

  it('has signals from support, logistics and technical staff, key people changing, and every kind of deal', () => {
    const signals = ACCOUNTS.flatMap((account) => account.signals);
    for (const source of ['Customer Support', 'Logistics', 'Technical', 'Detected'])
      expect(signals.some((signal) => signal.source === source)).toBe(true);
    const deals = ACCOUNTS.flatMap((account) => account.opportunities);
    expect(deals.some((deal) => deal.stage === 'Closed Won')).toBe(true);
    expect(deals.some((deal) => deal.stage === 'Closed Lost' && deal.lostTo)).toBe(true);
    expect(deals.some((deal) => !deal.stage.startsWith('Closed'))).toBe(true);
    expect(ACCOUNTS.some((account) => account.contacts.some((contact) => contact.daysAgo < 30))).toBe(true);
    expect(MARKET_SIGNALS.length).toBeGreaterThan(0);
  });

  it('is the same firm every time it is seeded', async () => {
    const again = await classifiedDemo();
    const key = (list: typeof classifications) =>
      list.map((c) => `${c.explanation.stance} ${c.explanation.atRisk} ${c.explanation.rule?.name ?? '-'} ${c.reason}`);
    expect(key(again)).toEqual(key(classifications));
  });
});

const LOOKBACK_DAYS = 90;
const EXIT_STEPS = ['EXIT_DECISION', 'EXIT_CUSTOMER_TOLD', 'EXIT_HANDOVER', 'EXIT_EFFORT_MOVED'];

describe("the demo firm shows each of issue 15's stories", () => {
  let classifications: Awaited<ReturnType<typeof classifiedDemo>>;
  const stanceOf = (account: DemoAccount) => classifications[ACCOUNTS.indexOf(account)]!;

  beforeAll(async () => {
    classifications = await classifiedDemo();
  });

  it('a Fire account with its exit plan half done: decision agreed, customer told with a transition', () => {
    const halfDone = ACCOUNTS.filter((account) => {
      const done = account.signals.filter((s) => EXIT_STEPS.includes(s.trigger) && s.status === 'Done');
      return done.length === 2 && done.some((s) => (s.transitionUntilInDays ?? 0) > 0);
    });
    expect(halfDone.map((account) => account.key)).toEqual(['verona']);
    const verona = stanceOf(halfDone[0]!);
    expect(verona.stance).toBe('Fire');
    const states = new Map<string, string>(verona.explanation.checklist.map((item) => [item.code, item.state]));
    expect(EXIT_STEPS.map((code) => states.get(code))).toEqual(['done', 'done', 'open', expect.any(String)]);
    // Effort has not moved: an open case is still worked (the domain's EXIT_EFFORT_MOVED counts cases).
    expect(halfDone[0]!.cases?.some((c) => c.status !== 'Closed')).toBe(true);
  });

  it('an attack won on service: the value proposition pulled the service lever and the deal closed in the lookback', () => {
    const won = ACCOUNTS.filter(
      (account) =>
        account.type === 'Prospect' &&
        account.signals.some(
          (s) => s.trigger === 'VALUE_PROPOSITION' && s.status === 'Done' && s.levers?.includes('Service'),
        ) &&
        account.opportunities.some(
          (o) => o.stage === 'Closed Won' && o.levers?.includes('Service') && -o.closeInDays <= LOOKBACK_DAYS,
        ),
    );
    expect(won.map((account) => account.key)).toEqual(['brugge']);
    // Won business in the lookback makes the prospect a customer: the attack succeeded.
    expect(stanceOf(won[0]!).stance).toBe('Defend');
    const levers = new Set(
      ACCOUNTS.flatMap((a) => a.opportunities.flatMap((o) => (o.stage === 'Closed Won' ? (o.levers ?? []) : []))),
    );
    expect([...levers].sort()).toEqual(['Price', 'Service', 'Technical']);
  });

  it('a silent logistics department on a Defend account that support and technical staff report on', () => {
    const recent = (account: DemoAccount, source: string) =>
      account.signals.some((s) => s.source === source && s.status !== 'Dismissed' && s.daysAgo <= LOOKBACK_DAYS);
    const silent = ACCOUNTS.filter(
      (account) =>
        stanceOf(account).stance === 'Defend' &&
        recent(account, 'Customer Support') &&
        recent(account, 'Technical') &&
        !recent(account, 'Logistics'),
    );
    expect(silent.map((account) => account.key)).toContain('hansa');
  });

  it('a competitor named twice on one account, and a deal lost to a competitor of the same list', () => {
    const twice = ACCOUNTS.filter((account) => {
      const named = account.signals.flatMap((s) => (s.competitor ? [s.competitor] : []));
      return named.length === 2 && new Set(named).size === 1;
    });
    expect(twice.map((account) => `${account.key}: ${account.signals.find((s) => s.competitor)!.competitor}`)).toEqual([
      'kakao: Cacao Nova',
    ]);
    const lost = ACCOUNTS.flatMap((a) => a.opportunities).filter((o) => o.stage === 'Closed Lost' && o.lostTo);
    expect(lost.map((o) => o.lostTo)).toEqual(['Valdor Ingredients']);
  });

  it('effort on an off-strategy account: open deals and recent cases on an account to fire', () => {
    const effort = ACCOUNTS.filter(
      (account) =>
        ['Fire', 'None'].includes(stanceOf(account).stance) &&
        account.opportunities.some((o) => !o.stage.startsWith('Closed')) &&
        (account.cases ?? []).filter((c) => c.daysAgo <= LOOKBACK_DAYS).length >= 2,
    );
    expect(effort.map((account) => `${account.key} ${stanceOf(account).stance}`)).toEqual(['texas Fire']);
  });

  it('the role hierarchy puts Dana and Nina under Max', () => {
    const roleOf = (key: string) => USERS.find((user) => user.key === key)!.role;
    const parentOf = (role: string) => DEMO_ROLES.find((candidate) => candidate.developerName === role)?.parent;
    for (const rep of ['dana', 'nina']) expect(parentOf(roleOf(rep))).toBe(roleOf('max'));
  });
});

describe("the demo firm's portfolio history", () => {
  const owners = [...new Set(ACCOUNTS.map((account) => account.owner))].sort();

  it('has a snapshot a week for the past eight weeks for every owner, and each counts all their accounts', () => {
    expect([...new Set(PORTFOLIO_HISTORY.map((s) => s.owner))].sort()).toEqual(owners);
    for (const owner of owners) {
      const theirs = PORTFOLIO_HISTORY.filter((s) => s.owner === owner);
      expect(theirs.map((s) => s.weeksAgo)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
      const accounts = ACCOUNTS.filter((account) => account.owner === owner).length;
      for (const s of theirs) {
        expect(s.attack + s.defend + s.fire + s.none).toBe(accounts);
        expect(s.atRisk).toBeLessThanOrEqual(s.defend);
        expect(s.exitStepsDone).toBeLessThanOrEqual(s.exitSteps);
      }
    }
    expect(SNAPSHOT_WEEKS).toBe(8);
  });

  it("ends near today's live mix: each stance within one account of the classification", async () => {
    const classifications = await classifiedDemo();
    for (const owner of owners) {
      const live = { Attack: 0, Defend: 0, Fire: 0, None: 0, atRisk: 0 };
      ACCOUNTS.forEach((account, index) => {
        if (account.owner !== owner) return;
        const c = classifications[index]!;
        live[c.stance as keyof typeof live] += 1;
        if (c.atRisk) live.atRisk += 1;
      });
      const last = PORTFOLIO_HISTORY.find((s) => s.owner === owner && s.weeksAgo === 1)!;
      const seen = { Attack: last.attack, Defend: last.defend, Fire: last.fire, None: last.none, atRisk: last.atRisk };
      for (const key of Object.keys(live) as Array<keyof typeof live>)
        expect({ owner, key, off: Math.abs(seen[key] - live[key]) <= 1 }).toEqual({ owner, key, off: true });
    }
  });

  it('is in the org as snapshots owned by their owners, which the owner and their manager read and a peer does not', async () => {
    const running = await startLocalOrg({ seed: 'demo' });
    try {
      const read = async (username: string) =>
        (
          await (
            await signIn(running, username)
          ).query<{ OwnerId: string; Owner: { Name: string }; Snapshot_Key__c: string; Snapshot_Date__c: string }>(
            'SELECT OwnerId, Owner.Name, Snapshot_Key__c, Snapshot_Date__c FROM Stance_Portfolio_Snapshot__c ORDER BY Snapshot_Date__c',
          )
        ).records;
      const max = await read('max@stance.local');
      expect(max).toHaveLength(PORTFOLIO_HISTORY.length);
      for (const snapshot of max)
        expect(snapshot.Snapshot_Key__c).toBe(`${snapshot.OwnerId}:${snapshot.Snapshot_Date__c}`);
      const dana = await read('dana@stance.local');
      expect(dana).toHaveLength(SNAPSHOT_WEEKS);
      expect(new Set(dana.map((s) => s.Owner.Name))).toEqual(new Set(['Dana Reyes']));
      const nina = await read('nina@stance.local');
      expect(new Set(nina.map((s) => s.Owner.Name))).toEqual(new Set(['Nina Kowalski']));
      const oldest = new Date(dana[0]!.Snapshot_Date__c).getTime();
      expect(Math.round((Date.now() - oldest) / 86_400_000 / 7)).toBe(SNAPSHOT_WEEKS);

      // The stories are in the org as the wire carries them.
      const admin = await signIn(running, DEFAULTS.username);
      const signals = await admin.query<{
        Competitor__c: string | null;
        Value_Levers__c: string | null;
        Transition_Until__c: string | null;
      }>('SELECT Competitor__c, Value_Levers__c, Transition_Until__c FROM Stance_Signal__c');
      expect(signals.records.filter((s) => s.Competitor__c === 'Cacao Nova')).toHaveLength(2);
      expect(signals.records.some((s) => s.Value_Levers__c === 'Technical;Price')).toBe(true);
      expect(signals.records.filter((s) => s.Transition_Until__c)).toHaveLength(
        ACCOUNTS.flatMap((account) => account.signals).filter((s) => s.transitionUntilInDays !== undefined).length,
      );
      const cases = await admin.query<{ Account: { Name: string }; IsClosed: boolean }>(
        'SELECT Account.Name, IsClosed FROM Case',
      );
      expect(cases.records).toHaveLength(ACCOUNTS.reduce((n, account) => n + (account.cases?.length ?? 0), 0));
      expect(cases.records.filter((c) => c.Account.Name === 'Texas Feed & Grain' && !c.IsClosed)).toHaveLength(2);
    } finally {
      await running.close();
    }
  });
});
