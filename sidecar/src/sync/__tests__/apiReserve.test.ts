import Database from 'better-sqlite3';
import pino from 'pino';
import { updateBehindGap } from '../../../../scripts/local-org/gaps';
import { DEFAULTS } from '../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import { signIn } from '../../../../scripts/testing/signIn';
import { startSidecar } from '../../sidecar';
import { accountNamed, eventually, settled, sidecarConfig, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(90_000);

const INSIDE_STRATEGY = { Industry: 'Chocolate', BillingCountry: 'Belgium' };
const OUTSIDE_STRATEGY = { Industry: 'Paper', BillingCountry: 'Japan' };

describe('the API reserve (STANCE_API_RESERVE_PCT) kept for the org’s other integrations', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ config: { apiReservePct: 20, apiReserveProbeMs: 300 } });
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  const readyz = async () => (await (await fetch(`${h.sidecar.url}/readyz`)).json()) as Record<string, unknown>;
  const paperStance = async () => (await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c;

  it('near the reserve stops spending, says why, tells the admins once, and resumes losing nothing', async () => {
    const { accounting } = h.org.org;
    const { metrics } = h.sidecar.sync;
    const dana = await h.as('dana');
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    const noticesBefore = h.org.org.notifications.length;
    // The org's other integrations have spent the day: 150 of 1,000 calls left, under the 20% kept.
    accounting.limit = 1_000;
    while (accounting.used < 850) accounting.count();
    // The sidecar learns it from the answer to its next call (its market poll, every 300 ms here).
    await eventually(async () =>
      expect(await readyz()).toMatchObject({
        ready: false,
        notReady: [expect.objectContaining({ reason: 'api-reserve' })],
      }),
    );
    // A change arrives by its event, and waits in the outbox.
    await dana.sobject('Account').update({ Id: paper.Id, ...INSIDE_STRATEGY });
    await eventually(async () => expect(h.sidecar.sync.outboxSize).toBe(1));
    const status = await (await fetch(`${h.sidecar.url}/status`)).json();
    expect(status).toMatchObject({ apiRequests: { reserveReached: true, limit: 1_000 }, outbox: 1 });
    // While paused it spends one call per probe and nothing else.
    const probes = metrics.apiReserveProbes;
    const used = accounting.used;
    await eventually(async () => expect(metrics.apiReserveProbes).toBeGreaterThanOrEqual(probes + 3));
    expect(accounting.used - used).toBeLessThanOrEqual(metrics.apiReserveProbes - probes + 1);
    expect(await paperStance()).toBe('None');
    const paused = h.org.org.notifications.slice(noticesBefore).filter((sent) => /paused/.test(sent.title));
    expect(paused).toHaveLength(1);

    // The allowance returns (a raised limit; the daily reset does the same): the outbox drains.
    accounting.limit = 100_000;
    await eventually(async () => expect(await paperStance()).toBe('Attack'));
    await eventually(async () => expect(await readyz()).toMatchObject({ ready: true }));
    await dana.sobject('Account').update({ Id: paper.Id, ...OUTSIDE_STRATEGY });
    await eventually(async () => expect(await paperStance()).toBe('None'));
    expect(h.org.org.notifications.slice(noticesBefore).filter((sent) => /paused/.test(sent.title))).toHaveLength(1);
  });

  /** Changes made in the browser: Lightning's own requests do not count against the API allowance. */
  const inBrowser = (userId: string, work: (context: ReturnType<typeof h.org.org.context>) => void) =>
    h.org.org.write(h.org.org.context(userId), () => work(h.org.org.context(userId)));
  const userId = async (person: string) => (await (await h.as(person)).identity()).user_id;

  it('an allowance spent at once: the first REQUEST_LIMIT_EXCEEDED is the reserve reached, said as such, and nothing is lost', async () => {
    const { accounting } = h.org.org;
    const { metrics } = h.sidecar.sync;
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    expect(paper.Stance__c).toBe('None');
    const dana = await userId('dana');
    const noticesBefore = h.org.org.notifications.length;
    const retriesBefore = [...metrics.orgRetries.values()].reduce((sum, count) => sum + count, 0);
    // Another integration spends the rest of the day's allowance in a burst: the sidecar's last
    // answer showed plenty left, and the org now refuses every call, the sidecar's included.
    accounting.limit = accounting.used;
    inBrowser(dana, (context) => h.org.org.store.update('Account', paper.Id, INSIDE_STRATEGY, context));
    await eventually(async () =>
      expect(await readyz()).toMatchObject({
        ready: false,
        notReady: [
          expect.objectContaining({
            reason: 'api-reserve',
            detail: expect.stringMatching(/daily API limit \(REQUEST_LIMIT_EXCEEDED\)/),
          }),
        ],
      }),
    );
    // Waiting in the outbox, not sent again and again: no retry, no back-off, probes only.
    await eventually(async () => expect(h.sidecar.sync.outboxSize).toBe(1));
    const probes = metrics.apiReserveProbes;
    await eventually(async () => expect(metrics.apiReserveProbes).toBeGreaterThanOrEqual(probes + 3));
    expect([...metrics.orgRetries.values()].reduce((sum, count) => sum + count, 0)).toBe(retriesBefore);
    expect(h.sidecar.sync.outboxSize).toBe(1);
    expect(h.org.org.notifications.length).toBe(noticesBefore);

    // The allowance returns: the outbox drains, and the admins are told once what happened.
    accounting.limit = 100_000;
    await eventually(async () => expect(await paperStance()).toBe('Attack'));
    await eventually(async () => expect(await readyz()).toMatchObject({ ready: true }));
    await eventually(async () =>
      expect(
        h.org.org.notifications
          .slice(noticesBefore)
          .map((sent) => sent.title)
          .filter((title) => /API allowance/.test(title)),
      ).toEqual(['Stance was paused: the org’s daily API allowance was spent']),
    );
  });

  it('while the reserve is reached no call goes out: detections, a new reporter and a GAP wait, and are done after', async () => {
    const { accounting } = h.org.org;
    const { metrics, mirror } = { metrics: h.sidecar.sync.metrics, mirror: h.sidecar.mirror };
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    expect(paper.Stance__c).toBe('Attack');
    const admin = h.org.org.adminUserId;
    // A reporter the sidecar has never seen, and a contact whose title is about to change.
    const reporters = new Set(
      (await h.admin.query<{ CreatedById: string }>('SELECT CreatedById FROM Stance_Signal__c')).records.map(
        (signal) => signal.CreatedById,
      ),
    );
    let reporter: { id: string; name: string } | null = null;
    // The demo firm's people may all have reported by now; the admin, who never reports there, last.
    const candidates = [...(await Promise.all(['tom', 'lee', 'nina', 'max', 'sam', 'ivy'].map(userId))), admin];
    for (const id of candidates) {
      if (!reporters.has(id) && mirror.ledger.userName(id) === null) {
        reporter = {
          id,
          name: (await h.admin.query<{ Name: string }>(`SELECT Name FROM User WHERE Id = '${id}'`)).records[0]!.Name,
        };
        break;
      }
    }
    expect(reporter).not.toBeNull();
    const contact = (
      await h.admin.query<{ Id: string; Title: string | null }>(
        'SELECT Id, Title FROM Contact WHERE AccountId != null ORDER BY Name LIMIT 1',
      )
    ).records[0]!;
    const noticesBefore = h.org.org.notifications.length;
    accounting.limit = accounting.used + 150;
    await eventually(async () =>
      expect(await readyz()).toMatchObject({ notReady: [expect.objectContaining({ reason: 'api-reserve' })] }),
    );
    // The notice to the admins spends its calls when the reserve is reached; counting starts after.
    await eventually(async () => expect(h.org.org.notifications.length).toBe(noticesBefore + 1));

    /** Calls the org counted and probes made, read between two probes (every 300 ms) once the last is answered. */
    const betweenProbes = async () => {
      const probes = metrics.apiReserveProbes;
      await eventually(async () => expect(metrics.apiReserveProbes).toBeGreaterThan(probes));
      let used = -1;
      while (used !== accounting.used) {
        used = accounting.used;
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      return { used, probes: metrics.apiReserveProbes };
    };
    const before = await betweenProbes();
    const events = metrics.events;
    const gaps = metrics.gapEvents;
    inBrowser(admin, (context) =>
      h.org.org.store.update(
        'Contact',
        contact.Id,
        { Title: contact.Title === 'Chief Executive Officer' ? 'Office Manager' : 'Chief Executive Officer' },
        context,
      ),
    );
    let signalId = '';
    inBrowser(reporter!.id, (context) => {
      signalId = h.org.org.store.create(
        'Stance_Signal__c',
        {
          Account__c: paper.Id,
          Trigger__c: 'SERVICE_DISSATISFACTION',
          Status__c: 'New',
          Source__c: 'Customer Support',
          Detail__c: 'Reported while the reserve is reached',
        },
        context,
      );
    });
    updateBehindGap(h.org.org, 'Account', [{ Id: paper.Id, ...OUTSIDE_STRATEGY }]);
    // The three events, the GAP among them: a late echo of the last test's write also counts as an event.
    await eventually(async () => expect(metrics.events).toBeGreaterThanOrEqual(events + 3));
    await eventually(async () => expect(metrics.gapEvents).toBeGreaterThan(gaps));
    await eventually(async () => expect(mirror.ledger.pendingDetections().length).toBeGreaterThan(0));
    // A few probes later: the org counted the probes' calls and nothing else.
    await betweenProbes();
    const after = await betweenProbes();
    expect(after.used - before.used).toBe(after.probes - before.probes);
    expect(await paperStance()).toBe('Attack');

    // The allowance returns: each put-off piece of work is done.
    accounting.limit = 100_000;
    // Two catch-ups, a detection and the writes: on a loaded machine this takes longer than the default wait.
    await eventually(async () => expect(await paperStance()).toBe('None'), 30_000);
    await eventually(async () =>
      expect(
        (await h.admin.query(`SELECT Id FROM Stance_Signal__c WHERE Detection_Key__c LIKE 'kpc:${contact.Id}:%'`))
          .totalSize,
      ).toBe(1),
    );
    await eventually(async () =>
      expect(mirror.record('Stance_Signal__c', signalId)).toMatchObject({ CreatedByName: reporter!.name }),
    );
    await eventually(async () => expect(mirror.ledger.pendingDetections()).toEqual([]));
    await eventually(async () => expect(await readyz()).toMatchObject({ ready: true }));
  });
});

describe('the initial load while the API reserve is reached', () => {
  /** When the mirror was loaded, from STANCE_DB itself (null: not yet). */
  const loadedAt = (dbFile: string): string | null => {
    const db = new Database(dbFile, { readonly: true });
    try {
      const row = db.prepare(`SELECT value FROM settings WHERE key = 'loaded_at'`).get() as
        { value: string } | undefined;
      return row?.value ?? null;
    } finally {
      db.close();
    }
  };

  it('waits for the allowance to return, then loads and classifies', async () => {
    const running = await startLocalOrg({ seed: 'demo' });
    try {
      const admin = await signIn(running, DEFAULTS.username);
      const unclassified = `SELECT COUNT() FROM Account WHERE Stance_Computed_At__c = null`;
      expect((await admin.query(unclassified)).totalSize).toBeGreaterThan(0);
      const { accounting } = running.org;
      accounting.limit = 1_000;
      while (accounting.used < 900) accounting.count();
      const config = sidecarConfig(running, { apiReservePct: 20, apiReserveProbeMs: 300 });
      const starting = startSidecar(config, { logger: pino({ level: 'warn' }) });
      const used = () => accounting.used;
      // It reads its rules (the answer shows 100 of 1,000 calls left), then waits instead of loading.
      await eventually(async () => expect(used()).toBeGreaterThan(902));
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(loadedAt(config.dbFile)).toBeNull();
      accounting.limit = 100_000;
      const sidecar = await starting;
      try {
        await settled(sidecar);
        expect(loadedAt(config.dbFile)).not.toBeNull();
        await eventually(async () => expect((await admin.query(unclassified)).totalSize).toBe(0));
      } finally {
        await sidecar.stop();
      }
    } finally {
      await running.close();
    }
  });
});
