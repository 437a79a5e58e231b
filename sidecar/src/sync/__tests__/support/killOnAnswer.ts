/**
 * Kills a sidecar at the worst point of a write, deterministically: the local org holds its
 * answer to the write until the sidecar is gone.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunningOrg } from '../../../../../scripts/local-org/server';

/**
 * Arms the org's server: the first /composite answer that names a record with this key prefix
 * (one the org just committed) is held, `kill` runs, and only then is the
 * answer sent, to a process that is gone. Resolves once that happened.
 */
export function killOnAnswer(running: RunningOrg, keyPrefix: string, kill: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let armed = true;
    const listener = (request: IncomingMessage, response: ServerResponse) => {
      if (!armed || request.method !== 'POST' || !/\/composite$/.test((request.url ?? '').split('?')[0]!)) return;
      const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
      response.end = ((...args: unknown[]) => {
        const body = args[0];
        const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString() : '';
        if (!armed || !text.includes(`"id":"${keyPrefix}`)) return end(...args);
        armed = false;
        running.server.off('request', listener);
        void kill().then(() => {
          end(...args);
          resolve();
        });
        return response;
      }) as ServerResponse['end'];
    };
    running.server.prependListener('request', listener);
  });
}
