import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { loadConfig } from '../../config';
import { connect } from '../connection';
import { RequestWatch, UNREACHABLE_AFTER, kindOf, requestWatchOf } from '../deadlines';

describe('deadlines on org requests', () => {
  let running: RunningOrg;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
  });

  afterEach(() => running.org.faults.clear());
  afterAll(() => running.close());

  const connection = () => connect({ ...loadConfig({ SF_LOGIN_URL: running.url }), requestTimeoutMs: 500 });

  it('a hung query fails with an error naming the request and the setting, and the org counts as unreachable', async () => {
    const conn = await connection();
    const watch = requestWatchOf(conn);
    running.org.faults.add({ path: '/query', delayMs: 5_000, times: 1 });
    const error = await conn.query('SELECT Id FROM Account').then(
      () => null,
      (caught: Error & { errorCode?: string }) => caught,
    );
    expect(error?.message).toBe(
      'no answer from the org within 0.5 s (STANCE_REQUEST_TIMEOUT_S): GET /services/data/v62.0/query',
    );
    // No errorCode: the writer and the sync retry it as they retry a network error.
    expect(error?.errorCode).toBeUndefined();
    expect(watch.state).toEqual({ reachable: false, problem: error?.message });
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBeGreaterThan(0);
    expect(watch.state).toEqual({ reachable: true });
  });

  it('covers composite and Bulk API 2.0 requests too', async () => {
    const conn = await connection();
    running.org.faults.add({ path: '/composite', delayMs: 5_000, times: 1 });
    await expect(
      conn.requestPost('/services/data/v62.0/composite', { allOrNone: false, compositeRequest: [] }),
    ).rejects.toThrow(/within 0.5 s.*POST \/services\/data\/v62.0\/composite/);
    running.org.faults.add({ path: '/jobs/query', delayMs: 5_000, times: 1 });
    await expect(conn.bulk2.query('SELECT Id FROM Account')).rejects.toThrow(/within 0.5 s.*jobs\/query/);
  });

  it('says which request failed without its query string (a URL can carry record ids)', async () => {
    const conn = await connection();
    const watch = requestWatchOf(conn);
    const port = Number(new URL(running.url).port);
    // Nothing listens on the instance URL any more: every request fails at once.
    conn.instanceUrl = `http://127.0.0.1:${port === 1 ? 2 : 1}`;
    // A POST (jsforce retries a refused GET itself, past the deadline).
    for (let attempt = 0; attempt < UNREACHABLE_AFTER; attempt++)
      await conn.requestPost('/services/data/v62.0/composite?about=001000000000001AAA', {}).then(
        () => undefined,
        () => undefined,
      );
    expect(watch.state).toEqual({
      reachable: false,
      problem: `${UNREACHABLE_AFTER} requests in a row failed, the latest: POST /services/data/v62.0/composite failed: ECONNREFUSED`,
    });
  });

  it('counts consecutive failures: unreachable at the third, reachable at the next answer', () => {
    const watch = new RequestWatch();
    const seen: boolean[] = [];
    watch.onChange((state) => seen.push(state.reachable));
    for (let failure = 1; failure < UNREACHABLE_AFTER; failure++) watch.failed('GET /x answered 503', false);
    expect(watch.state.reachable).toBe(true);
    watch.answered();
    for (let failure = 1; failure <= UNREACHABLE_AFTER; failure++) watch.failed('GET /x answered 503', false);
    expect(watch.state).toEqual({
      reachable: false,
      problem: `${UNREACHABLE_AFTER} requests in a row failed, the latest: GET /x answered 503`,
    });
    watch.answered();
    expect(seen).toEqual([false, true]);
  });

  it('counts failures by kind of request: a path that keeps failing while others answer is unreachable', () => {
    const watch = new RequestWatch();
    watch.failed('POST /services/data/v62.0/jobs/query answered 503', false, 'jobs');
    watch.answered('query');
    watch.failed('POST /services/data/v62.0/jobs/query answered 503', false, 'jobs');
    watch.answered('composite');
    expect(watch.state.reachable).toBe(true);
    watch.failed('POST /services/data/v62.0/jobs/query answered 503', false, 'jobs');
    expect(watch.state).toEqual({
      reachable: false,
      problem: `${UNREACHABLE_AFTER} requests in a row failed, the latest: POST /services/data/v62.0/jobs/query answered 503`,
    });
    expect(
      ['/query?q=x', '/queryAll?q=x', '/query/01gxx-2000', '/composite', '/jobs/query/750x/results', '/'].map((path) =>
        kindOf({ method: 'GET', url: `http://127.0.0.1:1/services/data/v62.0${path}` }),
      ),
    ).toEqual(['query', 'query', 'query', 'composite', 'jobs', '']);
  });

  it('counts each attempt jsforce retries by itself: a GET answered 503 is unreachable while jsforce still retries it', async () => {
    const conn = await connect({ ...loadConfig({ SF_LOGIN_URL: running.url }), requestTimeoutMs: 60_000 });
    const watch = requestWatchOf(conn);
    running.org.faults.add({ path: '/query', status: 503 });
    // A jsforce Query runs when it is first awaited: then() starts it now.
    const answer: Promise<{ totalSize: number }> = conn.query('SELECT COUNT() FROM Account').then((result) => result);
    const deadline = Date.now() + 20_000;
    while (watch.state.reachable && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(watch.state).toEqual({
      reachable: false,
      problem: expect.stringMatching(
        /^3 requests in a row failed, the latest: GET \/services\/data\/v62.0\/query failed and is being retried/,
      ),
    });
    running.org.faults.clear();
    expect((await answer).totalSize).toBeGreaterThan(0);
    expect(watch.state).toEqual({ reachable: true });
  }, 30_000);
});
