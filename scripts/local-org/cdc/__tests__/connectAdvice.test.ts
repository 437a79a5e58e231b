/** The CometD connect advice's timeout: 45 s by default, or as a test sets it (`cometdTimeoutMs`). */
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { StartOptions } from '../../server';
import { signIn } from '../../../testing/signIn';
import { bayeuxClient } from '../../__tests__/support/bayeux';

type Reply = { channel: string; successful?: boolean; clientId?: string; advice?: { timeout?: number } };

async function adviceOf(options: StartOptions): Promise<number | undefined> {
  const running = await startLocalOrg({ seed: 'demo', ...options });
  try {
    const admin = await signIn(running, DEFAULTS.username);
    const bayeux = bayeuxClient<Reply>(running, admin.accessToken!);
    const [handshake] = await bayeux([
      { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] },
    ]);
    // The first connect answers at once (advice timeout 0 asked), with the server's advice.
    const replies = await bayeux([
      {
        channel: '/meta/connect',
        clientId: handshake!.clientId,
        connectionType: 'long-polling',
        advice: { timeout: 0 },
      },
    ]);
    return replies.find((reply) => reply.channel === '/meta/connect')?.advice?.timeout;
  } finally {
    await running.close();
  }
}

describe('the CometD connect advice', () => {
  it('holds long polls 45 s by default', async () => {
    expect(await adviceOf({})).toBe(45_000);
  });

  it('takes cometdTimeoutMs, so a test can make a client notice a silent server sooner', async () => {
    expect(await adviceOf({ cometdTimeoutMs: 3_000 })).toBe(3_000);
  });
});
