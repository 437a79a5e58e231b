/** Details of Salesforce's behaviour the sidecar relies on: grouped change events, notifications, token lifetime, faults. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { disconnectStreaming } from '../../testing/streaming';
import { Faults } from '../faults';
import { DEFAULTS } from '../org';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { subscribed, until } from './support/streaming';

jest.setTimeout(60_000);

type Header = {
  changeType: string;
  recordIds: string[];
  changedFields: string[];
  nulledFields: string[];
  sequenceNumber: number;
};

async function connect(running: RunningOrg): Promise<Connection> {
  const conn = new Connection({
    oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
    version: '62.0',
  });
  // The admin (System Administrator): these tests are about the API, not about one user's rights.
  await conn.login(DEFAULTS.username, DEFAULTS.password);
  return conn;
}

describe('local org details', () => {
  let now = Date.parse('2026-06-15T12:00:00Z');
  let running: RunningOrg;
  let conn: Connection;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'none', tokenLifetimeSeconds: 600, clock: () => now });
    conn = await connect(running);
  });

  afterAll(() => running.close());

  it('sends one change event for records one call changed the same way, with nulled fields', async () => {
    const created = await conn.sobject('Account').create([
      { Name: 'A', Rating: 'Hot' },
      { Name: 'B', Rating: 'Hot' },
      { Name: 'C', Rating: 'Hot' },
    ]);
    const ids = created.map((result) => result.id!);
    const events: Array<{ payload: { ChangeEventHeader: Header; Rating?: string } }> = [];
    const channel = '/data/AccountChangeEvent';
    const client = conn.streaming.createClient([new StreamingExtension.Replay(channel, -1)]);
    const subscription = client.subscribe(channel, (message: (typeof events)[number]) => events.push(message));
    await subscribed(subscription);

    await conn.sobject('Account').update(ids.map((Id) => ({ Id, Rating: null })));
    await conn.sobject('Account').update([
      { Id: ids[0]!, Industry: 'Bakery' },
      { Id: ids[1]!, Industry: 'Chemicals' },
    ]);
    await until('3 change events', () => events.length >= 3);

    expect(events[0]!.payload.ChangeEventHeader).toMatchObject({
      changeType: 'UPDATE',
      recordIds: ids,
      nulledFields: ['Rating'],
    });
    expect(events.slice(1).map((event) => event.payload.ChangeEventHeader.recordIds)).toEqual([[ids[0]], [ids[1]]]);
    expect(events.slice(1).map((event) => event.payload.ChangeEventHeader.sequenceNumber)).toEqual([1, 2]);
    subscription.cancel();
    await disconnectStreaming(client);
  });

  it('takes custom notifications through the standard action', async () => {
    const [result] = await conn.requestPost<Array<{ isSuccess: boolean }>>(
      '/services/data/v62.0/actions/standard/customNotificationAction',
      {
        inputs: [
          {
            customNotifTypeId: '0ML000000000001AAA',
            recipientIds: [running.org.adminUserId],
            title: 'Kakao Werke is at risk',
            body: 'A competitor approach and a service complaint',
            targetId: '001000000000001AAA',
          },
        ],
      },
    );
    expect(result).toMatchObject({ isSuccess: true });
    expect(running.org.notifications).toEqual([
      expect.objectContaining({ title: 'Kakao Werke is at risk', recipientIds: [running.org.adminUserId] }),
    ]);
  });

  it('expires access tokens after their lifetime', async () => {
    const bare = new Connection({ instanceUrl: running.url, accessToken: conn.accessToken!, version: '62.0' });
    await bare.query('SELECT COUNT() FROM Account');
    now += 601_000;
    await expect(bare.query('SELECT COUNT() FROM Account')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
    conn = await connect(running);
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBeGreaterThan(0);
  });
});

describe('fault rules', () => {
  it('answer a share of matching requests, the same share on every run', () => {
    const pick = () => {
      const faults = new Faults();
      faults.add({ path: '/query', status: 503, rate: 0.3 });
      return Array.from({ length: 200 }, () => faults.match('GET', '/services/data/v62.0/query') !== null);
    };
    const first = pick();
    expect(first).toEqual(pick());
    const share = first.filter(Boolean).length / first.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.45);
  });

  it('slow answers down without failing them, and match method and path', () => {
    const faults = new Faults();
    faults.add({ path: '/composite', method: 'POST', delayMs: 250 });
    expect(faults.match('POST', '/services/data/v62.0/composite')).toEqual({ delayMs: 250 });
    expect(faults.match('GET', '/services/data/v62.0/composite')).toBeNull();
    expect(faults.match('POST', '/services/data/v62.0/query')).toBeNull();
  });
});

describe('a local org kept in a file', () => {
  it('keeps its records, users, change events and id sequence across restarts, and seeds only once', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'stance-local-org-')), 'org.db');

    const first = await startLocalOrg({ db, seed: 'demo' });
    const conn = await connect(first);
    const created = (await conn.sobject('Account').create({ Name: 'Kept' })) as { id: string };
    const accounts = (await conn.query('SELECT COUNT() FROM Account')).totalSize;
    const lastEvent = first.org.hub.oldestReplayId('/data/AccountChangeEvent');
    await first.close();

    const second = await startLocalOrg({ db, seed: 'demo' });
    try {
      const again = await connect(second);
      expect((await again.query('SELECT COUNT() FROM Account')).totalSize).toBe(accounts);
      expect(second.org.adminUserId).toBe(first.org.adminUserId);
      expect(second.org.hub.oldestReplayId('/data/AccountChangeEvent')).toBe(lastEvent);
      const next = (await again.sobject('Account').create({ Name: 'Next' })) as { id: string };
      expect(next.id > created.id).toBe(true);
      const removed = await again.sobject('Account').destroy([created.id, next.id]);
      expect(removed.every((result) => result.success)).toBe(true);
      expect((await again.query('SELECT COUNT() FROM Account')).totalSize).toBe(accounts - 1);
    } finally {
      await second.close();
    }
  });
});
