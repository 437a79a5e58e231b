/**
 * The sidecar's own write-back does not spend the org's event delivery allowance: it follows
 * Account on the package's custom channel (/data/Stance_Accounts__chn), whose member filter
 * leaves out changes with the sidecar's changeOrigin, so writing every account back costs no
 * delivery, while a person's edit and someone else's change to a Stance field still arrive (and
 * the drift is repaired). Against an org without the channel it follows /data/AccountChangeEvent,
 * says once what to deploy, and keeps working: there each write-back echoes and is skipped.
 * Through a real local org and unmodified jsforce; the deliveries are the org's own count.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Connection } from 'jsforce';
import pino from 'pino';
import { DEFAULTS } from '../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { signIn } from '../../../../scripts/testing/signIn';
import type { Config } from '../../config';
import { startSidecar } from '../../sidecar';
import type { RunningSidecar } from '../../sidecar';
import { accountNamed, eventually, settled, sidecarConfig } from './support/harness';

jest.setTimeout(120_000);

const FORCE_APP = join(__dirname, '../../../../force-app/main/default');
const CUSTOM = '/data/Stance_Accounts__chn';
const STANDARD = '/data/AccountChangeEvent';

interface Setup {
  readonly org: RunningOrg;
  readonly sidecar: RunningSidecar;
  readonly admin: Connection;
  readonly logs: string[];
  close(): Promise<void>;
}

async function setUp(packageDir?: string, overrides: Partial<Config> = {}): Promise<Setup> {
  const org = await startLocalOrg({ seed: 'demo', ...(packageDir ? { packageDir } : {}) });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const sidecar = await startSidecar(sidecarConfig(org, overrides), { logger: pino({ level: 'warn' }, sink) });
  const admin = await signIn(org, DEFAULTS.username);
  return {
    org,
    sidecar,
    admin,
    logs,
    async close() {
      await sidecar.stop();
      await org.close();
    },
  };
}

/** Each account's Stance fields as the sidecar wrote them: how many it wrote at start. */
async function classifiedAccounts(admin: Connection): Promise<number> {
  return (await admin.query('SELECT Id FROM Account WHERE Stance_Computed_At__c != null')).totalSize;
}

describe("on the package's custom channel", () => {
  let s: Setup;

  beforeAll(async () => {
    // Reconciliation by SystemModstamp every 10 s (the least the setting allows), for the flow case below.
    s = await setUp(undefined, { reconcileIntervalMs: 10_000 });
    await settled(s.sidecar);
  });

  afterAll(() => s.close());

  it('writes every account back at start without one Account delivery, and commits its position on the custom channel', async () => {
    const written = await classifiedAccounts(s.admin);
    expect(written).toBeGreaterThan(20);
    expect(s.sidecar.sync.metrics.writes).toBeGreaterThanOrEqual(written);
    // The org made a change event for each of them (the single-entity channel stores them all)...
    const echoes = s.org.org.hub
      .stored(STANDARD)
      .filter(({ data }) => /client=stance-sidecar/.test(JSON.stringify(data)));
    expect(echoes.length).toBeGreaterThan(0);
    // ...but none reached the sidecar: no delivery was spent, no echo had to be skipped.
    expect(s.org.org.hub.stored(CUSTOM)).toEqual([]);
    expect(s.org.org.eventDeliveries.used).toBe(0);
    expect(s.sidecar.sync.metrics.ownEventsSkipped).toBe(0);
    expect(s.logs.join('')).not.toMatch(/the org has no/);
    expect(s.sidecar.sync.followedChannels).toEqual({
      Account: CUSTOM,
      Contact: '/data/ContactChangeEvent',
      Opportunity: '/data/OpportunityChangeEvent',
      Case: '/data/CaseChangeEvent',
      Stance_Signal__c: '/data/Stance_Signal__ChangeEvent',
    });
  });

  it("still receives a person's edit, for one delivery, and what it writes back costs none", async () => {
    const dana = await signIn(s.org, 'dana@stance.local');
    const owned = (
      await dana.query<{ Id: string; Name: string }>(
        "SELECT Id, Name FROM Account WHERE Owner.Username = 'dana@stance.local' ORDER BY Name LIMIT 1",
      )
    ).records[0]!;
    const eventsBefore = s.sidecar.sync.metrics.events;
    const usedBefore = s.org.org.eventDeliveries.used;
    await dana.sobject('Account').update({ Id: owned.Id, Rating: 'Hot' });
    await eventually(async () => expect(s.sidecar.sync.metrics.events).toBe(eventsBefore + 1));
    await settled(s.sidecar);
    expect(s.org.org.eventDeliveries.used).toBe(usedBefore + 1);
    // The replay id of that event is committed under the channel actually followed.
    const newest = s.org.org.hub.stored(CUSTOM).at(-1) as { data: { event: { replayId: number } } };
    await eventually(async () => expect(s.sidecar.mirror.ledger.replayId(CUSTOM)).toBe(newest.data.event.replayId));
    expect(s.sidecar.mirror.ledger.replayId(STANDARD)).toBeNull();
  });

  it("repairs another user's change to a Stance field, and the repair's echo costs no delivery", async () => {
    await settled(s.sidecar);
    const kakao = await accountNamed(s.admin, 'Kakao Werke GmbH');
    expect(kakao.Stance__c).toBe('Defend');
    const usedBefore = s.org.org.eventDeliveries.used;
    const repairedBefore = s.sidecar.sync.metrics.driftRepaired;
    await s.admin.sobject('Account').update({ Id: kakao.Id, Stance__c: 'Attack' });
    await eventually(async () => expect(s.sidecar.sync.metrics.driftRepaired).toBe(repairedBefore + 1));
    expect((await accountNamed(s.admin, 'Kakao Werke GmbH')).Stance__c).toBe('Defend');
    await settled(s.sidecar);
    expect(s.org.org.eventDeliveries.used).toBe(usedBefore + 1);
    expect(s.sidecar.sync.metrics.ownEventsSkipped).toBe(0);
  });
  it("catches up a flow's change made in its own write's transaction at the next reconciliation, not from the stream", async () => {
    await settled(s.sidecar);
    const paper = await accountNamed(s.admin, 'Pacific Paper Co.');
    expect(paper.Stance__c).toBe('None');
    const eventsBefore = s.sidecar.sync.metrics.events;
    const reconciledBefore = s.sidecar.sync.metrics.reconciliations;
    // The sidecar's write and a record-triggered flow moving the account's market, in one transaction:
    // the change event carries the sidecar's changeOrigin, so the channel's filter leaves it out.
    const { org } = s.org;
    const sidecarWrite = org.context(org.integrationUserId, 'stance-sidecar');
    org.write(sidecarWrite, () => {
      org.store.update('Account', paper.Id, { Stance_Priority__c: 99 }, sidecarWrite);
      org.store.update(
        'Account',
        paper.Id,
        { Industry: 'Chocolate', BillingCountry: 'Belgium' },
        org.context(org.adminUserId, 'stance-sidecar'),
      );
    });
    await eventually(
      async () => expect((await accountNamed(s.admin, 'Pacific Paper Co.')).Stance__c).toBe('Attack'),
      30_000,
    );
    expect(s.sidecar.sync.metrics.events).toBe(eventsBefore);
    expect(s.sidecar.sync.metrics.reconciliations).toBeGreaterThan(reconciledBefore);
  });
});

describe('against an org without the custom channel', () => {
  let s: Setup;
  let packageDir: string;

  beforeAll(async () => {
    packageDir = join(mkdtempSync(join(tmpdir(), 'stance-no-channel-')), 'default');
    cpSync(FORCE_APP, packageDir, { recursive: true });
    rmSync(join(packageDir, 'platformEventChannels'), { recursive: true });
    rmSync(
      join(
        packageDir,
        'platformEventChannelMembers/Stance_Accounts_chn_AccountChangeEvent.platformEventChannelMember-meta.xml',
      ),
    );
    s = await setUp(packageDir);
    await settled(s.sidecar);
  });

  afterAll(() => s.close());

  it('follows /data/AccountChangeEvent, says once what to deploy, and skips its own echoes there', async () => {
    const warnings = s.logs.filter((line) => line.includes('the org has no /data/Stance_Accounts__chn'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('following /data/AccountChangeEvent');
    expect(warnings[0]).toContain('platformEventChannels/');
    expect(s.sidecar.sync.followedChannels.Account).toBe(STANDARD);
    // Here the write-back echoes: each echo is a delivery, recognised and skipped.
    await eventually(async () => expect(s.sidecar.sync.metrics.ownEventsSkipped).toBeGreaterThan(0));
    expect(s.org.org.eventDeliveries.used).toBeGreaterThanOrEqual(s.sidecar.sync.metrics.ownEventsSkipped);

    const kakao = await accountNamed(s.admin, 'Kakao Werke GmbH');
    const repairedBefore = s.sidecar.sync.metrics.driftRepaired;
    await s.admin.sobject('Account').update({ Id: kakao.Id, Stance__c: 'Attack' });
    await eventually(async () => expect(s.sidecar.sync.metrics.driftRepaired).toBe(repairedBefore + 1));
    expect((await accountNamed(s.admin, 'Kakao Werke GmbH')).Stance__c).toBe('Defend');
    await settled(s.sidecar);
    expect(s.sidecar.mirror.ledger.replayId(STANDARD)).not.toBeNull();
    expect(s.sidecar.mirror.ledger.replayId(CUSTOM)).toBeNull();
  });
});
