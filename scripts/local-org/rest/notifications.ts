/**
 * The customNotificationAction invocable action: notifications are kept for tests to read, with
 * the users they reach (a group's id reaches its active members, as in Salesforce).
 */
import { ApiError } from '../errors';
import { recipientsOf } from '../groups';
import type { LocalOrg } from '../org';
import { route } from './call';
import type { Answer, Route } from './call';

export function notificationRoutes(org: LocalOrg): Route[] {
  return [route('POST', /^\/actions\/standard\/customNotificationAction\/?$/, (_m, _q, b) => notify(org, b))];
}

function notify(org: LocalOrg, body: unknown): Answer {
  const inputs = ((body ?? {}) as { inputs?: Array<Record<string, unknown>> }).inputs;
  if (!Array.isArray(inputs) || inputs.length === 0) throw new ApiError(400, 'JSON_PARSER_ERROR', 'inputs is required');
  return {
    status: 200,
    body: inputs.map((input) => {
      const missing = ['customNotifTypeId', 'recipientIds', 'title', 'body'].filter((name) => !input[name]);
      if (missing.length > 0) {
        return {
          actionName: 'customNotificationAction',
          errors: [
            {
              statusCode: 'REQUIRED_FIELD_MISSING',
              message: `Missing required input parameter: ${missing[0]}`,
              fields: [],
            },
          ],
          isSuccess: false,
          outputValues: null,
        };
      }
      const recipientIds = [input.recipientIds].flat().map(String);
      org.notifications.push({
        customNotifTypeId: String(input.customNotifTypeId),
        recipientIds,
        deliveredTo: recipientsOf(org.store, recipientIds),
        title: String(input.title),
        body: String(input.body),
        targetId: input.targetId ? String(input.targetId) : null,
        at: org.clock(),
      });
      return {
        actionName: 'customNotificationAction',
        errors: null,
        isSuccess: true,
        outputValues: { SuccessMessage: 'Your custom notification is processed successfully.' },
      };
    }),
  };
}
