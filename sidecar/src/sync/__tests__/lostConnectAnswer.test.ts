/**
 * A /meta/connect answer lost in transit, with no re-handshake from the org: the org handed
 * Dana's change to Pacific Paper Co. to the answer (and counts it delivered), the connection is
 * cut before the sidecar reads it, and faye sends the same connect again under the same
 * clientId. The sidecar must still get the change: after the transport failure it asks for a new
 * session at the next connect answer, and subscribes again from the last id it received, so the
 * org replays the lost event (and what came after it, in order).
 */
import { loseNextEventAnswer } from '../../../../scripts/local-org/streamFaults';
import { DEFAULT_ACCOUNT_CHANNEL } from '../changeEvents';
import { accountNamed, eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(120_000);

/** Account is followed on the package's filtered channel. */
const ACCOUNT_CHANNEL = DEFAULT_ACCOUNT_CHANNEL;

describe('a long-poll answer lost in transit', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  it('replays the events it carried from a new session, and the stance follows', async () => {
    const dana = await h.as('dana');
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    expect(paper.Stance__c).toBe('None');
    // Armed before the Account event delivered first (which gives the channel a position to
    // resume from): the long poll open now answers it, and the next one is the one lost.
    const lost = loseNextEventAnswer(h.org.org, paper.Id);
    const other = await accountNamed(h.admin, 'Andes Mining Supplies');
    await h.admin.sobject('Account').update({ Id: other.Id, NumberOfEmployees: 4321 });
    const delivered = h.org.org.hub.newestReplayId();
    await eventually(async () =>
      expect(h.sidecar.mirror.ledger.replayId(ACCOUNT_CHANNEL)).toBeGreaterThanOrEqual(delivered),
    );
    await settled(h.sidecar);

    const replaysBefore = h.org.org.hub.replayRequests.length;
    await dana.sobject('Account').update({ Id: paper.Id, Industry: 'Chocolate', BillingCountry: 'Belgium' });
    const lostIds = await lost;
    expect(lostIds.length).toBeGreaterThan(0);
    // Another change on another account: the connect sent again is answered with it (not after a
    // whole long-poll timeout), as it would be on a busy org.
    await h.admin.sobject('Account').update({ Id: other.Id, NumberOfEmployees: 4322 });

    await eventually(
      async () => expect((await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c).toBe('Attack'),
      60_000,
    );
    // It came by a replay from before the lost event, asked for on a new session's subscribe.
    const replays = h.org.org.hub.replayRequests
      .slice(replaysBefore)
      .filter(([channel]) => channel === ACCOUNT_CHANNEL);
    expect(replays.length).toBeGreaterThan(0);
    expect(replays[0]![1]).toBeLessThan(Math.min(...lostIds));
  });
});
