/**
 * Owners' notices in the owner's language, through the org: Dana works in German
 * (User.LanguageLocaleKey 'de'), Nina in English. Each moves an account of theirs; each is told in
 * their language, and the languages are read once for both flushes (one query, kept an hour).
 */
import type { IncomingMessage } from 'node:http';
import { accountNamed, eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(90_000);

describe("owners' notices in the owner's language", () => {
  let h: Harness;
  const languageReads: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    h.org.server.on('request', (request: IncomingMessage) => {
      const url = decodeURIComponent(request.url ?? '');
      if (/LanguageLocaleKey/.test(url)) languageReads.push(url);
    });
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  it('tells Dana in German and Nina in English, reading each one’s language once', async () => {
    const dana = await h.as('dana');
    const nina = await h.as('nina');
    const danaId = (await dana.identity()).user_id;
    const ninaId = (await nina.identity()).user_id;
    await h.admin.sobject('User').update({ Id: danaId, LanguageLocaleKey: 'de' });
    const to = (userId: string) => h.org.org.notifications.filter((sent) => sent.recipientIds.includes(userId));
    const readsOf = (userId: string) => languageReads.filter((url) => url.includes(userId.slice(0, 15)));

    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    const alpen = await accountNamed(h.admin, 'Alpen Confiserie AG');
    expect([paper.Stance__c, alpen.Stance__c]).toEqual(['None', 'Attack']);
    await dana.sobject('Account').update({ Id: paper.Id, Industry: 'Chocolate', BillingCountry: 'Belgium' });
    await nina.sobject('Account').update({ Id: alpen.Id, Industry: 'Mining' });
    await eventually(async () => expect([to(danaId).length, to(ninaId).length]).toEqual([1, 1]), 30_000);
    expect(to(danaId)[0]).toMatchObject({
      title: 'Stance: Pacific Paper Co.: Keine Haltung → Angreifen',
      body: 'Pacific Paper Co.: Keine Haltung → Angreifen',
      targetId: paper.Id,
    });
    expect(to(ninaId)[0]!.title).toMatch(/^Stance: Alpen Confiserie AG: Attack → (No stance|Fire)$/);
    expect([readsOf(danaId).length, readsOf(ninaId).length]).toEqual([1, 1]);

    // Another move of hers within the hour: in German again, her language not read again.
    await settled(h.sidecar);
    await dana.sobject('Account').update({ Id: paper.Id, Industry: 'Paper', BillingCountry: 'Japan' });
    await eventually(async () => expect(to(danaId)).toHaveLength(2), 30_000);
    expect(to(danaId)[1]!.title).toBe('Stance: Pacific Paper Co.: Angreifen → Keine Haltung');
    expect(readsOf(danaId)).toHaveLength(1);
  });
});
