/**
 * For fault tests: the org stopped and started again on the same port with the same data and
 * sessions, as an outage of the real one looks to a client (connections refused, streams gone,
 * then the same org answering). The LocalOrg (store, hub, sessions) stays; only the listener goes.
 */
import type { RunningOrg } from './server';

export interface Outage {
  /** Starts listening again on the same host and port. */
  end(): Promise<void>;
}

export async function stopListening(running: RunningOrg): Promise<Outage> {
  const { server } = running;
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error(`local org at ${running.url} is not listening`);
  running.org.hub.dropClients();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
  return {
    end: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(address.port, address.address, () => {
          server.off('error', reject);
          resolve();
        });
      }),
  };
}
