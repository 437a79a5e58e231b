import { ApiError, activateDraft, getRules, getSession, signOut } from 'console/api';

/** The browser's fetch, answering from a list and keeping what was asked. */
function answers(...list) {
  const calls = [];
  global.fetch = jest.fn((url, init) => {
    calls.push({ url, init });
    const [status, body] = list.shift();
    return Promise.resolve({
      ok: status < 400,
      status,
      text: () => Promise.resolve(body === undefined ? '' : JSON.stringify(body)),
    });
  });
  return calls;
}

describe('console/api', () => {
  afterEach(() => delete global.fetch);

  it('sends the session cookie and, on every POST, the session CSRF token', async () => {
    const calls = answers(
      [200, { signedIn: true, user: { id: '005', name: 'Sofia' }, csrfToken: 'tok-1' }],
      [200, { fingerprint: 'new', historyId: 'a00' }],
      [204],
    );
    await getSession();
    await activateDraft({ rules: [] }, 'fp', 'why');
    await signOut();
    expect(calls.map((call) => call.url)).toEqual([
      '/console/api/session',
      '/console/api/activate',
      '/console/oauth/signout',
    ]);
    expect(calls.every((call) => call.init.credentials === 'same-origin')).toBe(true);
    expect(calls[1].init.method).toBe('POST');
    expect(calls[1].init.headers['X-CSRF-Token']).toBe('tok-1');
    expect(JSON.parse(calls[1].init.body)).toEqual({ records: { rules: [] }, baseFingerprint: 'fp', reason: 'why' });
    expect(calls[2].init.headers['X-CSRF-Token']).toBe('tok-1');
  });

  it('turns a refusal into an ApiError with the status and the answer', async () => {
    answers([409, { error: 'the rules changed in Setup since you opened the draft' }]);
    const error = await getRules().catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    expect(error.message).toBe('api/rules: the rules changed in Setup since you opened the draft');
  });

  it('says when the sidecar does not answer', async () => {
    global.fetch = jest.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await getRules().catch((caught) => caught);
    expect(error.status).toBe(0);
    expect(error.message).toBe('api/rules: the sidecar did not answer (Failed to fetch)');
  });
});
