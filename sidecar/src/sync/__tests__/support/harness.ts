/** A local org with the demo firm and a sidecar against it, for the sync integration tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import pino from 'pino';
import { DEFAULTS } from '../../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../../scripts/local-org/server';
import { signIn } from '../../../../../scripts/testing/signIn';
import { loadConfig } from '../../../config';
import type { Config } from '../../../config';
import { startSidecar } from '../../../sidecar';
import type { RunningSidecar } from '../../../sidecar';
import { realTime } from '../../clock';
import type { Clock, Timer } from '../../clock';
import { settled as whenSettled } from '../../settled';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export function sidecarConfig(org: RunningOrg, overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      SF_LOGIN_URL: org.url,
      STANCE_DB: join(mkdtempSync(join(tmpdir(), 'stance-sync-')), 'stance.db'),
      STANCE_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
    }),
    port: 0,
    coalesceMs: 100,
    marketPollMs: 300,
    ...overrides,
  };
}

export interface Harness {
  readonly org: RunningOrg;
  readonly sidecar: RunningSidecar;
  /**
   * The admin (System Administrator with Stance_Admin): reads every account, and does what only an
   * admin may (deleting contacts, opportunities and signals: reps have no Delete on them).
   */
  readonly admin: Connection;
  /**
   * A demo person's connection, as their browser would write (signed in once, then reused): `dana`
   * and `nina` (sales reps, owners of the demo accounts), `sam`, `lee`, `tom` (support, logistics,
   * technical: they report signals), `max` (the manager: overrides, market signals).
   */
  as(person: string): Promise<Connection>;
  close(): Promise<void>;
}

export async function startHarness(options: { clock?: Clock; config?: Partial<Config> } = {}): Promise<Harness> {
  const org = await startLocalOrg({ seed: 'demo' });
  const config = sidecarConfig(org, options.config);
  const sidecar = await startSidecar(config, {
    clock: options.clock,
    logger: pino({ level: process.env.STANCE_TEST_LOG_LEVEL ?? 'warn' }),
  });
  const admin = await signIn(org, DEFAULTS.username);
  const people = new Map<string, Promise<Connection>>();
  return {
    org,
    sidecar,
    admin,
    as(person) {
      if (!people.has(person)) people.set(person, signIn(org, `${person}@stance.local`));
      return people.get(person)!;
    },
    async close() {
      await sidecar.stop();
      await org.close();
    },
  };
}

export interface AccountStance {
  Id: string;
  Name: string;
  Stance__c: string | null;
  At_Risk__c: boolean;
  Stance_Reason__c: string | null;
  Stance_Rule__c: string | null;
  Stance_Computed_At__c: string | null;
}

export async function accountNamed(conn: Connection, name: string): Promise<AccountStance> {
  const answer = await conn.query<AccountStance>(
    `SELECT Id, Name, Stance__c, At_Risk__c, Stance_Reason__c, Stance_Rule__c, Stance_Computed_At__c FROM Account WHERE Name = '${name.replace(/'/g, "\\'")}'`,
  );
  const account = answer.records[0];
  if (!account) throw new Error(`no account named ${name}`);
  return account;
}

/** Polls until check passes (it throws until then), for at most timeoutMs. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Waits until the sidecar has nothing pending and no write happened for quietMs. */
export function settled(sidecar: RunningSidecar, quietMs = 600): Promise<void> {
  return whenSettled(sidecar.sync, quietMs);
}

/** A clock the test moves by hand: timers fire when the time passes them; pacing stays real. */
export class ManualClock implements Clock {
  readonly realNow = realTime.realNow;
  readonly delay = realTime.delay;
  readonly repeat = realTime.repeat;
  private readonly timers = new Set<{ due: number; fn: () => void }>();

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): Timer {
    const timer = { due: this.time + ms, fn };
    this.timers.add(timer);
    return { cancel: () => this.timers.delete(timer) };
  }

  advanceTo(time: number): void {
    this.time = time;
    for (const timer of [...this.timers].sort((a, b) => a.due - b.due)) {
      if (timer.due <= time) {
        this.timers.delete(timer);
        timer.fn();
      }
    }
  }
}
