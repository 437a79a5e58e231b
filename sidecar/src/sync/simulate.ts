/**
 * Rule simulation: classify every mirrored account under the rules in force and under a
 * candidate set, and count the stance transitions, with a few sample accounts per cell. Reads
 * the mirror only; writes nothing anywhere. Each sample carries its reason under both sets; the
 * at-risk accounts and each rule's hits (accounts it decides) are counted under both. Runs in slices with a turn of the event loop between
 * two (turns.ts), so health checks and change events are served meanwhile; an account changed
 * during the simulation counts as it is when its slice runs.
 */
import { STANCES, classify } from '../domain';
import type { CompiledConfig, Stance } from '../domain';
import type { MirrorStore } from '../store/mirror';
import { inTurns, nextTurn } from './turns';

export interface TransitionSample {
  readonly id: string;
  readonly name: string | null;
  readonly reasonBefore: string;
  readonly reasonAfter: string;
}

export interface TransitionCell {
  readonly from: Stance;
  readonly to: Stance;
  readonly count: number;
  readonly samples: readonly TransitionSample[];
}

export interface BeforeAfter {
  readonly before: number;
  readonly after: number;
}

export interface SimulationResult {
  readonly accounts: number;
  readonly changed: number;
  /** from -> to -> count, every stance present, zeros included. */
  readonly matrix: Readonly<Record<Stance, Readonly<Record<Stance, number>>>>;
  /** The non-empty cells, with samples. */
  readonly transitions: readonly TransitionCell[];
  /** Accounts at risk (Defend with threats over the strategy's weight) under each set. */
  readonly atRisk: BeforeAfter;
  /** Per rule (DeveloperName, of either set): how many accounts it decides under each set. */
  readonly hits: Readonly<Record<string, BeforeAfter>>;
}

const SAMPLES_PER_CELL = 5;

export async function simulate(
  mirror: MirrorStore,
  current: CompiledConfig,
  candidate: CompiledConfig,
  now: number,
): Promise<SimulationResult> {
  const matrix = Object.fromEntries(
    STANCES.map((from) => [from, Object.fromEntries(STANCES.map((to) => [to, 0]))]),
  ) as Record<Stance, Record<Stance, number>>;
  const samples = new Map<string, TransitionSample[]>();
  const atRisk = { before: 0, after: 0 };
  const hits: Record<string, { before: number; after: number }> = {};
  for (const rule of current.rules) hits[rule.definition.name] = { before: 0, after: 0 };
  for (const rule of candidate.rules) hits[rule.definition.name] = { before: 0, after: 0 };
  const marketSignals = mirror.marketSignals();
  let accounts = 0;
  let changed = 0;
  // A page of ids at a time (keyset, so the sync may write between two): memory holds a page, not the org.
  let pages = 0;
  for (const page of mirror.accountIdPages()) {
    // A turn between two pages too, as between two slices of one.
    if (pages++ > 0) await nextTurn();
    for await (const ids of inTurns(page)) {
      for (const id of ids) {
        const snapshot = mirror.snapshot(id, marketSignals);
        if (!snapshot) continue;
        accounts++;
        const before = classify(snapshot, current, now);
        const after = classify(snapshot, candidate, now);
        const from = before.stance;
        const to = after.stance;
        matrix[from][to]++;
        if (before.atRisk) atRisk.before++;
        if (after.atRisk) atRisk.after++;
        if (before.ruleName !== null) hits[before.ruleName]!.before++;
        if (after.ruleName !== null) hits[after.ruleName]!.after++;
        if (from !== to) changed++;
        const key = `${from}>${to}`;
        const cell = samples.get(key) ?? [];
        if (cell.length < SAMPLES_PER_CELL) {
          cell.push({
            id,
            name: snapshot.account.Name ?? null,
            reasonBefore: before.reason,
            reasonAfter: after.reason,
          });
        }
        samples.set(key, cell);
      }
    }
  }
  const transitions: TransitionCell[] = [];
  for (const from of STANCES) {
    for (const to of STANCES) {
      const count = matrix[from][to];
      if (count > 0) transitions.push({ from, to, count, samples: samples.get(`${from}>${to}`) ?? [] });
    }
  }
  return { accounts, changed, matrix, transitions, atRisk, hits };
}

/** How many accounts each rule decides (its condition is the first to hold), by DeveloperName. */
export async function ruleHits(
  mirror: MirrorStore,
  config: CompiledConfig,
  now: number,
): Promise<Record<string, number>> {
  const hits: Record<string, number> = Object.fromEntries(config.rules.map((rule) => [rule.definition.name, 0]));
  const marketSignals = mirror.marketSignals();
  let pages = 0;
  for (const page of mirror.accountIdPages()) {
    if (pages++ > 0) await nextTurn();
    for await (const ids of inTurns(page)) {
      for (const id of ids) {
        const snapshot = mirror.snapshot(id, marketSignals);
        const rule = snapshot ? classify(snapshot, config, now).ruleName : null;
        if (rule !== null) hits[rule] = (hits[rule] ?? 0) + 1;
      }
    }
  }
  return hits;
}
