import { ownerNotifications } from '../notices';

const notice = (ownerId: string, accountName: string, from = 'None', to = 'Attack', becameAtRisk = false) => ({
  ownerId,
  accountId: `001${accountName}`,
  accountName,
  from,
  to,
  becameAtRisk,
});

describe("owners' notices in the owner's language", () => {
  it('is German for an owner whose language is German, English for the others', () => {
    const sent = ownerNotifications(
      [
        notice('005A', 'Acme'),
        notice('005A', 'Bolt', 'Defend', 'Fire', true),
        notice('005B', 'Kakao', 'Defend', 'Defend', true),
        notice('005C', 'Chocolaterie Lumière', 'Defend', 'Defend', true),
      ],
      new Map([
        ['005A', 'de'],
        ['005B', 'de_DE'],
        ['005C', 'en_US'],
      ]),
    );
    expect(sent).toEqual([
      {
        recipientIds: ['005A'],
        targetId: '001Acme',
        title: 'Stance: 2 Ihrer Accounts haben sich geändert',
        body: 'Acme: Keine Haltung → Angreifen\nBolt: Verteidigen → Beenden, gefährdet',
      },
      {
        recipientIds: ['005B'],
        targetId: '001Kakao',
        title: 'Stance: Kakao: jetzt gefährdet (Verteidigen)',
        body: 'Kakao: jetzt gefährdet (Verteidigen)',
      },
      {
        recipientIds: ['005C'],
        targetId: '001Chocolaterie Lumière',
        title: 'Stance: Chocolaterie Lumière: now at risk (Defend)',
        body: 'Chocolaterie Lumière: now at risk (Defend)',
      },
    ]);
  });

  it('counts the accounts it does not list in German', () => {
    const [sent] = ownerNotifications(
      Array.from({ length: 1013 }, (_, i) => notice('005A', `A${i}`)),
      new Map([['005A', 'de']]),
    );
    expect(sent!.title).toBe('Stance: 1.013 Ihrer Accounts haben sich geändert');
    expect(sent!.body.split('\n')).toHaveLength(11);
    expect(sent!.body).toMatch(/… und 1.003 weitere$/);
  });

  it('keeps a stance it does not know as it came', () => {
    const [sent] = ownerNotifications([notice('005A', 'Acme', 'Defend', 'Retired')], new Map([['005A', 'de']]));
    expect(sent!.body).toBe('Acme: Verteidigen → Retired');
  });
});
