/** What the platform-event tests share: the event, its channel, a subscriber and the answers' shapes. */
import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { disconnectStreaming } from '../../../testing/streaming';
import { subscribed, until } from './streaming';

export const VERSION = '62.0';
export const EVENT = 'Stance_Update__e';
export const CHANNEL = `/event/${EVENT}`;

export interface EventMessage {
  schema: string;
  payload: { Account_Ids__c: string | null; CreatedDate: string; CreatedById: string; EventUuid: string };
  event: { replayId: number };
}

export interface PublishResult {
  id: string;
  success: boolean;
  errors: unknown[];
}

export type CompositeAnswer = {
  compositeResponse: Array<{ httpStatusCode: number; body: unknown; referenceId: string }>;
};

export function errorOf(promise: PromiseLike<unknown>): Promise<{ errorCode?: string; message?: string }> {
  return Promise.resolve(promise).then(
    () => ({ errorCode: 'no error' }),
    (error: { errorCode?: string; message?: string }) => error,
  );
}

/** A CometD subscriber (jsforce's faye client: OAuth header, replay extension) to the event's channel. */
export async function subscribe(conn: Connection, replayFrom = -1) {
  const messages: EventMessage[] = [];
  const client = conn.streaming.createClient([new StreamingExtension.Replay(CHANNEL, replayFrom)]);
  const subscription = client.subscribe(CHANNEL, (message: EventMessage) => messages.push(message));
  await subscribed(subscription);
  return {
    messages,
    async waitFor(count: number): Promise<EventMessage[]> {
      await until(`${count} event(s) on ${CHANNEL}`, () => messages.length >= count);
      return messages;
    },
    /** Unsubscribes and disconnects, answered: a disconnect cut off by the org closing is retried forever. */
    async close(): Promise<void> {
      subscription.cancel();
      await disconnectStreaming(client);
    },
  };
}
