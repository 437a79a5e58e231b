/**
 * What a delivered change event must look like before the sync may see it: the org's stream is
 * input like any other (a forged or broken message must not crash the receive path). Checked with
 * zod at the edge; a message that does not fit is described without its record data (paths and
 * what was expected only) so the drop can be logged and counted.
 */
import { z } from 'zod';

export interface ChangeEventHeader {
  readonly entityName: string;
  readonly recordIds: readonly string[];
  readonly changeType: string;
  readonly changeOrigin: string;
  readonly commitTimestamp: number;
  readonly changedFields: readonly string[];
  readonly nulledFields: readonly string[];
}

export interface ChangeEventMessage {
  readonly payload: { readonly ChangeEventHeader: ChangeEventHeader; readonly [field: string]: unknown };
  readonly event: { readonly replayId: number };
}

const CHANGE_TYPES = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'UNDELETE',
  'GAP_CREATE',
  'GAP_UPDATE',
  'GAP_DELETE',
  'GAP_UNDELETE',
  'GAP_OVERFLOW',
] as const;

const recordId = z.string().regex(/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/, 'a 15- or 18-character Salesforce id');
/** GAP_OVERFLOW may name a key prefix with a wildcard instead of ids (001*). */
const overflowId = z.string().regex(/^([a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?|[a-zA-Z0-9]{3}\*)$/, 'an id or a key prefix');
const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,120}$/, 'a field name');

const header = z
  .looseObject({
    entityName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,80}$/, 'an object name'),
    recordIds: z.array(overflowId).max(10_000).nullish(),
    changeType: z.enum(CHANGE_TYPES),
    changeOrigin: z.string().max(1_000).nullish(),
    commitTimestamp: z.number().int().nonnegative(),
    changedFields: z.array(fieldName).max(5_000).nullish(),
    nulledFields: z.array(fieldName).max(5_000).nullish(),
  })
  .superRefine((value, context) => {
    if (value.changeType === 'GAP_OVERFLOW') return;
    const ids = value.recordIds ?? [];
    if (ids.length === 0) context.addIssue({ code: 'custom', path: ['recordIds'], message: 'no record ids' });
    ids.forEach((id, index) => {
      if (!recordId.safeParse(id).success)
        context.addIssue({ code: 'custom', path: ['recordIds', index], message: 'not a Salesforce id' });
    });
  });

const message = z.looseObject({
  payload: z.looseObject({ ChangeEventHeader: header }),
  event: z.looseObject({ replayId: z.number().int() }),
});

/** The object a change event channel carries: /data/AccountChangeEvent -> Account. */
export function entityOfChannel(channel: string): string | null {
  const match = /^\/data\/(\w+?)(__)?ChangeEvent$/.exec(channel);
  if (!match) return null;
  return match[2] ? `${match[1]}__c` : match[1]!;
}

export type Checked = { ok: true; message: ChangeEventMessage } | { ok: false; problem: string };

/**
 * The message as the sync may use it (lists that may be left out filled in), or what was wrong
 * with it: zod's paths and expectations, never a received value.
 */
export function checkChangeEvent(channel: string, raw: unknown): Checked {
  const parsed = message.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`);
    return { ok: false, problem: problems.join('; ') };
  }
  const { payload, event } = parsed.data;
  const raws = payload.ChangeEventHeader;
  const expected = entityOfChannel(channel);
  if (expected !== null && raws.entityName !== expected) {
    return { ok: false, problem: `payload.ChangeEventHeader.entityName: not ${expected}, the object of this channel` };
  }
  return {
    ok: true,
    message: {
      payload: {
        ...payload,
        ChangeEventHeader: {
          ...raws,
          recordIds: raws.recordIds ?? [],
          changeOrigin: raws.changeOrigin ?? '',
          changedFields: raws.changedFields ?? [],
          nulledFields: raws.nulledFields ?? [],
        },
      },
      event: { ...event, replayId: event.replayId },
    },
  };
}
