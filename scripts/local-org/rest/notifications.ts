/**
 * The customNotificationAction invocable action: notifications are kept for tests to read, with
 * the users they reach (a group's id reaches its active members, as in Salesforce). Through the
 * REST API the sender needs the Send Custom Notifications user permission (orgs created in Winter
 * '21 or later); without it every input is refused.
 */
import { ApiError } from '../errors';
import { recipientsOf } from '../groups';
import type { LocalOrg } from '../org';
import { route } from './call';
import type { Answer, CallContext, Route } from './call';

export function notificationRoutes(org: LocalOrg): Route[] {
  return [route('POST', /^\/actions\/standard\/customNotificationAction\/?$/, (_m, _q, b, c) => notify(org, b, c))];
}

/** Ours: Salesforce documents the permission, not the refusal's wording; the shape is the action's error result. */
function refused(statusCode: string, message: string) {
  return {
    actionName: 'customNotificationAction',
    errors: [{ statusCode, message, fields: [] }],
    isSuccess: false,
    outputValues: null,
  };
}

function notify(org: LocalOrg, body: unknown, context: CallContext): Answer {
  const inputs = ((body ?? {}) as { inputs?: Array<Record<string, unknown>> }).inputs;
  if (!Array.isArray(inputs) || inputs.length === 0) throw new ApiError(400, 'JSON_PARSER_ERROR', 'inputs is required');
  if (!org.access.rightsOf(context.session.userId).has('SendCustomNotifications')) {
    const message =
      "You don't have permission to send custom notifications. Ask your admin for the Send Custom Notifications user permission.";
    return { status: 200, body: inputs.map(() => refused('INSUFFICIENT_ACCESS_OR_READONLY', message)) };
  }
  return {
    status: 200,
    body: inputs.map((input) => {
      const missing = ['customNotifTypeId', 'recipientIds', 'title', 'body'].filter((name) => !input[name]);
      if (missing.length > 0) {
        return refused('REQUIRED_FIELD_MISSING', `Missing required input parameter: ${missing[0]}`);
      }
      const recipientIds = [input.recipientIds].flat().map(String);
      org.notifications.push({
        customNotifTypeId: String(input.customNotifTypeId),
        recipientIds,
        deliveredTo: recipientsOf(org.store, recipientIds),
        title: String(input.title),
        body: String(input.body),
        targetId: input.targetId ? String(input.targetId) : null,
        targetPageRef: input.targetPageRef ? String(input.targetPageRef) : null,
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
