/**
 * Custom notifications the sync sends: owners whose accounts changed stance (one per owner per
 * flush, however many moved), and admins when the org holds rules the sidecar refused.
 */
import type { Notification } from '../salesforce/notifier';
import type { SyncContext } from './context';
import type { OwnerNotice } from './writePlan';

const LISTED_PER_OWNER = 10;
const LISTED_PROBLEMS = 5;

function line(notice: OwnerNotice): string {
  return notice.from === notice.to
    ? `${notice.accountName}: now at risk (${notice.to})`
    : `${notice.accountName}: ${notice.from} → ${notice.to}${notice.becameAtRisk ? ', at risk' : ''}`;
}

/** One notification per owner, naming up to ten of their accounts. */
export function ownerNotifications(notices: readonly OwnerNotice[]): Notification[] {
  const byOwner = new Map<string, OwnerNotice[]>();
  for (const notice of notices) byOwner.set(notice.ownerId, [...(byOwner.get(notice.ownerId) ?? []), notice]);
  return [...byOwner.entries()].map(([ownerId, list]) => ({
    recipientIds: [ownerId],
    targetId: list[0]!.accountId,
    title: list.length === 1 ? `Stance: ${line(list[0]!)}` : `Stance: ${list.length} of your accounts changed`,
    body:
      list.slice(0, LISTED_PER_OWNER).map(line).join('\n') +
      (list.length > LISTED_PER_OWNER ? `\n… and ${list.length - LISTED_PER_OWNER} more` : ''),
  }));
}

export class Notices {
  constructor(private readonly ctx: SyncContext) {}

  async toOwners(notices: readonly OwnerNotice[]): Promise<void> {
    if (notices.length === 0) return;
    const notifications = ownerNotifications(notices);
    try {
      const refused = await this.ctx.org.notifier.send(notifications);
      this.ctx.metrics.notificationsSent += notifications.length - refused.length;
      for (const { error } of refused) this.ctx.log.warn({ error }, 'the org refused a notification');
    } catch (error) {
      this.ctx.fail('sending notifications failed', error);
    }
  }

  async rulesRefused(problems: readonly string[]): Promise<void> {
    const { notifier } = this.ctx.org;
    try {
      const admins = await notifier.adminRecipients();
      if (admins.length === 0)
        this.ctx.log.warn(
          'no Stance_Admins group in the org (deploy force-app): no admin was told of the refused rules',
        );
      const refused = await notifier.send([
        {
          recipientIds: admins,
          title: 'Stance refused the new rules: the previous rules stay in force',
          body:
            problems.slice(0, LISTED_PROBLEMS).join('\n') +
            (problems.length > LISTED_PROBLEMS ? `\n(${problems.length - LISTED_PROBLEMS} more)` : ''),
        },
      ]);
      for (const { error } of refused) this.ctx.log.warn({ error }, 'the org refused the admin notification');
      this.ctx.metrics.notificationsSent += admins.length > 0 ? 1 - refused.length : 0;
    } catch (error) {
      this.ctx.fail('notifying admins failed', error);
    }
  }
}
