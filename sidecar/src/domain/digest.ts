/**
 * The managers' daily digest: who is above whom in the role hierarchy, what each owner's accounts
 * did in the last day (from the stance history and the exit-plan steps ticked), and one short
 * notification per manager whose team moved, in the manager's language. Pure: rows in, texts out.
 */
import { STANCES } from './catalog';
import type { Stance } from './catalog';
import { messagesFor } from './messages';
import type { Messages } from './messages';

/** A custom notification's limits (Salesforce refuses longer ones). */
export const NOTIFICATION_TITLE_MAX = 250;
export const NOTIFICATION_BODY_MAX = 750;

/** Where the digest opens: the Account list view "Stance changed in the last 7 days". */
export const DIGEST_PAGE_REF = JSON.stringify({
  type: 'standard__objectPage',
  attributes: { objectApiName: 'Account', actionName: 'list' },
  state: { filterName: 'Stance_Changed_Last_7_Days' },
});

/** The exit-plan steps (Fire's plan_step triggers) a person ticks done on the checklist. */
export const EXIT_STEP_CODES = ['EXIT_DECISION', 'EXIT_CUSTOMER_TOLD', 'EXIT_HANDOVER', 'EXIT_EFFORT_MOVED'] as const;

export interface HierarchyUser {
  readonly id: string;
  readonly name: string;
  readonly roleId: string | null;
  readonly active: boolean;
  /** User.LanguageLocaleKey (en_US, de ...): the language of the digest they get. */
  readonly language?: string | null;
}

export interface HierarchyRole {
  readonly id: string;
  readonly parentId: string | null;
}

/** A group of Stance_Change__c rows of one owner's accounts in the last day. */
export interface ChangeGroup {
  readonly ownerId: string;
  readonly from: string | null;
  readonly to: string | null;
  /** The account's at-risk flag after the change. */
  readonly atRisk: boolean;
  readonly count: number;
}

export interface OwnerMoves {
  /** Stance changes, by the new stance. */
  readonly toStance: Readonly<Record<Stance, number>>;
  /** Changes that kept the stance and raised the at-risk flag. */
  readonly becameAtRisk: number;
  readonly exitStepsDone: number;
}

export interface ManagerDigest {
  readonly managerId: string;
  readonly title: string;
  readonly body: string;
  /** The owners the digest names (those of the team whose accounts moved). */
  readonly owners: readonly string[];
}

function isStance(value: string | null): value is Stance {
  return (STANCES as readonly (string | null)[]).includes(value);
}

/**
 * Each owner's moves: a change of stance counts under its new stance; a change that kept the
 * stance with the account now at risk counts as "became at risk" (the history records a change
 * only when the stance or the flag moved, so same stance and at risk means the flag rose).
 * Owners with nothing are left out.
 */
export function ownerMoves(
  changes: readonly ChangeGroup[],
  exitStepsDone: ReadonlyMap<string, number>,
): Map<string, OwnerMoves> {
  const moves = new Map<string, { toStance: Record<Stance, number>; becameAtRisk: number; exitStepsDone: number }>();
  const of = (ownerId: string) => {
    let entry = moves.get(ownerId);
    if (!entry) {
      entry = { toStance: { Attack: 0, Defend: 0, Fire: 0, None: 0 }, becameAtRisk: 0, exitStepsDone: 0 };
      moves.set(ownerId, entry);
    }
    return entry;
  };
  for (const change of changes) {
    if (change.count <= 0) continue;
    if (change.from !== change.to && isStance(change.to)) of(change.ownerId).toStance[change.to] += change.count;
    else if (change.from === change.to && change.atRisk) of(change.ownerId).becameAtRisk += change.count;
  }
  for (const [ownerId, done] of exitStepsDone) if (done > 0) of(ownerId).exitStepsDone += done;
  return moves;
}

/**
 * For each owner, the active users above them in the role hierarchy (in roles that are ancestors
 * of the owner's role; people in the same role are peers, not managers). Owners without a role
 * have no manager.
 */
export function managersAbove(
  users: readonly HierarchyUser[],
  roles: readonly HierarchyRole[],
  owners: Iterable<string>,
): Map<string, string[]> {
  const parentOf = new Map(roles.map((role) => [role.id, role.parentId]));
  const activeIn = new Map<string, string[]>();
  const roleOf = new Map<string, string | null>();
  for (const user of users) {
    roleOf.set(user.id, user.roleId);
    if (user.active && user.roleId) activeIn.set(user.roleId, [...(activeIn.get(user.roleId) ?? []), user.id]);
  }
  const above = new Map<string, string[]>();
  for (const ownerId of owners) {
    const managers: string[] = [];
    const seen = new Set<string>();
    let role = parentOf.get(roleOf.get(ownerId) ?? '') ?? null;
    // A cycle (a broken hierarchy) stops the walk instead of looping.
    while (role && !seen.has(role)) {
      seen.add(role);
      for (const id of activeIn.get(role) ?? []) if (id !== ownerId) managers.push(id);
      role = parentOf.get(role) ?? null;
    }
    above.set(ownerId, managers);
  }
  return above;
}

/** "2 to Attack, 1 to Fire, 1 became at risk, 1 exit step done": what moved, in the reader's words. */
export function describeMoves(moves: OwnerMoves, messages: Messages = messagesFor('en')): string {
  const { text, format, plural } = messages;
  const parts = STANCES.filter((stance) => moves.toStance[stance] > 0).map((stance) =>
    format(text.movedTo, moves.toStance[stance], text.stance[stance]),
  );
  if (moves.becameAtRisk > 0) parts.push(plural(moves.becameAtRisk, text.becameAtRisk));
  if (moves.exitStepsDone > 0) parts.push(plural(moves.exitStepsDone, text.exitStepsDone));
  return parts.join(text.partSeparator);
}

function total(list: readonly OwnerMoves[]): OwnerMoves {
  const toStance: Record<Stance, number> = { Attack: 0, Defend: 0, Fire: 0, None: 0 };
  let becameAtRisk = 0;
  let exitStepsDone = 0;
  for (const moves of list) {
    for (const stance of STANCES) toStance[stance] += moves.toStance[stance];
    becameAtRisk += moves.becameAtRisk;
    exitStepsDone += moves.exitStepsDone;
  }
  return { toStance, becameAtRisk, exitStepsDone };
}

function weight(moves: OwnerMoves): number {
  return STANCES.reduce((sum, stance) => sum + moves.toStance[stance], 0) + moves.becameAtRisk + moves.exitStepsDone;
}

/**
 * One manager's digest, in their words: the team's totals, then a line per owner whose accounts
 * moved (most first), as many as fit in the body's 750 characters, then how many more were left out.
 */
export function digestText(
  team: ReadonlyArray<{ name: string; moves: OwnerMoves }>,
  messages: Messages = messagesFor('en'),
): { title: string; body: string } {
  const { text, format, plural } = messages;
  const sorted = [...team].sort((a, b) => weight(b.moves) - weight(a.moves) || a.name.localeCompare(b.name));
  const sum = describeMoves(total(sorted.map((member) => member.moves)), messages);
  const title = format(text.digestTitle, sum);
  const lines: string[] = [];
  const head = format(text.digestHead, sum);
  let length = head.length + 1 + text.digestFooter.length;
  let left = sorted.length;
  for (const member of sorted) {
    const line = format(text.digestPerson, member.name, describeMoves(member.moves, messages));
    const more = left - 1 > 0 ? `\n${plural(left - 1, text.morePeople)}`.length : 0;
    if (length + line.length + 1 + more > NOTIFICATION_BODY_MAX) break;
    lines.push(line);
    length += line.length + 1;
    left--;
  }
  if (left > 0) lines.push(plural(left, text.morePeople));
  const body = [head, ...lines, text.digestFooter].join('\n');
  return { title: clip(title, NOTIFICATION_TITLE_MAX), body: clip(body, NOTIFICATION_BODY_MAX) };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The digests to send: one per manager whose team (the owners below them) moved; an owner with
 * no moves is not named, a manager whose team had none gets nothing. In manager id order.
 */
export function managerDigests(
  moves: ReadonlyMap<string, OwnerMoves>,
  managers: ReadonlyMap<string, readonly string[]>,
  names: ReadonlyMap<string, string>,
  /** Each manager's User.LanguageLocaleKey: the digest is in their language (English when unknown). */
  languages: ReadonlyMap<string, string | null> = new Map(),
): ManagerDigest[] {
  const teams = new Map<string, string[]>();
  for (const ownerId of [...moves.keys()].sort()) {
    for (const managerId of managers.get(ownerId) ?? [])
      teams.set(managerId, [...(teams.get(managerId) ?? []), ownerId]);
  }
  return [...teams.keys()].sort().map((managerId) => {
    const owners = teams.get(managerId)!;
    const text = digestText(
      owners.map((ownerId) => ({ name: names.get(ownerId) ?? ownerId, moves: moves.get(ownerId)! })),
      messagesFor(languages.get(managerId)),
    );
    return { managerId, ...text, owners };
  });
}
