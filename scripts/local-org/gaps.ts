/**
 * For fault tests: changes the org commits but cannot describe in change events, as Salesforce
 * does when a change is too large or made by an internal process: the records change, and the
 * stream carries only a GAP_* event naming them, or GAP_OVERFLOW naming the entity.
 */
import type { LocalOrg } from './org';

export interface GapChange {
  readonly Id: string;
  readonly [field: string]: unknown;
}

/**
 * Updates records of `entity` as `userId` without their change events, then sends the gap event:
 * `GAP_UPDATE` naming the records, or `GAP_OVERFLOW` (no record ids) when `overflow` is set.
 */
export function updateBehindGap(
  org: LocalOrg,
  entity: string,
  changes: readonly GapChange[],
  options: { userId?: string; overflow?: boolean } = {},
): void {
  const context = org.context(options.userId ?? org.adminUserId);
  org.store.transaction(context, () => {
    for (const { Id, ...fields } of changes) org.store.update(entity, Id, fields, context);
  });
  if (options.overflow) org.emitGap(entity, 'GAP_OVERFLOW');
  else
    org.emitGap(
      entity,
      'GAP_UPDATE',
      changes.map((change) => change.Id),
    );
}
