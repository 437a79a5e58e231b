/**
 * The managers' daily digest: what each team's accounts did in the last day (stance changes by
 * new stance, at-risk rises, exit-plan steps done), read from the org's history as the integration
 * user, sent as one custom notification per manager whose team moved, in the manager's language
 * (User.LanguageLocaleKey, read with the hierarchy) (the Stance_Update type, the
 * sender's Send Custom Notifications right), opening the list view "Stance changed in the last 7
 * days". Owners keep their per-change notices (notices.ts). Each manager is claimed in STANCE_DB
 * before the send: at most one digest per manager per day, whatever restarts or retries happen.
 */
import { DAY_MS } from '../domain';
import { DIGEST_PAGE_REF, managerDigests, managersAbove, ownerMoves } from '../domain/digest';
import type { Notification } from '../salesforce/notifier';
import type { PortfolioOrg } from '../salesforce/portfolio';
import type { SyncContext } from './context';

export interface DigestSummary {
  /** Owners whose accounts moved in the last day. */
  readonly owners: number;
  /** Managers whose team moved. */
  readonly managers: number;
  /** Digests the org took; refused by the org; not sent because already sent today. */
  readonly sent: number;
  readonly refused: number;
  readonly alreadySent: number;
  /** Digests claimed whose send failed without an answer: not sent again today (at most once). */
  readonly lost: number;
  /** The moves counted: from (the previous digest's `until`, at most a day back) to this run. */
  readonly since: string;
  readonly until: string;
}

/**
 * Sends the day's digests of the moves since the last digest, at most a day back (a first digest
 * after a start at 14:00 and the next at 00:05 do not both count the morning's moves); throws (to
 * be tried again) only when reading the org failed.
 */
export async function sendDigests(
  ctx: SyncContext,
  org: PortfolioOrg,
  day: string,
  now: number,
): Promise<DigestSummary> {
  const previous = ctx.mirror.portfolio.lastDay('digest')?.summary.until;
  const since = Math.max(now - DAY_MS, typeof previous === 'string' ? Date.parse(previous) : -Infinity);
  const moves = ownerMoves(await org.changesSince(since), await org.exitStepsDoneSince(since));
  const window = { since: new Date(since).toISOString(), until: new Date(now).toISOString() };
  const none = { owners: 0, managers: 0, sent: 0, refused: 0, alreadySent: 0, lost: 0, ...window };
  if (moves.size === 0) {
    ctx.log.info({ day }, 'no team moved since the last digest: none sent');
    return none;
  }
  const { users, roles } = await org.hierarchy();
  const digests = managerDigests(
    moves,
    managersAbove(users, roles, moves.keys()),
    new Map(users.map((user) => [user.id, user.name])),
    new Map(users.map((user) => [user.id, user.language ?? null])),
  );
  const claimed = new Set(
    ctx.mirror.portfolio.claimDigests(
      day,
      digests.map((digest) => digest.managerId),
      ctx.nowIso(),
    ),
  );
  const notifications: Notification[] = digests
    .filter((digest) => claimed.has(digest.managerId))
    .map((digest) => ({
      recipientIds: [digest.managerId],
      title: digest.title,
      body: digest.body,
      targetPageRef: DIGEST_PAGE_REF,
    }));
  const summary = { ...none, owners: moves.size, managers: digests.length, alreadySent: digests.length - claimed.size };
  if (notifications.length === 0) return summary;
  let refused: Awaited<ReturnType<PortfolioOrg['notify']>>;
  try {
    refused = await org.notify(notifications);
  } catch (error) {
    ctx.fail(
      `sending ${notifications.length} managers' digests for ${day} failed; they are not sent again today (at most one a day)`,
      error,
    );
    return { ...summary, lost: notifications.length };
  }
  for (const { notification, error } of refused)
    ctx.log.warn({ managerId: notification.recipientIds[0], error }, "the org refused a manager's digest");
  ctx.metrics.notificationsSent += notifications.length - refused.length;
  return { ...summary, sent: notifications.length - refused.length, refused: refused.length };
}
