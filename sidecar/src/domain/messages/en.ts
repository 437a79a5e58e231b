/** The sidecar's words in English (the language of people whose LanguageLocaleKey has no catalog). */
import type { MessageCatalog } from './catalog';

export const en: MessageCatalog = {
  stance: { Attack: 'Attack', Defend: 'Defend', Fire: 'Fire', None: 'No stance' },
  ownerNowAtRisk: '{0}: now at risk ({1})',
  ownerMoved: '{0}: {1} → {2}',
  ownerMovedAtRisk: '{0}: {1} → {2}, at risk',
  ownerTitleOne: 'Stance: {0}',
  ownerTitleMany: { one: 'Stance: {0} of your accounts changed', other: 'Stance: {0} of your accounts changed' },
  ownerMore: '… and {0} more',
  digestTitle: "Stance: your team's accounts in the last day: {0}",
  digestHead: 'In your team in the last day: {0}.',
  digestFooter: 'Open it for the accounts that changed stance in the last 7 days.',
  digestPerson: '{0}: {1}',
  movedTo: '{0} to {1}',
  becameAtRisk: { one: '{0} became at risk', other: '{0} became at risk' },
  exitStepsDone: { one: '{0} exit step done', other: '{0} exit steps done' },
  morePeople: { one: '… and {0} more person', other: '… and {0} more people' },
  partSeparator: ', ',
};
