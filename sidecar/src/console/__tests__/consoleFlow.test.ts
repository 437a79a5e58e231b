/**
 * The console against a real local org (demo firm) and a real sidecar: people sign in through the
 * org's authorize page over HTTP; the admin checks, simulates, activates (custom metadata through
 * the Metadata API, as herself), reads History and rolls back; a rep is refused.
 */
import type { Connection } from 'jsforce';
import { DEFAULTS } from '../../../../scripts/local-org/org';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { signIn } from '../../../../scripts/testing/signIn';
import type { MetadataRecords, RuleProblem } from '../../domain';
import type { RunningSidecar } from '../../sidecar';
import type { SimulationResult } from '../../sync/simulate';
import { eventually } from '../../sync/__tests__/support/harness';
import { FOUND_REASON } from '../activation';
import { signInToConsole, startConsoleStack } from './support';
import type { ConsoleStack } from './support';

jest.setTimeout(90_000);

interface RulesAnswer {
  fingerprint: string;
  records: MetadataRecords;
  decides: Record<string, number>;
  facts: Array<{ name: string; type: string }>;
}

describe('the Stance console, signed in with Salesforce', () => {
  let org: RunningOrg;
  let sidecar: RunningSidecar;
  let admin: Connection;
  let cookie: string;
  let csrf: string;
  const api = (path: string, init: { body?: unknown; csrf?: string | null; cookie?: string } = {}) =>
    fetch(`${sidecar.url}/console/api/${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: {
        cookie: init.cookie ?? cookie,
        'content-type': 'application/json',
        ...((init.csrf === undefined ? csrf : init.csrf) ? { 'x-csrf-token': (init.csrf ?? csrf)! } : {}),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  const rules = async () => (await (await api('rules')).json()) as RulesAnswer;
  const withTargetProspect = (records: MetadataRecords, change: Record<string, unknown>): MetadataRecords => ({
    ...records,
    rules: records.rules.map((rule) => (rule.DeveloperName === 'Target_Prospect' ? { ...rule, ...change } : rule)),
  });
  const stanceOf = async (id: string) =>
    (await admin.query<{ Stance__c: string | null }>(`SELECT Stance__c FROM Account WHERE Id = '${id}'`)).records[0]!
      .Stance__c;

  let stack: ConsoleStack;

  beforeAll(async () => {
    stack = await startConsoleStack({ logLevel: 'warn' });
    ({ org, sidecar } = stack);
    admin = await signIn(org, DEFAULTS.username);
  });
  afterAll(() => stack?.close());

  it('signs the admin (Sofia) in with an httpOnly, SameSite=Lax session cookie on /console', async () => {
    const sofia = await signInToConsole(sidecar.url, 'sofia@stance.local', DEFAULTS.password);
    expect(sofia.landedOn).toBe('/console/');
    const session = sofia.setCookies.find((value) => value.startsWith('stance_console='))!;
    expect(session).toMatch(/^stance_console=[\w-]{43}; Path=\/console; HttpOnly; SameSite=Lax$/);
    cookie = sofia.cookie;
    const answer = (await (await api('session')).json()) as {
      signedIn: boolean;
      user: { name: string };
      csrfToken: string;
    };
    expect(answer).toMatchObject({ signedIn: true, user: { name: 'Sofia Marin', username: 'sofia@stance.local' } });
    csrf = answer.csrfToken;
  });

  it('shows the rules in force with how many accounts each decides, and the facts', async () => {
    const answer = await rules();
    expect(answer.records.rules.map((rule) => rule.DeveloperName)).toContain('Target_Prospect');
    expect(answer.decides.Target_Prospect).toBeGreaterThan(0);
    expect(answer.facts).toContainEqual({ name: 'Is_Customer', type: 'boolean' });
  });

  it('refuses a change without the CSRF token, and checks a draft to the line and column', async () => {
    const { records } = await rules();
    const broken = withTargetProspect(records, { Condition__c: 'Is_Custmer = false\nAND In_Strategy = true' });
    expect((await api('check', { body: { records: broken }, csrf: null })).status).toBe(403);
    const checked = (await (await api('check', { body: { records: broken } })).json()) as { problems: RuleProblem[] };
    expect(checked.problems).toEqual([
      expect.objectContaining({ source: 'Stance_Rule.Target_Prospect', field: 'Condition__c', line: 1, column: 1 }),
    ]);
    const simulated = await api('simulate', { body: { records: broken } });
    expect(simulated.status).toBe(422);
    const { fingerprint } = await rules();
    const activated = await api('activate', { body: { records: broken, baseFingerprint: fingerprint, reason: 'x' } });
    expect(activated.status).toBe(422);
  });

  it('simulates, activates as the admin, keeps History, refuses a stale draft, and rolls back', async () => {
    const before = await rules();
    const draft = withTargetProspect(before.records, { Stance__c: 'None' });
    const simulation = (await (await api('simulate', { body: { records: draft } })).json()) as SimulationResult;
    const cell = simulation.transitions.find((one) => one.from === 'Attack' && one.to === 'None')!;
    expect(cell.count).toBe(before.decides.Target_Prospect);
    expect(simulation.matrix.Attack.None).toBe(cell.count);
    expect(simulation.hits.Target_Prospect).toEqual({ before: cell.count, after: cell.count });
    expect(cell.samples[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      reasonBefore: expect.any(String),
      reasonAfter: expect.any(String),
    });
    // Every account the rule decides moves (read as the System Administrator, who sees them all);
    // the samples are among them, and only those Sofia may read.
    const decided = await admin.query<{ Id: string; Stance__c: string }>(
      "SELECT Id, Stance__c FROM Account WHERE Stance_Rule__c = 'Target_Prospect'",
    );
    const moved = decided.records.map((account) => account.Id);
    expect(moved).toHaveLength(cell.count);
    expect(decided.records.every((account) => account.Stance__c === 'Attack')).toBe(true);
    const sofia = await signIn(org, 'sofia@stance.local');
    const readable = await sofia.query<{ Id: string }>(`SELECT Id FROM Account WHERE Id IN ('${moved.join("','")}')`);
    const sampled = cell.samples.map((sample) => sample.id);
    expect(sampled.length).toBe(Math.min(5, readable.records.length));
    for (const id of sampled) {
      expect(moved).toContain(id);
      expect(readable.records.map((account) => account.Id)).toContain(id);
    }

    const body = { records: draft, baseFingerprint: before.fingerprint, reason: 'Prospects wait until Q3' };
    expect((await api('activate', { body: { ...body, reason: ' ' } })).status).toBe(400);
    expect((await api('activate', { body: { ...body, baseFingerprint: 'stale' } })).status).toBe(409);
    // Two admins activating from the same draft at once: one wins, the other is told the rules changed.
    const both = await Promise.all([
      api('activate', { body }),
      api('activate', { body: { ...body, reason: 'Twice' } }),
    ]);
    expect(both.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const activated = both.find((answer) => answer.status === 200)!;
    const done = (await activated.json()) as { fingerprint: string; historyId: string };
    body.reason = activated === both[0] ? body.reason : 'Twice';
    // The org's custom metadata holds the change (SOQL, as the admin), and the sidecar adopted it.
    const stored = await admin.query<{ Stance__c: string }>(
      "SELECT Stance__c FROM Stance_Rule__mdt WHERE DeveloperName = 'Target_Prospect'",
    );
    expect(stored.records[0]!.Stance__c).toBe('None');
    expect((await rules()).fingerprint).toBe(done.fingerprint);
    await eventually(async () => {
      for (const id of moved) expect(await stanceOf(id)).toBe('None');
    }, 10_000);

    // History: the change (newest), and the set found before it, kept to roll back to.
    const history = (await (await api('history')).json()) as {
      changes: Array<{ id: string; reason: string; kind: string; createdBy: string; diff: unknown }>;
    };
    expect(history.changes[0]).toMatchObject({
      id: done.historyId,
      reason: body.reason,
      kind: 'Activation',
      createdBy: 'Sofia Marin',
      diff: {
        added: [],
        removed: [],
        changed: [{ record: 'Stance_Rule.Target_Prospect', field: 'Stance__c', before: 'Attack', after: 'None' }],
      },
    });
    const found = history.changes[1]!;
    expect(found.reason).toBe(FOUND_REASON);

    // A draft opened before the activation is refused: the rules changed since.
    expect((await api('activate', { body: { ...body, records: before.records } })).status).toBe(409);

    const rolledBack = await api('rollback', {
      body: { historyId: found.id, baseFingerprint: done.fingerprint, reason: 'Back to the rules before' },
    });
    expect(rolledBack.status).toBe(200);
    expect(((await rolledBack.json()) as { fingerprint: string }).fingerprint).toBe(before.fingerprint);
    await eventually(async () => {
      for (const id of moved) expect(await stanceOf(id)).toBe('Attack');
    }, 10_000);
    const after = (await (await api('history')).json()) as { changes: Array<{ kind: string; reason: string }> };
    expect(after.changes[0]).toMatchObject({ kind: 'Rollback', reason: 'Back to the rules before' });
    expect(after.changes).toHaveLength(3);
  });

  it('renews the admin’s expired access token with their refresh token: the session goes on', async () => {
    org.org.auth.expireAll();
    const answer = await api('rules');
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as RulesAnswer).records.rules.length).toBeGreaterThan(0);
  });

  it('shows the sidecar’s health, and ends the session at sign-out', async () => {
    const health = (await (await api('health')).json()) as { rules: unknown };
    expect(health).toHaveProperty('rules');
    const out = await fetch(`${sidecar.url}/console/oauth/signout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.status).toBe(200);
    expect((await api('history')).status).toBe(401);
  });
});
