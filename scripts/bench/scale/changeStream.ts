/**
 * A sustained stream of ordinary changes by real people, at a fixed rate: Dana and Nina edit
 * accounts they own, Sam (support) reports signals, the admin retitles contacts. Each change is
 * one API call of the person's. Answers which accounts changed and how many edits the org refused.
 */
import type { Connection } from 'jsforce';
import { random } from '../population';

export interface StreamPeople {
  readonly reps: ReadonlyArray<{ readonly conn: Connection; readonly accountIds: readonly string[] }>;
  readonly support: Connection;
  readonly admin: Connection;
  readonly contacts: ReadonlyArray<{ readonly Id: string; readonly AccountId: string }>;
}

export interface StreamResult {
  readonly sent: number;
  readonly refused: number;
  readonly changedAccounts: number;
  readonly firstError: string | null;
}

const TRIGGERS = ['SERVICE_DISSATISFACTION', 'COMPETITOR_APPROACH', 'PROCESS_CHANGE', 'PRODUCT_DISSATISFACTION'];
const SOURCES = ['Customer Support', 'Logistics', 'Technical'];
const TITLES = ['Head of Purchasing', 'Buyer', 'Plant Manager', 'Chief Operating Officer', 'Assistant'];
const RATINGS = ['Hot', 'Warm', 'Cold'];

export async function changeStream(
  people: StreamPeople,
  perSecond: number,
  seconds: number,
  seed = 7,
  onProgress: (sent: number) => void = () => undefined,
): Promise<StreamResult> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const changed = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let refused = 0;
  let firstError: string | null = null;
  const total = Math.round(perSecond * seconds);
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const roll = next();
    let accountId: string;
    let call: () => Promise<unknown>;
    if (roll < 0.6) {
      const rep = pick(people.reps);
      accountId = pick(rep.accountIds);
      const edit = next() < 0.5 ? { Rating: pick(RATINGS) } : { NumberOfEmployees: Math.floor(next() * 5_000) };
      call = () => rep.conn.sobject('Account').update({ Id: accountId, ...edit });
    } else if (roll < 0.9) {
      accountId = pick(pick(people.reps).accountIds);
      call = () =>
        people.support.sobject('Stance_Signal__c').create({
          Account__c: accountId,
          Trigger__c: pick(TRIGGERS),
          Status__c: 'New',
          Source__c: pick(SOURCES),
        });
    } else {
      const contact = pick(people.contacts);
      accountId = contact.AccountId;
      call = () => people.admin.sobject('Contact').update({ Id: contact.Id, Title: pick(TITLES) });
    }
    changed.add(accountId);
    sent++;
    const running: Promise<void> = call()
      .then((result) => {
        const outcome = result as { success?: boolean; errors?: Array<{ message?: string }> };
        if (outcome && outcome.success === false) throw new Error(outcome.errors?.[0]?.message ?? 'refused');
      })
      .catch((error: Error) => {
        refused++;
        firstError ??= error.message;
      })
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
    if (sent % Math.max(1, Math.round(perSecond * 30)) === 0) onProgress(sent);
  }
  await Promise.all(inFlight);
  return { sent, refused, changedAccounts: changed.size, firstError };
}
