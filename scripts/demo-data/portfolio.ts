/**
 * The demo firm's portfolio history: one snapshot per account owner per week for the past eight
 * weeks, as the sidecar would have written them (it writes one a day from the day it runs), so the
 * Home page's trend has a history on a fresh start. The numbers tell the firm's recent story and
 * end at today's mix (a test holds the last week to the live classification, within one account):
 * Dana's Fire count grew as Finance confirmed two unprofitable customers and her at-risk customers
 * rose to two; Nina won Brugge Bonbons on service (an Attack turned Defend three weeks ago) and
 * carried Madrid Turrones' exit through.
 */

export interface DemoSnapshot {
  /** The owner's DEMO user key; the snapshot is theirs (OwnerId) and counts their accounts. */
  readonly owner: string;
  /** Weeks before the day the org is seeded (1..SNAPSHOT_WEEKS). */
  readonly weeksAgo: number;
  readonly attack: number;
  readonly defend: number;
  readonly atRisk: number;
  readonly fire: number;
  readonly none: number;
  readonly movedThisWeek: number;
  readonly offStrategyAccounts: number;
  readonly offStrategyDeals: number;
  readonly offStrategyCases: number;
  readonly offStrategyPipeline: number;
  readonly exitSteps: number;
  readonly exitStepsDone: number;
  readonly winsTechnical: number;
  readonly winsPrice: number;
  readonly winsService: number;
}

export const SNAPSHOT_WEEKS = 8;
/** Steps in the Fire exit plan (EXIT_DECISION, EXIT_CUSTOMER_TOLD, EXIT_HANDOVER, EXIT_EFFORT_MOVED). */
const EXIT_PLAN_STEPS = 4;

/**
 * Per owner, oldest week first: [attack, defend, at risk, fire, none], then effort off-strategy
 * [accounts, open deals, cases, pipeline], exit steps done, and wins [technical, price, service].
 */
type Week = readonly [
  mix: readonly [number, number, number, number, number],
  effort: readonly [number, number, number, number],
  exitDone: number,
  wins: readonly [number, number, number],
];

const HISTORY: Readonly<Record<string, readonly Week[]>> = {
  dana: [
    [[6, 7, 0, 2, 2], [2, 2, 1, 38_000], 1, [0, 1, 0]],
    [[6, 7, 1, 2, 2], [2, 2, 1, 38_000], 1, [0, 1, 0]],
    [[5, 8, 1, 2, 2], [2, 1, 2, 20_000], 2, [0, 1, 0]],
    [[5, 7, 1, 3, 2], [2, 1, 2, 20_000], 3, [1, 2, 0]],
    [[5, 7, 0, 3, 2], [1, 1, 1, 20_000], 3, [1, 2, 0]],
    [[4, 8, 1, 3, 2], [1, 0, 1, 0], 3, [1, 2, 0]],
    [[4, 7, 1, 4, 2], [1, 0, 1, 0], 4, [1, 2, 0]],
    [[4, 7, 2, 4, 2], [1, 0, 1, 0], 5, [1, 2, 0]],
  ],
  nina: [
    [[5, 2, 0, 3, 2], [2, 1, 2, 30_000], 1, [1, 0, 0]],
    [[5, 2, 0, 3, 2], [2, 1, 2, 30_000], 1, [1, 0, 0]],
    [[5, 2, 0, 4, 1], [2, 1, 3, 30_000], 2, [1, 0, 0]],
    [[5, 2, 1, 4, 1], [1, 1, 3, 12_000], 3, [1, 0, 0]],
    [[5, 2, 1, 4, 1], [1, 1, 3, 12_000], 4, [1, 0, 0]],
    [[4, 3, 0, 4, 1], [1, 1, 2, 12_000], 5, [1, 0, 1]],
    [[4, 3, 0, 4, 1], [1, 1, 3, 12_000], 5, [1, 0, 1]],
    [[4, 3, 0, 4, 1], [1, 1, 3, 12_000], 6, [1, 0, 1]],
  ],
};

/** Accounts whose stance changed since the week before: what moved out of one stance moved into another. */
function moved(
  previous: readonly number[] | undefined,
  current: readonly [number, number, number, number, number],
): number {
  if (!previous) return 0;
  const stances = [0, 1, 3, 4]; // attack, defend, fire, none (at risk is a flag on Defend)
  return stances.reduce((n, index) => n + Math.max(0, current[index]! - previous[index]!), 0);
}

export const PORTFOLIO_HISTORY: readonly DemoSnapshot[] = Object.entries(HISTORY).flatMap(([owner, weeks]) =>
  weeks.map(([mix, effort, exitDone, wins], index): DemoSnapshot => {
    const [attack, defend, atRisk, fire, none] = mix;
    return {
      owner,
      weeksAgo: weeks.length - index,
      attack,
      defend,
      atRisk,
      fire,
      none,
      movedThisWeek: moved(weeks[index - 1]?.[0], mix),
      offStrategyAccounts: effort[0],
      offStrategyDeals: effort[1],
      offStrategyCases: effort[2],
      offStrategyPipeline: effort[3],
      exitSteps: fire * EXIT_PLAN_STEPS,
      exitStepsDone: exitDone,
      winsTechnical: wins[0],
      winsPrice: wins[1],
      winsService: wins[2],
    };
  }),
);
