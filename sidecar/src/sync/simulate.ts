/**
 * Rule simulation: classify every mirrored account under the rules in force and under a
 * candidate set, and count the stance transitions, with a few sample accounts per cell. Reads
 * the mirror only; writes nothing anywhere. Runs in slices with a turn of the event loop between
 * two (turns.ts), so health checks and change events are served meanwhile; an account changed
 * during the simulation counts as it is when its slice runs.
 */
import { STANCES, classify } from '../domain';
import type { CompiledConfig, Stance } from '../domain';
import type { MirrorStore } from '../store/mirror';
import { inTurns, nextTurn } from './turns';

export interface TransitionCell {
  readonly from: Stance;
  readonly to: Stance;
  readonly count: number;
  readonly samples: ReadonlyArray<{ readonly id: string; readonly name: string | null }>;
}

export interface SimulationResult {
  readonly accounts: number;
  readonly changed: number;
  /** from -> to -> count, every stance present, zeros included. */
  readonly matrix: Readonly<Record<Stance, Readonly<Record<Stance, number>>>>;
  /** The non-empty cells, with samples. */
  readonly transitions: readonly TransitionCell[];
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
  const samples = new Map<string, Array<{ id: string; name: string | null }>>();
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
        const from = classify(snapshot, current, now).stance;
        const to = classify(snapshot, candidate, now).stance;
        matrix[from][to]++;
        if (from !== to) changed++;
        const key = `${from}>${to}`;
        const cell = samples.get(key) ?? [];
        if (cell.length < SAMPLES_PER_CELL) cell.push({ id, name: snapshot.account.Name ?? null });
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
  return { accounts, changed, matrix, transitions };
}
