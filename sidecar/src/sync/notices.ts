/**
 * Custom notifications the sync sends: owners whose accounts changed stance (one per owner per
 * flush, however many moved, in the owner's language: User.LanguageLocaleKey, read once an hour), and admins when the org holds rules the sidecar refused or an
 * account's Stance fields keep being changed by someone else past the day's repairs.
 *
 * Owners' notices are durable: each is planned with its write (kept in flight with it), queued in
 * the ledger in the same transaction that records the write answered, sent after, and forgotten
 * once the org took it (or refused it for good). A kill -9 at any point loses none: a write in
 * doubt that landed has its notice queued by the restart (inDoubt.ts), and what is queued is sent
 * with the next write or at the start. In the normal path each goes once; the one window that can
 * send one twice (at least once, not exactly once) is between the org taking the notification and
 * the ledger forgetting it: a kill there, or an answer lost on the way back, sends it again.
 */
import { STANCES } from '../domain/catalog';
import type { Stance } from '../domain/catalog';
import { messagesFor } from '../domain/messages';
import type { Messages } from '../domain/messages';
import type { Notification } from '../salesforce/notifier';
import type { ApiUsage } from '../salesforce/org';
import type { SyncContext } from './context';
import type { OwnerNotice } from './writePlan';

const LISTED_PER_OWNER = 10;
const LISTED_PROBLEMS = 5;

/** How long an owner's language is trusted before it is read again (a person may change it). */
export const LANGUAGE_TTL_MS = 60 * 60_000;

function stanceName(messages: Messages, value: string): string {
  return (STANCES as readonly string[]).includes(value) ? messages.text.stance[value as Stance] : value;
}

function line(notice: OwnerNotice, messages: Messages): string {
  const { text, format } = messages;
  const [from, to] = [stanceName(messages, notice.from), stanceName(messages, notice.to)];
  if (notice.from === notice.to) return format(text.ownerNowAtRisk, notice.accountName, to);
  return format(notice.becameAtRisk ? text.ownerMovedAtRisk : text.ownerMoved, notice.accountName, from, to);
}

/** One notification per owner, naming up to ten of their accounts, in the owner's language (English when unknown). */
export function ownerNotifications(
  notices: readonly OwnerNotice[],
  languages: ReadonlyMap<string, string | null> = new Map(),
): Notification[] {
  const byOwner = new Map<string, OwnerNotice[]>();
  for (const notice of notices) byOwner.set(notice.ownerId, [...(byOwner.get(notice.ownerId) ?? []), notice]);
  return [...byOwner.entries()].map(([ownerId, list]) => {
    const messages = messagesFor(languages.get(ownerId));
    const { text, format, plural } = messages;
    const lines = list.map((notice) => line(notice, messages));
    return {
      recipientIds: [ownerId],
      targetId: list[0]!.accountId,
      title: list.length === 1 ? format(text.ownerTitleOne, lines[0]!) : plural(list.length, text.ownerTitleMany),
      body:
        lines.slice(0, LISTED_PER_OWNER).join('\n') +
        (list.length > LISTED_PER_OWNER ? `\n${format(text.ownerMore, list.length - LISTED_PER_OWNER)}` : ''),
    };
  });
}

export class Notices {
  /** Sends of the queue, one after another: two at once would send the same notice twice. */
  private sending: Promise<void> = Promise.resolve();
  /** Owners' languages as last read, and when (clock time), so a flush asks only for owners not known. */
  private readonly languages = new Map<string, { language: string | null; at: number }>();

  constructor(private readonly ctx: SyncContext) {}

  /** Sends every owner's notice queued in the ledger (see the top of this file); resolves when done. */
  sendQueued(): Promise<void> {
    this.sending = this.sending
      .then(() => this.sendQueuedOnce())
      .catch((error: unknown) => this.ctx.fail('sending the queued owner notices failed', error));
    return this.sending;
  }

  private async sendQueuedOnce(): Promise<void> {
    const { mirror, org, metrics, log } = this.ctx;
    const queued = mirror.ledger.queuedNotices();
    if (queued.length === 0) return;
    const notices = queued.map(({ notice }) => notice);
    const notifications = ownerNotifications(notices, await this.ownerLanguages(notices));
    let refused: Awaited<ReturnType<typeof org.notifier.send>>;
    try {
      refused = await org.notifier.send(notifications);
    } catch (error) {
      // Kept: sent again with the next write, or at the next start.
      this.ctx.fail(`sending ${queued.length} owner notices failed; they are kept and sent again`, error);
      return;
    }
    mirror.ledger.forgetNotices(queued);
    metrics.notificationsSent += notifications.length - refused.length;
    for (const { error } of refused) log.warn({ error }, 'the org refused a notification');
  }

  /**
   * The owners' languages: read for owners not read in the last hour, in one query per 200. When
   * reading fails the notices still go, in English for those owners, and the failure is logged.
   */
  private async ownerLanguages(notices: readonly OwnerNotice[]): Promise<Map<string, string | null>> {
    const now = this.ctx.clock.now();
    const owners = [...new Set(notices.map((notice) => notice.ownerId))];
    const unknown = owners.filter((id) => !(now - (this.languages.get(id)?.at ?? -Infinity) < LANGUAGE_TTL_MS));
    if (unknown.length > 0) {
      let read = new Map<string, string | null>();
      try {
        read = await this.ctx.org.notifier.languages(unknown);
      } catch (error) {
        // Not asked again within the hour either: a notice in English beats one not sent or a call per flush.
        this.ctx.log.warn(
          { error },
          `reading the languages of ${unknown.length} owners failed; their notices go in English`,
        );
      }
      for (const id of unknown) this.languages.set(id, { language: read.get(id) ?? null, at: now });
    }
    return new Map(owners.map((id) => [id, this.languages.get(id)?.language ?? null]));
  }

  async rulesRefused(problems: readonly string[]): Promise<void> {
    await this.toAdmins(
      'Stance refused the new rules: the previous rules stay in force',
      problems.slice(0, LISTED_PROBLEMS).join('\n') +
        (problems.length > LISTED_PROBLEMS ? `\n(${problems.length - LISTED_PROBLEMS} more)` : ''),
      'the refused rules',
    );
  }

  /** Accounts whose Stance fields someone else keeps changing: the sidecar stopped repairing them today. */
  async driftCapped(accounts: ReadonlyArray<{ accountId: string; name: string }>, perDay: number): Promise<void> {
    const names = accounts.map((account) => account.name);
    await this.toAdmins(
      accounts.length === 1
        ? `Stance stopped repairing ${names[0]} today`
        : `Stance stopped repairing ${accounts.length} accounts today`,
      `Their Stance fields were changed in the org by someone else (a flow, a data load, a person) ` +
        `${perDay} times today and put back each time. Find what keeps changing them; Stance repairs them again tomorrow.\n` +
        names.slice(0, LISTED_PROBLEMS).join('\n') +
        (names.length > LISTED_PROBLEMS ? `\n(${names.length - LISTED_PROBLEMS} more)` : ''),
      'the accounts no longer repaired',
      accounts[0]?.accountId,
    );
  }

  /** The sidecar stopped spending API calls to leave the reserve to the org's other integrations. */
  async apiReserveReached(usage: ApiUsage, pct: number): Promise<void> {
    await this.toAdmins(
      'Stance paused: the org’s daily API allowance is nearly spent',
      `${usage.used} of ${usage.limit} API calls are used today. Stance keeps ${pct}% of the allowance for the org's ` +
        'other integrations, so it writes and reads nothing until the allowance returns (at the daily reset at the ' +
        'latest); changes wait in its outbox and are written then. Nothing is lost.',
      'the API reserve',
    );
  }

  /**
   * The org refused every call for its daily API limit (REQUEST_LIMIT_EXCEEDED) from `since` to
   * `until`: said once the allowance is back, as no notification could go out before.
   */
  async apiAllowanceSpent(since: string, until: string): Promise<void> {
    await this.toAdmins(
      'Stance was paused: the org’s daily API allowance was spent',
      `From ${since} to ${until} the org refused every API call for its daily limit (REQUEST_LIMIT_EXCEEDED), ` +
        'so Stance wrote and read nothing; changes waited in its outbox and are being written now. Nothing was lost. ' +
        "Check which integration spends the org's allowance.",
      'the spent API allowance',
    );
  }

  /** One notification to the Stance_Admins group; `what` names it in the log when it cannot go out. */
  private async toAdmins(title: string, body: string, what: string, targetId?: string): Promise<void> {
    const { notifier } = this.ctx.org;
    try {
      const admins = await notifier.adminRecipients();
      if (admins.length === 0)
        this.ctx.log.warn(`no Stance_Admins group in the org (deploy force-app): no admin was told of ${what}`);
      const refused = await notifier.send([{ recipientIds: admins, title, body, ...(targetId ? { targetId } : {}) }]);
      for (const { error } of refused) this.ctx.log.warn({ error }, 'the org refused the admin notification');
      this.ctx.metrics.notificationsSent += admins.length > 0 ? 1 - refused.length : 0;
    } catch (error) {
      this.ctx.fail('notifying admins failed', error);
    }
  }
}
