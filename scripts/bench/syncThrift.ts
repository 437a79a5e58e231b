/**
 * Sync thrift and latency on the local org: N accounts with contacts and opportunities, a burst
 * of M ordinary edits by a user, and the API calls the sidecar spent on them (from the local
 * org's accounting, the user's own calls taken out) beside a naive integration that reads the
 * same change events and, for each, queries the account with its children and updates it. Then
 * a restart, to show it resumes from its replay ids without reading the org again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { disconnectStreaming } from '../testing/streaming';
import pino from 'pino';
import { loadConfig } from '../../sidecar/src/config';
import { STREAMED_OBJECTS, channelOf } from '../../sidecar/src/sync/changeEvents';
import type { ChangeEventMessage } from '../../sidecar/src/salesforce/changeStream';
import { startSidecar } from '../../sidecar/src/sidecar';
import { settled } from '../../sidecar/src/sync/settled';
import { DEFAULTS } from '../local-org/org';
import { startLocalOrg } from '../local-org/server';

export interface SyncBenchResult {
  readonly accounts: number;
  readonly changes: number;
  readonly coalesceMs: number;
  readonly sidecarCalls: number;
  readonly naiveCalls: number;
  readonly writes: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly initialLoadCalls: number;
  readonly restartCalls: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function syncThrift(accounts: number, changes: number, coalesceMs: number): Promise<SyncBenchResult> {
  const running = await startLocalOrg({ seed: 'none' });
  const used = () => running.org.accounting.used;
  try {
    const context = running.org.context(running.org.adminUserId);
    const ids: string[] = [];
    running.org.store.db.transaction(() => {
      for (let i = 0; i < accounts; i++) {
        const id = running.org.store.insertRaw(
          'Account',
          { Name: `Bench ${i}`, Type: 'Customer - Direct', Industry: 'Chocolate', BillingCountry: 'Belgium' },
          context,
        );
        ids.push(id);
        for (let c = 0; c < 3; c++)
          running.org.store.insertRaw('Contact', { AccountId: id, LastName: `Contact ${c}`, Title: 'Buyer' }, context);
        for (let o = 0; o < 2; o++) {
          running.org.store.insertRaw(
            'Opportunity',
            { AccountId: id, Name: `Deal ${o}`, StageName: 'Prospecting', CloseDate: '2027-01-31', Amount: 10_000 },
            context,
          );
        }
      }
    })();

    const db = join(mkdtempSync(join(tmpdir(), 'stance-bench-')), 'stance.db');
    const config = {
      ...loadConfig({ SF_LOGIN_URL: running.url, STANCE_DB: db }),
      port: 0,
      coalesceMs,
    };
    const logger = pino({ level: 'warn' });
    const beforeLoad = used();
    let sidecar = await startSidecar(config, { logger });
    await settled(sidecar.sync, 1_500);
    const initialLoadCalls = used() - beforeLoad;
    const replayFrom = new Map(STREAMED_OBJECTS.map((object) => [channelOf(object), running.org.hub.newestReplayId()]));

    // The burst: a person's edits (the admin's, who owns the accounts), each its own API call, six at a time.
    const user = new Connection({
      oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
      version: '62.0',
      callOptions: { client: 'bench-user' },
    });
    await user.login(DEFAULTS.username, DEFAULTS.password);
    sidecar.sync.metrics.resetLatencies();
    const writesBefore = sidecar.sync.metrics.writes;
    const beforeBurst = used();
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < changes) {
          const i = next++;
          const accountId = ids[(i * 7) % ids.length]!;
          if (i % 3 === 0) await user.sobject('Account').update({ Id: accountId, NumberOfEmployees: i });
          else if (i % 3 === 1) {
            await user.sobject('Stance_Signal__c').create({
              Account__c: accountId,
              Trigger__c: i % 2 ? 'SERVICE_DISSATISFACTION' : 'PROCESS_CHANGE',
              Status__c: 'New',
              Source__c: 'Logistics',
            });
          } else await user.sobject('Account').update({ Id: accountId, Rating: i % 2 ? 'Hot' : 'Warm' });
        }
      }),
    );
    await settled(sidecar.sync, 1_500);
    // Every edit is exactly one API call of the user's; the rest is the sidecar's.
    const sidecarCalls = used() - beforeBurst - changes;
    const p50Ms = sidecar.sync.metrics.latencyPercentile(50);
    const p95Ms = sidecar.sync.metrics.latencyPercentile(95);
    const writes = sidecar.sync.metrics.writes - writesBefore;

    // Restart: it should resume from the stored replay ids, reading nothing but the rules.
    await sidecar.stop();
    const beforeRestart = used();
    sidecar = await startSidecar(config, { logger });
    await settled(sidecar.sync, 500);
    const restartCalls = used() - beforeRestart;
    await sidecar.stop();

    const naiveCalls = await naiveIntegration(running.url, replayFrom, changes);
    return {
      accounts,
      changes,
      coalesceMs,
      sidecarCalls,
      naiveCalls,
      writes,
      p50Ms,
      p95Ms,
      initialLoadCalls,
      restartCalls,
    };
  } finally {
    await running.close();
  }

  /** For each change event of the burst: one query (account, contacts, opportunities, signals), one update. */
  async function naiveIntegration(url: string, from: Map<string, number>, expected: number): Promise<number> {
    const conn = new Connection({
      oauth2: { loginUrl: url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
      version: '62.0',
      callOptions: { client: 'naive-integration' },
    });
    await conn.authorize({ grant_type: 'client_credentials' });
    const before = used();
    const events: ChangeEventMessage[] = [];
    const clients = [...from].map(([channel, replayId]) => {
      const client = conn.streaming.createClient([new StreamingExtension.Replay(channel, replayId)]);
      client.subscribe(channel, (message: ChangeEventMessage) => {
        // Only the user's edits: a naive integration that reacted to its own writes would loop forever.
        if (message.payload.ChangeEventHeader.changeOrigin.includes('client=bench-user')) events.push(message);
      });
      return client;
    });
    const deadline = Date.now() + 60_000;
    while (events.length < expected && Date.now() < deadline) await sleep(100);
    for (const event of events) {
      const header = event.payload.ChangeEventHeader;
      const accountId = header.entityName === 'Account' ? header.recordIds[0]! : String(event.payload.Account__c ?? '');
      const answer = await conn.query<{ Id: string }>(
        `SELECT Id, Name, Type, Industry, (SELECT Id, Title FROM Contacts), (SELECT Id, Amount, IsClosed FROM Opportunities), (SELECT Id, Trigger__c, Status__c FROM Stance_Signals__r) FROM Account WHERE Id = '${accountId}'`,
      );
      await conn
        .sobject('Account')
        .update({ Id: answer.records[0]!.Id, Stance_Computed_At__c: new Date().toISOString() });
    }
    // Waited for: a disconnect the closing org cuts off is retried by faye forever, and the bench never exits.
    await Promise.all(clients.map((client) => disconnectStreaming(client)));
    return used() - before;
  }
}
