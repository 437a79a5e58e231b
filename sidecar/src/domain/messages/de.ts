/** The sidecar's words in German (LanguageLocaleKey de, de_AT, de_CH ...). */
import type { MessageCatalog } from './catalog';

export const de: MessageCatalog = {
  stance: { Attack: 'Angreifen', Defend: 'Verteidigen', Fire: 'Beenden', None: 'Keine Haltung' },
  ownerNowAtRisk: '{0}: jetzt gefährdet ({1})',
  ownerMoved: '{0}: {1} → {2}',
  ownerMovedAtRisk: '{0}: {1} → {2}, gefährdet',
  ownerTitleOne: 'Stance: {0}',
  ownerTitleMany: {
    one: 'Stance: {0} Ihrer Accounts hat sich geändert',
    other: 'Stance: {0} Ihrer Accounts haben sich geändert',
  },
  ownerMore: '… und {0} weitere',
  digestTitle: 'Stance: die Accounts Ihres Teams in den letzten 24 Stunden: {0}',
  digestHead: 'In Ihrem Team in den letzten 24 Stunden: {0}.',
  digestFooter: 'Öffnen Sie sie für die Accounts, deren Stance sich in den letzten 7 Tagen geändert hat.',
  digestPerson: '{0}: {1}',
  movedTo: '{0} auf „{1}“',
  becameAtRisk: { one: '{0} neu gefährdet', other: '{0} neu gefährdet' },
  exitStepsDone: { one: '{0} Ausstiegsschritt erledigt', other: '{0} Ausstiegsschritte erledigt' },
  morePeople: { one: '… und {0} weitere Person', other: '… und {0} weitere Personen' },
  partSeparator: ', ',
};
