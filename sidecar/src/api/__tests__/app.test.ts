import { classify } from '../../domain';
import { customer, NOW, signal } from '../../domain/__tests__/support/builders';
import { shippedCompiled } from '../../domain/__tests__/support/shippedConfig';
import { FakeSync, serveApi } from './support/fakeSync';
import type { RunningApi } from './support/fakeSync';

const TOKEN = 'api-test-token-0123456789';
const ACCOUNT = '001000000000001AAA';

describe('the HTTP API', () => {
  let sync: FakeSync;
  let api: RunningApi;
  const get = (path: string, token: string | null = TOKEN) =>
    fetch(`${api.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const post = (path: string, body: unknown, token: string | null = TOKEN) =>
    fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeEach(async () => {
    sync = new FakeSync();
    api = await serveApi(sync, { adminToken: TOKEN, settings: { port: 0, auth: { clientSecret: '***' } } });
  });

  afterEach(() => api.close());

  describe('health', () => {
    it('is alive whatever the sync is doing', async () => {
      sync.state = 'loading';
      expect(await (await get('/healthz', null)).json()).toEqual({ status: 'ok' });
    });

    it('is ready only when live and streaming, and says why not', async () => {
      expect((await get('/readyz', null)).status).toBe(200);
      sync.streaming = false;
      sync.streamProblem = 'session denied (expired); renewing';
      const down = await get('/readyz', null);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({
        ready: false,
        state: 'live',
        streaming: false,
        problem: 'session denied (expired); renewing',
      });
      sync.state = 'loading';
      sync.streaming = true;
      sync.streamProblem = null;
      expect((await get('/readyz', null)).status).toBe(503);
      sync.state = 'live';
      sync.notReady = [{ reason: 'disk-full', detail: 'STANCE_DB is full', since: '2026-11-29T00:00:00.000Z' }];
      const full = await get('/readyz', null);
      expect(full.status).toBe(503);
      expect(await full.json()).toMatchObject({ ready: false, notReady: [{ reason: 'disk-full' }] });
    });
  });

  it('shows anyone counts and states only; with the token, refused writes per account and the rest', async () => {
    const failure = {
      accountId: ACCOUNT,
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'IBAN DE89 3704 0044 0532 0130 00 is not allowed here',
      at: 'x',
      attempts: 2,
    };
    Object.assign(sync, {
      accountCount: 12,
      pendingAccounts: 3,
      outboxSize: 4,
      failures: [failure],
      failedAccounts: 1,
      apiUsage: { used: 40, limit: 100 },
      nextReevaluation: '2026-06-16T00:00:00.000Z',
      rulesInForce: {
        fingerprint: 'abc',
        names: ['Target_Prospect', 'Healthy_Customer'],
        records: { strategies: [], rules: [], triggers: [] },
      },
      refusedRules: { fingerprint: 'def', problems: ["rule Acme: Name = 'Acme Bank' is odd"], at: 'y' },
      notReady: [{ reason: 'disk-full', detail: 'STANCE_DB is full', since: 'z' }],
    });
    sync.counters.writes = 7;
    sync.counters.recordLatency(250);
    sync.counters.countDropped('/data/AccountChangeEvent');
    const counts = {
      state: 'live',
      streaming: true,
      streamProblem: null,
      polledObjects: ['Market_Signal__c'],
      followedChannels: { Account: '/data/Stance_Accounts__chn' },
      accounts: 12,
      pending: 3,
      outbox: 4,
      catchUpsWaiting: 0,
      failedAccounts: 1,
      nextReevaluationAt: '2026-06-16T00:00:00.000Z',
      apiRequests: { used: 40, limit: 100, left: 60, reserveReached: false },
      counters: {
        events: 0,
        eventsDropped: 1,
        ownEventsSkipped: 0,
        writes: 7,
        writesSkippedUnchanged: 0,
        stanceChanges: 0,
        writeFailures: 0,
        errors: 0,
      },
      eventToWriteMs: { p50: 250, p95: 250 },
    };
    const open = await get('/status', null);
    const publicText = await open.text();
    expect(JSON.parse(publicText)).toEqual({
      ...counts,
      notReady: [{ reason: 'disk-full', since: 'z' }],
      rules: { fingerprint: 'abc', inForce: 2, refused: { fingerprint: 'def', problems: 1, at: 'y' } },
    });
    for (const secret of [ACCOUNT, 'IBAN', 'Acme', 'Target_Prospect', 'clientSecret'])
      expect(publicText).not.toContain(secret);

    expect(await (await get('/status')).json()).toEqual({
      ...counts,
      notReady: sync.notReady,
      rules: { fingerprint: 'abc', inForce: ['Target_Prospect', 'Healthy_Customer'], refused: sync.refusedRules },
      failedWrites: [failure],
      settings: { port: 0, auth: { clientSecret: '***' } },
    });
    // A wrong token is refused, not answered as the public view.
    expect((await get('/status', 'wrong-token-wrong-token')).status).toBe(401);
  });

  it('exposes the sync figures to Prometheus, beside the process metrics', async () => {
    sync.counters.countEvent('Account');
    sync.counters.countEvent('Account');
    sync.counters.countEvent('Contact');
    sync.counters.writeFailures = 1;
    // Counted, not listed: a refusal of every account's write would otherwise be read whole at each scrape.
    sync.failures = [];
    sync.failedAccounts = 1;
    sync.apiUsage = { used: 5, limit: 15_000 };
    const response = await get('/metrics', null);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^stance_events_total\{object="Account"\} 2$/m);
    expect(text).toMatch(/^stance_events_total\{object="Contact"\} 1$/m);
    expect(text).toMatch(/^stance_write_failures_total\{kind="refused"\} 1$/m);
    expect(text).toMatch(/^stance_failed_accounts 1$/m);
    expect(text).toMatch(/^stance_api_requests_limit 15000$/m);
    expect(text).toMatch(/^stance_up 1$/m);
    // Counts only: no account id, no text from the org.
    expect(text).not.toContain(ACCOUNT);
    expect(text).toMatch(/^# TYPE stance_writes_total counter$/m);
    for (const name of [
      'process_resident_memory_bytes',
      'process_cpu_user_seconds_total',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_gc_duration_seconds',
    ])
      expect(text).toContain(`# TYPE ${name} `);
    // A scrape reads the figures as they are now, not added to the previous scrape.
    sync.counters.countEvent('Account');
    expect(await (await get('/metrics', null)).text()).toMatch(/^stance_events_total\{object="Account"\} 3$/m);
  });

  describe('admin routes', () => {
    it('are closed without the bearer token, and disabled when none is configured', async () => {
      const none = await post('/recompute', { all: true }, null);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="stance"');
      expect((await post('/recompute', { all: true }, 'wrong-token-wrong-token')).status).toBe(401);
      expect((await get(`/accounts/${ACCOUNT}/classification`, 'short')).status).toBe(401);
      expect(sync.recomputed).toEqual([]);

      await api.close();
      api = await serveApi(sync, { adminToken: null });
      const disabled = await post('/recompute', { all: true });
      expect(disabled.status).toBe(503);
      expect(JSON.stringify(await disabled.json())).toMatch(/STANCE_ADMIN_TOKEN/);
    });

    it('log each failed sign-in with the route and the client address, never the token, at most ten a minute', async () => {
      const warnings: Array<[Record<string, unknown>, string]> = [];
      await api.close();
      api = await serveApi(sync, {
        adminToken: TOKEN,
        log: { warn: ((fields: Record<string, unknown>, msg: string) => warnings.push([fields, msg])) as never },
      });
      await post('/recompute', { all: true }, null);
      await get(`/accounts/${ACCOUNT}/classification`, 'guessed-token-123456789');
      await get('/status', 'another-guess-123456789');
      expect(warnings).toEqual([
        [{ route: 'POST /recompute', client: '127.0.0.1', token: 'missing' }, 'failed admin sign-in'],
        [{ route: 'GET /accounts/:id/classification', client: '127.0.0.1', token: 'wrong' }, 'failed admin sign-in'],
        [{ route: 'GET /status', client: '127.0.0.1', token: 'wrong' }, 'failed admin sign-in'],
      ]);
      expect(JSON.stringify(warnings)).not.toMatch(/guess/);
      for (let attempt = 0; attempt < 20; attempt++)
        await post('/recompute', { all: true }, `guess-${attempt}-xxxxxxxxxxxx`);
      expect(warnings).toHaveLength(10);
      // A right token (with `bearer` in any case) signs in and logs nothing.
      expect((await get('/status', null)).status).toBe(200);
      const lower = await fetch(`${api.url}/status`, { headers: { authorization: `bearer ${TOKEN}` } });
      expect(await lower.json()).toHaveProperty('settings');
      expect(warnings).toHaveLength(10);
    });

    it('check the token before reading a body', async () => {
      const invalidJson = await post('/recompute', '{not json', 'wrong-token-wrong-token');
      expect(invalidJson.status).toBe(401);
      const huge = await post('/recompute', { ids: ['x'.repeat(600_000)] }, null);
      expect(huge.status).toBe(401);
    });

    it('recompute: all accounts or the ids given, and says what is wrong with a bad body', async () => {
      sync.accountCount = 12;
      expect(await (await post('/recompute', { all: true })).json()).toEqual({ accounts: 12, written: 0 });
      expect(await (await post('/recompute', { ids: [ACCOUNT] })).json()).toEqual({ accounts: 1, written: 0 });
      expect(sync.recomputed).toEqual(['all', [ACCOUNT]]);
      const bad = await post('/recompute', { ids: ['not-an-id'] });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toMatch(/ids\.0: must be a 15- or 18-character Salesforce id/);
      expect((await post('/recompute', { all: true, ids: [ACCOUNT] })).status).toBe(400);
      const notJson = await post('/recompute', '{"all": tru');
      expect(notJson.status).toBe(400);
      expect(JSON.stringify(await notJson.json())).toMatch(/not valid JSON/);
      expect((await post('/recompute', { ids: ['x'.repeat(600_000)] })).status).toBe(413);
      expect(sync.recomputed).toHaveLength(2);
    });

    it('explains one account with its facts, and says when the mirror does not know it', async () => {
      const classification = classify(
        customer({ signals: [signal('SERVICE_DISSATISFACTION')] }),
        shippedCompiled(),
        NOW,
        {
          withFacts: true,
        },
      );
      sync.explanations.set(ACCOUNT, { classification, lastWritten: null, failure: null });
      const found = await get(`/accounts/${ACCOUNT}/classification`);
      expect(found.status).toBe(200);
      expect(await found.json()).toMatchObject({
        accountId: ACCOUNT,
        explanation: JSON.parse(JSON.stringify(classification.explanation)),
        facts: expect.anything(),
        hash: classification.hash,
        lastWritten: null,
        failure: null,
      });
      expect((await get('/accounts/001000000000000XYZ/classification')).status).toBe(404);
      expect((await get('/accounts/nope/classification')).status).toBe(400);
    });

    it('simulates a candidate over the rules in force, and refuses an invalid one with its problems', async () => {
      expect((await post('/rules/simulate', { rules: [{ DeveloperName: 'A' }] })).status).toBe(503);
      const inForce = {
        strategies: [{ DeveloperName: 'Default' }],
        rules: [{ DeveloperName: 'Old' }],
        triggers: [{ DeveloperName: 'T' }],
      };
      sync.rulesInForce = { fingerprint: 'f', names: ['Old'], records: inForce as never };
      sync.simulation = { problems: ['Stance_Rule__mdt New: Where__c: unknown field Foo'] };
      const refused = await post('/rules/simulate', { rules: [{ DeveloperName: 'New' }] });
      expect(refused.status).toBe(422);
      expect(await refused.json()).toEqual({
        error: 'the candidate rule set is invalid',
        problems: ['Stance_Rule__mdt New: Where__c: unknown field Foo'],
      });
      // What was not sent stays as in force.
      expect(sync.simulated).toEqual([{ ...inForce, rules: [{ DeveloperName: 'New' }] }]);
      const empty = await post('/rules/simulate', {});
      expect(empty.status).toBe(400);
      expect(JSON.stringify(await empty.json())).toMatch(/give at least one of strategies, rules or triggers/);
      expect((await post('/rules/simulate', { rules: [{ Label: 'no name' }] })).status).toBe(400);
    });
  });

  it('answers an unknown route in JSON', async () => {
    const response = await get('/nowhere', null);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no such route' });
  });
});
