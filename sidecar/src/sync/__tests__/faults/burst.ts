/**
 * A burst of realistic changes by real users through jsforce, from a seed: Dana (a sales rep)
 * edits her accounts and adds deals, Sam (support) reports signals, the admin retitles key
 * contacts (detected signals) and edits any account. Edits the org refuses during a fault are
 * counted, not thrown: users see errors on a bad day too.
 */
import type { Connection } from 'jsforce';
import type { Harness } from '../support/harness';

type Edit = { by: 'admin' | 'dana' | 'sam'; run: (conn: Connection) => Promise<unknown> };

export interface BurstTargets {
  readonly allAccounts: readonly string[];
  readonly danasAccounts: readonly string[];
  readonly contacts: readonly string[];
}

export async function burstTargets(h: Pick<Harness, 'admin' | 'as'>): Promise<BurstTargets> {
  const dana = await h.as('dana');
  const danaId = (await dana.identity()).user_id;
  const ids = async (conn: Connection, soql: string) =>
    (await conn.query<{ Id: string }>(soql)).records.map((r) => r.Id);
  return {
    allAccounts: await ids(h.admin, 'SELECT Id FROM Account ORDER BY Name'),
    danasAccounts: await ids(dana, `SELECT Id FROM Account WHERE OwnerId = '${danaId}' ORDER BY Name`),
    contacts: await ids(h.admin, 'SELECT Id FROM Contact WHERE AccountId != null ORDER BY Name'),
  };
}

const TITLES = ['Chief Executive Officer', 'Head of Procurement', 'Office Manager', 'Chief Financial Officer'];
const TRIGGERS = ['SERVICE_DISSATISFACTION', 'COMPETITOR_APPROACH', 'INCUMBENT_DISSATISFACTION', 'PROCESS_CHANGE'];
const INDUSTRIES = ['Chocolate', 'Confectionery', 'Bakery', 'Paper'];
const TYPES = ['Prospect', 'Customer - Direct'];

export function burst(targets: BurstTargets, seed: number, count: number): Edit[] {
  let state = seed * 7_919 + 17;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31);
  const pick = <T>(list: readonly T[]) => list[next() % list.length]!;
  const edits: Edit[] = [];
  for (let i = 0; i < count; i++) {
    const kind = next() % 5;
    if (kind === 0 && targets.danasAccounts.length > 0) {
      const fields = { Id: pick(targets.danasAccounts), Industry: pick(INDUSTRIES), Type: pick(TYPES) };
      edits.push({ by: 'dana', run: (conn) => conn.sobject('Account').update(fields) });
    } else if (kind === 1 && targets.danasAccounts.length > 0) {
      const fields = {
        AccountId: pick(targets.danasAccounts),
        Name: `Fault deal ${seed}-${i}`,
        StageName: 'Prospecting',
        CloseDate: '2027-06-30',
        Amount: 1_000 * (i + 1),
      };
      edits.push({ by: 'dana', run: (conn) => conn.sobject('Opportunity').create(fields) });
    } else if (kind === 2) {
      const fields = {
        Account__c: pick(targets.allAccounts),
        Trigger__c: pick(TRIGGERS),
        Status__c: 'New',
        Source__c: 'Customer Support',
        Detail__c: `Reported in fault burst ${seed}-${i}`,
      };
      edits.push({ by: 'sam', run: (conn) => conn.sobject('Stance_Signal__c').create(fields) });
    } else if (kind === 3 && targets.contacts.length > 0) {
      const fields = { Id: pick(targets.contacts), Title: pick(TITLES) };
      edits.push({ by: 'admin', run: (conn) => conn.sobject('Contact').update(fields) });
    } else {
      const fields = {
        Id: pick(targets.allAccounts),
        Industry: pick(INDUSTRIES),
        BillingCountry: pick(['France', 'Belgium']),
      };
      edits.push({ by: 'admin', run: (conn) => conn.sobject('Account').update(fields) });
    }
  }
  return edits;
}

/** Sends edits with a few users at once; answers how many the org refused. */
export async function send(h: Pick<Harness, 'admin' | 'as'>, edits: readonly Edit[], workers = 4): Promise<number> {
  const conns = { admin: h.admin, dana: await h.as('dana'), sam: await h.as('sam') };
  let at = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (at < edits.length) {
        const edit = edits[at++]!;
        try {
          const result = (await edit.run(conns[edit.by])) as { success?: boolean };
          if (result && result.success === false) refused++;
        } catch {
          refused++;
        }
      }
    }),
  );
  return refused;
}
