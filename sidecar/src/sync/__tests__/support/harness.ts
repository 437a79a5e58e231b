/** A local org with the demo firm and a sidecar against it, for the sync integration tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import pino from 'pino';
import { startLocalOrg } from '../../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../../scripts/local-org/server';
import { loadConfig } from '../../../config';
import type { Config } from '../../../config';
import { connect } from '../../../salesforce/connection';
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
  /** A user's connection (another client name), as a rep's browser would write. */
  readonly user: Connection;
  close(): Promise<void>;
}

export async function startHarness(options: { clock?: Clock; config?: Partial<Config> } = {}): Promise<Harness> {
  const org = await startLocalOrg({ access: 'open', seed: 'demo' });
  const config = sidecarConfig(org, options.config);
  const sidecar = await startSidecar(config, {
    clock: options.clock,
    logger: pino({ level: 'warn' }),
  });
  const user = await connect({ ...config, clientName: 'stance-test-user' });
  return {
    org,
    sidecar,
    user,
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
