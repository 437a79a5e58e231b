/**
 * The portfolio's daily jobs: a snapshot per owner (Stance_Portfolio_Snapshot__c, upserted on
 * Snapshot_Key__c) and the managers' digest (digest.ts). Each runs once a UTC day: at the first
 * tick after a start when the day's has not run yet, then each day at STANCE_SNAPSHOT_AT (UTC,
 * default 00:05). A run that fails (the org unreachable, the API reserve reached, a snapshot the
 * org may take later) is tried again at a later tick; the day it ran is kept in STANCE_DB.
 */
import { DAY_MS } from '../domain';
import { dayBefore, portfolioSnapshots, utcDay, VALUE_LEVERS } from '../domain/portfolio';
import type { ValueLever } from '../domain/portfolio';
import { SpendingPaused } from '../salesforce/org';
import { PortfolioOrg } from '../salesforce/portfolio';
import type { PortfolioDay, PortfolioJob } from '../store/portfolio';
import type { SyncContext } from './context';
import { sendDigests } from './digest';
import type { RuleSet } from './rules';

export interface PortfolioSettings {
  /** When the day's jobs run, HH:MM in UTC. */
  readonly runAt: string;
  /** How often the sync looks whether a job is due (real time). */
  readonly tickMs: number;
  /** Rows per aggregate page (2,000, a REST page; smaller in tests). */
  readonly groupsPerPage?: number;
  /** After a failed run, how long the next try waits (real time; default PORTFOLIO_RETRY_MS). */
  readonly retryMs?: number;
}

export const DEFAULT_PORTFOLIO_SETTINGS: PortfolioSettings = { runAt: '00:05', tickMs: 60_000 };

/** After a failed run, the next try waits this long (real time). */
export const PORTFOLIO_RETRY_MS = 5 * 60_000;

/** What /status shows: the last day each job ran, what it did, and the calls spent. */
export interface PortfolioStatus {
  readonly snapshots: PortfolioDay | null;
  readonly digest: PortfolioDay | null;
  /** API calls the jobs made since the start. */
  readonly calls: number;
  readonly snapshotsWritten: number;
  readonly snapshotsRefused: number;
}

const JOBS: readonly PortfolioJob[] = ['snapshots', 'digest'];

export function minutesOfDay(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`portfolio run time ${hhmm} is not HH:MM (UTC)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export class PortfolioDaily implements PortfolioStatus {
  private readonly org: PortfolioOrg;
  private readonly tried = new Set<PortfolioJob>();
  private readonly retryAt = new Map<PortfolioJob, number>();
  private written = 0;
  private refused = 0;

  constructor(
    private readonly ctx: SyncContext,
    private readonly settings: PortfolioSettings = DEFAULT_PORTFOLIO_SETTINGS,
    /** The rules in force: wins by lever count in the strategy's Lookback_Days__c (90 before any is read). */
    private readonly rules: () => RuleSet | null = () => null,
  ) {
    this.org = new PortfolioOrg(ctx.org, settings.groupsPerPage);
    minutesOfDay(settings.runAt);
  }

  get tickMs(): number {
    return this.settings.tickMs;
  }

  /** Runs each job that is due, one after the other. */
  async tick(): Promise<void> {
    for (const job of JOBS) if (this.due(job)) await this.run(job);
  }

  /** Due: not run today, and either not tried since the start or the day's time has come (and no retry wait). */
  due(job: PortfolioJob): boolean {
    const now = this.ctx.clock.now();
    const day = utcDay(now);
    const last = this.ctx.mirror.portfolio.lastDay(job)?.day ?? null;
    if (last !== null && last >= day) return false;
    if (!this.tried.has(job)) return true;
    if ((this.retryAt.get(job) ?? 0) > this.ctx.clock.realNow()) return false;
    return now >= Date.parse(`${day}T00:00:00Z`) + minutesOfDay(this.settings.runAt) * 60_000;
  }

  get snapshots(): PortfolioDay | null {
    return this.ctx.mirror.portfolio.lastDay('snapshots');
  }

  get digest(): PortfolioDay | null {
    return this.ctx.mirror.portfolio.lastDay('digest');
  }

  get calls(): number {
    return this.org.calls;
  }

  get snapshotsWritten(): number {
    return this.written;
  }

  get snapshotsRefused(): number {
    return this.refused;
  }

  private async run(job: PortfolioJob): Promise<void> {
    this.tried.add(job);
    const now = this.ctx.clock.now();
    const day = utcDay(now);
    const calls = this.org.calls;
    try {
      const summary =
        job === 'snapshots' ? await this.writeSnapshots(day, now) : await sendDigests(this.ctx, this.org, day, now);
      const done = { ...summary, calls: this.org.calls - calls };
      this.ctx.mirror.portfolio.saveDay(job, day, this.ctx.nowIso(), done);
      this.retryAt.delete(job);
      this.ctx.log.info(
        { day, ...done },
        job === 'snapshots' ? 'wrote the portfolio snapshots' : "sent the managers' digests",
      );
    } catch (error) {
      const retryMs = this.settings.retryMs ?? PORTFOLIO_RETRY_MS;
      this.retryAt.set(job, this.ctx.clock.realNow() + retryMs);
      if (error instanceof SpendingPaused) this.ctx.log.info({ day, job }, `${error.message}; tried again later`);
      else
        this.ctx.fail(`the portfolio ${job} of ${day} failed; tried again in ${Math.round(retryMs / 1000)} s`, error);
    }
  }

  /**
   * One snapshot per owner with accounts, upserted: a second run the same day writes the same
   * keys. An owner the org refuses (an inactive user) is logged and counted, the others are kept;
   * a refusal that may pass later (a lock, a busy org) makes the whole run try again later.
   */
  private async writeSnapshots(day: string, now: number): Promise<Record<string, number>> {
    const lookback = this.rules()?.compiled?.strategy.lookbackDays ?? 90;
    const groups = await this.org.accountGroups();
    const movedThisWeek = await this.org.stanceChangedSince(now - 7 * DAY_MS);
    const winsByLever = {} as Record<ValueLever, Map<string, number>>;
    for (const lever of VALUE_LEVERS)
      winsByLever[lever] = await this.org.winsWith(lever, dayBefore(day, lookback), day);
    const records = portfolioSnapshots({ day, groups, movedThisWeek, winsByLever });
    const outcomes = await this.org.writeSnapshots(records);
    const failed = outcomes.filter((outcome) => !outcome.ok);
    for (const outcome of failed) {
      this.ctx.log.warn(
        {
          ownerId: outcome.write.fields.OwnerId,
          key: outcome.write.fields.Snapshot_Key__c,
          errorCode: outcome.errorCode,
          error: outcome.message,
        },
        'the org refused a portfolio snapshot',
      );
    }
    const retryable = failed.filter((outcome) => outcome.retryable);
    if (retryable.length > 0) {
      throw new Error(
        `${retryable.length} of ${records.length} portfolio snapshots were not written (${retryable[0]!.errorCode}: ${retryable[0]!.message})`,
      );
    }
    this.written += outcomes.length - failed.length;
    this.refused += failed.length;
    return {
      owners: records.length,
      written: outcomes.length - failed.length,
      refused: failed.length,
      lookbackDays: lookback,
    };
  }
}
