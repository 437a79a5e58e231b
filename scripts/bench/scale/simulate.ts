/**
 * `/rules/simulate` over every account with one rule changed, while a monitor asks `/healthz`
 * every 20 ms: the slowest answer says whether the simulation blocked the sidecar.
 */
import type { Connection } from 'jsforce';
import type { OrgCounter } from './orgClient';

const RULE_FIELDS =
  'DeveloperName, MasterLabel, Active__c, Base_Priority__c, Condition__c, Order__c, Reason__c, Stance__c';

export async function simulateWhileWatching(
  sidecarUrl: string,
  headers: Record<string, string>,
  admin: Connection,
  counter: OrgCounter,
): Promise<{ accounts: number; slowestHealthMs: number }> {
  const rules = (await admin.query<Record<string, unknown>>(`SELECT ${RULE_FIELDS} FROM Stance_Rule__mdt`)).records;
  counter.benchCalls++;
  // The candidate: healthy customers need an open deal to count as healthy.
  const candidate = rules.map(({ attributes: _attributes, ...rule }) =>
    rule.DeveloperName === 'Healthy_Customer'
      ? { ...rule, Condition__c: 'Is_Customer = true AND Open_Pipeline > 0' }
      : rule,
  );
  let slowest = 0;
  let done = false;
  const watch = (async () => {
    while (!done) {
      const started = Date.now();
      await fetch(`${sidecarUrl}/healthz`).catch(() => undefined);
      slowest = Math.max(slowest, Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    const answer = await fetch(`${sidecarUrl}/rules/simulate`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ rules: candidate }),
    });
    const body = (await answer.json()) as { accounts?: number; error?: string; problems?: string[] };
    if (!answer.ok)
      throw new Error(`POST /rules/simulate answered ${answer.status}: ${JSON.stringify(body).slice(0, 500)}`);
    return { accounts: Number(body.accounts ?? 0), slowestHealthMs: slowest };
  } finally {
    done = true;
    await watch;
  }
}
