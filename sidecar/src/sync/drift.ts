/**
 * Drift: a Stance field changed in the org by someone else (an admin, a data load, a flow). Their
 * change events (not ours: `isOwnChange` tells them apart by the change origin) leave what the
 * org now holds in the ledger; a read of the org (`/recompute {"all":true}`) does the same for
 * every account. Recompute compares its classification with those values and, where only the org
 * moved, writes the classification back: a repair. Repairs are capped per account per day
 * (`STANCE_DRIFT_REPAIRS_PER_DAY`); past the cap the account is left as the org has it, counted,
 * and the admins are told once that day, so a flow that rewrites a Stance field on every change
 * cannot ping-pong with the sidecar through the org's API allowance.
 */
import { stanceFieldValues } from '../domain';
import type { Classification } from '../domain';
import type { SyncContext } from './context';
import type { Notices } from './notices';
import { fieldKinds, WRITTEN_ACCOUNT_FIELDS } from './queries';

export const DEFAULT_DRIFT_REPAIRS_PER_DAY = 5;

const WRITTEN = new Set(WRITTEN_ACCOUNT_FIELDS);

/** What an org shows of an account's Stance fields (some or all of them). */
export type OrgStance = Readonly<Record<string, unknown>>;

/**
 * The Stance fields a change event someone else made set on its accounts, noted as what the org
 * holds. Called for Account events that are not the sidecar's own echo.
 */
export function noteStanceDrift(
  ctx: Pick<SyncContext, 'mirror'>,
  accountIds: readonly string[],
  values: Readonly<Record<string, unknown>>,
  nulledFields: readonly string[],
  at: string,
): void {
  const seen: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) if (WRITTEN.has(field)) seen[field] = value;
  for (const field of nulledFields) if (WRITTEN.has(field)) seen[field] = null;
  if (Object.keys(seen).length === 0) return;
  for (const accountId of accountIds) ctx.mirror.ledger.noteOrgStance(accountId, seen, at);
}

/**
 * The sidecar's own echo, whose stance or at-risk flag is not what the sidecar wrote: a before-save
 * flow changed them in the sidecar's own transaction. Noted as drift; answers those accounts.
 * (Other fields a flow changes so are compared at the account's next recompute.)
 */
export function overriddenInOwnWrite(
  ctx: Pick<SyncContext, 'mirror'>,
  accountIds: readonly string[],
  values: Readonly<Record<string, unknown>>,
  nulledFields: readonly string[],
  at: string,
): string[] {
  const overridden = accountIds.filter((accountId) => {
    const last = ctx.mirror.ledger.lastWritten(accountId);
    if (!last) return false;
    const stance = nulledFields.includes('Stance__c') ? null : values.Stance__c;
    const atRisk = nulledFields.includes('At_Risk__c') ? null : values.At_Risk__c;
    return (stance !== undefined && stance !== last.stance) || (atRisk !== undefined && atRisk !== last.atRisk);
  });
  noteStanceDrift(ctx, overridden, values, nulledFields, at);
  return overridden;
}

/**
 * True when every classification field the org is known to hold equals the classification (the
 * two timestamps are the sidecar's bookkeeping and are not compared).
 */
export function agreesWithOrg(classification: Classification, inOrg: OrgStance): boolean {
  const values = stanceFieldValues(classification) as unknown as Record<string, unknown>;
  return Object.entries(values).every(([field, value]) => {
    if (!Object.prototype.hasOwnProperty.call(inOrg, field)) return true;
    const held = inOrg[field] ?? null;
    return typeof value === 'number' ? Number(held) === value : held === (value ?? null);
  });
}

/**
 * True when what the org is known to hold covers every classification field. A change event
 * carries only the fields it set (an account's creation: its checkbox defaults), so a partial
 * view agrees by itself only where the rest is what the sidecar last wrote.
 */
export function coversEveryField(classification: Classification, inOrg: OrgStance): boolean {
  return Object.keys(stanceFieldValues(classification)).every((field) =>
    Object.prototype.hasOwnProperty.call(inOrg, field),
  );
}

export class DriftRepair {
  /** Accounts that reached the cap in this run, to tell the admins of (once per account per day). */
  private readonly capped: Array<{ accountId: string; name: string }> = [];

  constructor(
    private readonly ctx: SyncContext,
    private readonly notices: Notices,
  ) {}

  private get perDay(): number {
    return this.ctx.options.driftRepairsPerDay ?? DEFAULT_DRIFT_REPAIRS_PER_DAY;
  }

  private today(): string {
    return this.ctx.nowIso().slice(0, 10);
  }

  /** Whether the account may be repaired again today; past the cap it is counted and noted for the admins. */
  mayRepair(accountId: string, name: string): boolean {
    const { ledger } = this.ctx.mirror;
    const day = this.today();
    const today = ledger.driftRepairs(accountId, day);
    if (today.repairs < this.perDay) return true;
    this.ctx.metrics.driftRepairsCapped++;
    if (!today.noticed) {
      ledger.saveDriftRepairs(accountId, day, { ...today, noticed: true });
      this.capped.push({ accountId, name });
      this.ctx.log.warn(
        { accountId, repairs: today.repairs, perDay: this.perDay },
        'a Stance field keeps being changed in the org by someone else: no more repairs of this account today',
      );
    }
    return false;
  }

  /** A repair the org took. */
  repaired(accountId: string): void {
    const { ledger } = this.ctx.mirror;
    const day = this.today();
    const today = ledger.driftRepairs(accountId, day);
    ledger.saveDriftRepairs(accountId, day, { ...today, repairs: today.repairs + 1 });
    this.ctx.metrics.driftRepaired++;
  }

  /** Tells the admins of the accounts that reached the cap since the last call. */
  async tellAdmins(): Promise<void> {
    if (this.capped.length === 0) return;
    const capped = this.capped.splice(0);
    await this.notices.driftCapped(capped, this.perDay);
  }

  /**
   * Reads every account's Stance fields from the org, so the next recompute compares with them: a
   * page at a time into the ledger (one transaction each), never the whole org in memory.
   */
  async readOrg(): Promise<number> {
    const { org, mirror } = this.ctx;
    const at = this.ctx.nowIso();
    let count = 0;
    await org.read(`SELECT Id, ${WRITTEN_ACCOUNT_FIELDS.join(', ')} FROM Account`, {
      bulk: true,
      kinds: fieldKinds('Account'),
      onPage: (records) => {
        count += records.length;
        mirror.ledger.noteOrgStances(
          records.map((record) => [
            String(record.Id),
            Object.fromEntries(WRITTEN_ACCOUNT_FIELDS.map((field) => [field, record[field] ?? null])),
          ]),
          at,
        );
      },
    });
    return count;
  }
}
