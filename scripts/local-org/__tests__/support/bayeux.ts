/** Raw Bayeux over HTTP to the local org's CometD endpoint, for tests that probe the protocol itself. */
import type { RunningOrg } from '../../server';

/** Posts a batch of Bayeux messages with the user's token; answers the replies, and fails on anything but 200. */
export function bayeuxClient<Reply>(
  running: RunningOrg,
  accessToken: string,
): (messages: object[]) => Promise<Reply[]> {
  return async (messages) => {
    const response = await fetch(`${running.url}/cometd/62.0`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(messages),
    });
    if (response.status !== 200) throw new Error(`CometD answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Reply[];
  };
}
