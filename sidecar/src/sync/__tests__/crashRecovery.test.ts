import { freePort } from '../../../../scripts/testing/ports';
import { ACCOUNTS } from '../../../../scripts/demo-data/firm';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import Database from 'better-sqlite3';
import { DEFAULTS } from '../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { signIn } from '../../../../scripts/testing/signIn';
import { classify, stanceFieldValues } from '../../domain';
import { shippedCompiled } from '../../domain/__tests__/support/shippedConfig';
import { readAll } from '../../salesforce/reader';
import { MIRRORED_OBJECTS, MirrorStore } from '../../store/mirror';
import { WRITTEN_ACCOUNT_FIELDS, fieldKinds, readAllQuery } from '../queries';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '../../../..');

/** The sidecar as `npm run sidecar` runs it: its own process, configured by the environment. */
function startProcess(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sidecar/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"sidecar ready"')) resolve();
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.once('exit', (code) => reject(new Error(`sidecar exited with ${code}:\n${output}`)));
  });
  return { child, output: () => output, ready };
}

/** A deterministic burst of ordinary user edits over many accounts. */
function* burst(accountIds: readonly string[], count: number): Generator<(conn: Connection) => Promise<unknown>> {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  const industries = ['Chocolate', 'Confectionery', 'Bakery', 'Paper'];
  const types = ['Prospect', 'Customer - Direct'];
  const triggers = ['SERVICE_DISSATISFACTION', 'COMPETITOR_APPROACH', 'INCUMBENT_DISSATISFACTION', 'PROCESS_CHANGE'];
  for (let i = 0; i < count; i++) {
    const accountId = accountIds[next() % accountIds.length]!;
    const kind = next() % 3;
    const pick = <T>(list: readonly T[]) => list[next() % list.length]!;
    if (kind === 0) {
      const fields = { Id: accountId, Industry: pick(industries), Type: pick(types) };
      yield (conn) => conn.sobject('Account').update(fields);
    } else if (kind === 1) {
      const fields = { Account__c: accountId, Trigger__c: pick(triggers), Status__c: 'New', Source__c: 'Logistics' };
      yield (conn) => conn.sobject('Stance_Signal__c').create(fields);
    } else {
      const fields = {
        AccountId: accountId,
        Name: `Deal ${i}`,
        StageName: 'Prospecting',
        CloseDate: '2027-06-30',
        Amount: 1_000 * i,
      };
      yield (conn) => conn.sobject('Opportunity').create(fields);
    }
  }
}

/**
 * Waits until the sidecar's store holds a committed replay id for each channel. A sidecar killed
 * before its first commit rightly catches up by SystemModstamp instead of replaying, which is not
 * what this test is about; it reads the store read-only, as a second process would.
 */
async function replayIdsCommitted(file: string, channels: readonly string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT channel FROM replay_ids').all() as { channel: string }[];
      const stored = new Set(rows.map((row) => row.channel));
      if (channels.every((channel) => stored.has(channel))) return;
    } finally {
      db.close();
    }
    if (Date.now() > deadline) throw new Error(`no replay id committed for ${channels.join(', ')} in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Where two values part, with some context, so a failure says what differs. */
function describeDifference(got: string, want: string): string {
  let at = 0;
  while (at < got.length && got[at] === want[at]) at++;
  const from = Math.max(0, at - 80);
  return `org has …${got.slice(from, at + 80)}…, fresh recompute …${want.slice(from, at + 80)}…`;
}

describe('a sidecar killed in the middle of a burst', () => {
  let running: RunningOrg;
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await running?.close();
  });

  it('restarts from its stored replay ids and ends where a fresh full recompute does', async () => {
    running = await startLocalOrg({ seed: 'demo' });
    const admin = await signIn(running, DEFAULTS.username);
    const created = await admin.sobject('Account').create(
      Array.from({ length: 40 }, (_, i) => ({
        Name: `Burst ${i}`,
        Type: 'Prospect',
        Industry: 'Paper',
        BillingCountry: i % 2 ? 'Belgium' : 'France',
      })),
    );
    expect(created.filter((result) => result.success)).toHaveLength(40);
    const env = {
      SF_LOGIN_URL: running.url,
      STANCE_DB: join(mkdtempSync(join(tmpdir(), 'stance-crash-')), 'stance.db'),
      STANCE_PORT: String(await freePort()),
      STANCE_COALESCE_MS: '200',
      LOG_LEVEL: 'info',
    };
    const first = startProcess(env);
    children.push(first.child);
    await first.ready;

    // The burst is the admin's (as a data import would be): it edits every owner's accounts.
    const accountIds = (await admin.query<{ Id: string }>('SELECT Id FROM Account')).records.map((a) => a.Id);
    const edits = [...burst(accountIds, 240)];
    let sent = 0;
    const sendAll = async (upTo: number) => {
      const workers = Array.from({ length: 6 }, async () => {
        while (sent < upTo) {
          const edit = edits[sent++]!;
          await edit(admin);
        }
      });
      await Promise.all(workers);
    };
    await sendAll(100);
    // Kill only once both channels have a committed position, while the next edits are in flight.
    await replayIdsCommitted(env.STANCE_DB, ['/data/Stance_Accounts__chn', '/data/Stance_Signal__ChangeEvent']);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    const inFlight = sendAll(140);
    await new Promise((resolve) => setTimeout(resolve, 50));
    first.child.kill('SIGKILL');
    await Promise.all([exited, inFlight]);
    await sendAll(edits.length);

    const replayRequestsBefore = running.org.hub.replayRequests.length;
    const second = startProcess(env);
    children.push(second.child);
    await second.ready;
    expect(second.output()).toContain('resuming from the stored replay ids');
    expect(second.output()).not.toContain('loaded Account');
    // It asked the org to replay each channel from the ids it had committed.
    expect(running.org.hub.replayRequests.slice(replayRequestsBefore).map(([channel]) => channel)).toEqual(
      expect.arrayContaining(['/data/Stance_Accounts__chn', '/data/Stance_Signal__ChangeEvent']),
    );

    // Wait for it to finish catching up: nothing pending, nothing new written for a while.
    const url = `http://127.0.0.1:${env.STANCE_PORT}`;
    let quiet = 0;
    let lastWrites = -1;
    while (quiet < 6) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const status = (await (await fetch(`${url}/status`)).json()) as {
        pending: number;
        outbox: number;
        counters: { writes: number };
      };
      const idle = status.pending === 0 && status.outbox === 0 && status.counters.writes === lastWrites;
      quiet = idle ? quiet + 1 : 0;
      lastWrites = status.counters.writes;
    }

    // A fresh full recompute: read everything into an empty mirror and classify it.
    const fresh = new MirrorStore(':memory:');
    const inOrg = new Map<string, Record<string, unknown>>();
    for (const object of MIRRORED_OBJECTS) {
      const { records } = await readAll(admin, readAllQuery(object, { withWritten: object === 'Account' }), {
        apiVersion: '62.0',
        bulkThreshold: 100_000,
        kinds: fieldKinds(object),
      });
      fresh.upsert(object, records);
      if (object === 'Account') for (const record of records) inOrg.set(String(record.Id), record);
    }
    const now = Date.now();
    const differences: string[] = [];
    for (const accountId of fresh.allAccountIds()) {
      const expected = stanceFieldValues(
        classify(fresh.snapshot(accountId)!, shippedCompiled(), now),
      ) as unknown as Record<string, unknown>;
      const actual = inOrg.get(accountId)!;
      for (const field of WRITTEN_ACCOUNT_FIELDS) {
        if (!(field in expected)) continue;
        const want = expected[field] ?? null;
        const got = actual[field] ?? null;
        if (typeof want === 'number' ? Number(got) !== want : got !== want)
          differences.push(`${String(actual.Name)} ${field}: ${describeDifference(String(got), String(want))}`);
      }
    }
    fresh.close();
    expect(differences).toEqual([]);
    expect(inOrg.size).toBe(ACCOUNTS.length + 40);

    second.child.kill('SIGTERM');
    const code = await new Promise((resolve) => second.child.once('exit', resolve));
    expect(code).toBe(0);
  });
});
