/**
 * Custom notifications (the Stance_Update type): many in one call to the standard
 * customNotificationAction, which takes a list of inputs. The type's id and the admins' public
 * group (Stance_Admins, shipped in the package) are looked up once and kept. The group is the
 * recipient: Salesforce delivers to its active members, and reading Group needs no setup rights,
 * whereas PermissionSetAssignment needs View Setup and Configuration, which the integration user
 * does not hold.
 */
import type { Connection } from 'jsforce';

export interface Notification {
  readonly recipientIds: readonly string[];
  readonly title: string;
  readonly body: string;
  /** The record the notification opens; without one it opens Stance's setup page. */
  readonly targetId?: string;
  /** Or a page reference (JSON), e.g. a list view: used when there is no targetId. */
  readonly targetPageRef?: string;
}

type ActionResult = { isSuccess: boolean; errors: Array<{ statusCode: string; message: string }> | null };

const SETUP_PAGE = JSON.stringify({
  type: 'standard__webPage',
  attributes: { url: '/lightning/setup/CustomMetadata/home' },
});

export class Notifier {
  private typeId: Promise<string | null> | null = null;
  private admins: Promise<string[]> | null = null;

  constructor(
    private readonly conn: Connection,
    private readonly apiVersion: string,
    private readonly typeName = 'Stance_Update',
    private readonly adminGroup = 'Stance_Admins',
  ) {}

  /** Sends every notification in one call; answers the ones the org refused, with its reason. */
  async send(notifications: readonly Notification[]): Promise<Array<{ notification: Notification; error: string }>> {
    const sendable = notifications.filter((notification) => notification.recipientIds.length > 0);
    if (sendable.length === 0) return [];
    const typeId = await this.notificationTypeId();
    if (!typeId) {
      return sendable.map((notification) => ({
        notification,
        error: `no custom notification type ${this.typeName} in the org (deploy force-app)`,
      }));
    }
    const results = await this.conn.requestPost<ActionResult[]>(
      `/services/data/v${this.apiVersion}/actions/standard/customNotificationAction`,
      {
        inputs: sendable.map((notification) => ({
          customNotifTypeId: typeId,
          recipientIds: notification.recipientIds,
          title: notification.title.slice(0, 250),
          body: notification.body.slice(0, 750),
          ...(notification.targetId
            ? { targetId: notification.targetId }
            : { targetPageRef: notification.targetPageRef ?? SETUP_PAGE }),
        })),
      },
    );
    return results.flatMap((result, index) =>
      result.isSuccess
        ? []
        : [
            {
              notification: sendable[index]!,
              error: result.errors?.map((e) => `${e.statusCode}: ${e.message}`).join('; ') ?? 'refused',
            },
          ],
    );
  }

  /**
   * Each user's language (User.LanguageLocaleKey), for notifications in it: one query per 200
   * ids. Ids that are not record ids are not asked for.
   */
  async languages(userIds: readonly string[]): Promise<Map<string, string | null>> {
    const ids = [...new Set(userIds)].filter((id) => /^[a-zA-Z0-9]{15,18}$/.test(id));
    const out = new Map<string, string | null>();
    for (let at = 0; at < ids.length; at += 200) {
      const list = ids
        .slice(at, at + 200)
        .map((id) => `'${id}'`)
        .join(', ');
      const answer = await this.conn.query<{ Id: string; LanguageLocaleKey: string | null }>(
        `SELECT Id, LanguageLocaleKey FROM User WHERE Id IN (${list})`,
      );
      for (const user of answer.records) out.set(user.Id, user.LanguageLocaleKey ?? null);
    }
    return out;
  }

  /** The recipients of admin notices: the Stance_Admins group's id, or none when it is not deployed. */
  adminRecipients(): Promise<string[]> {
    const pending =
      this.admins ??
      this.conn
        .query<{ Id: string }>(`SELECT Id FROM Group WHERE DeveloperName = '${this.adminGroup}' AND Type = 'Regular'`)
        .then((answer) => answer.records.map((record) => record.Id));
    this.admins = pending;
    // A failed lookup is asked again next time.
    pending.catch(() => (this.admins = null));
    return pending;
  }

  private notificationTypeId(): Promise<string | null> {
    const pending =
      this.typeId ??
      this.conn
        .query<{ Id: string }>(`SELECT Id FROM CustomNotificationType WHERE DeveloperName = '${this.typeName}'`)
        .then((answer) => answer.records[0]?.Id ?? null);
    this.typeId = pending;
    pending.catch(() => (this.typeId = null));
    return pending;
  }
}
