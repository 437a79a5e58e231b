/**
 * The rows of a generated population (scripts/local-org/seedPopulation.ts), chunk after chunk,
 * from plain data only (no store, no database): so they can be made on a worker thread while the
 * main thread, SQLite's one writer, inserts the chunk before. The same plan gives the same rows
 * on either thread: one random sequence, drawn in the same order.
 *
 * The worker protocol: the worker posts chunk after chunk on `port` and counts them in
 * `shared[PRODUCED]`; it stays at most AHEAD chunks ahead of `shared[CONSUMED]`, which the main
 * thread counts up; a failure is posted as `{ error }` in place of a chunk.
 */
import { isMainThread, type MessagePort, workerData } from 'node:worker_threads';
import { makeId } from './ids';
import type { SqlValue } from './store/values';
import { COUNTRIES, INDUSTRIES, random, SIGNAL_SOURCES, SIGNAL_STATUSES, TITLES, TYPES } from './seedValues';

/** Everything the rows depend on, as plain data (it crosses to the worker by structured clone). */
export interface PopulationPlan {
  readonly total: number;
  readonly seed: number;
  readonly now: number;
  readonly admin: string;
  readonly integration: string;
  /** Owner ids with their weights, in order. */
  readonly owners: ReadonlyArray<readonly [string, number]>;
  /** Who reports a signal of the sources other than Sales and Detected. */
  readonly reporters: Readonly<Record<string, string>>;
  readonly triggers: readonly string[];
  readonly stances: readonly string[];
  /** The numbers of the first account, contact and opportunity id. */
  readonly firstAccount: number;
  readonly firstContact: number;
  readonly firstOpportunity: number;
  /** Accounts per chunk. */
  readonly chunk: number;
}

/** Where a table's rows go, one `push` per row: an array (a worker's chunk) or a bulk insert. */
export interface RowSink {
  push(...values: SqlValue[]): unknown;
}

/** Where a chunk's rows go (the same fields as PopulationChunk). */
export interface ChunkSinks {
  readonly accounts: RowSink;
  readonly contacts: RowSink;
  readonly opportunities: RowSink;
  readonly signals: RowSink;
}

/** One chunk's rows, each table's values row after row (widths in WIDTHS). */
export interface PopulationChunk {
  readonly accounts: SqlValue[];
  readonly contacts: SqlValue[];
  readonly opportunities: SqlValue[];
  /** Per signal: created, by, stamp, the 8 values from Account__c on, detected (1/0); its id and name come later. */
  readonly signals: SqlValue[];
}

export const WIDTHS = { accounts: 18, contacts: 13, opportunities: 16, signals: 12 } as const;
export const PRODUCED = 0;
export const CONSUMED = 1;
/** Chunks the worker may make before the main thread has taken them (memory stays a few chunks). */
export const AHEAD = 4;

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const NAME_PARTS = ['Alpine', 'Nordic', 'Golden', 'Royal', 'Atlas', 'Harbor', 'Meridian', 'Summit', 'Valley', 'Crown'];
const NAME_KINDS = ['Cocoa', 'Foods', 'Bakeries', 'Confections', 'Ingredients', 'Trading', 'Sweets', 'Mills'];
const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Elena',
  'Felix',
  'Grace',
  'Hugo',
  'Iris',
  'Jonas',
  'Lena',
  'Marc',
];
const LAST_NAMES = ['Meyer', 'Dubois', 'Janssens', 'Rossi', 'Smith', 'Silva', 'Tanaka', 'Weber', 'Moreau', 'Peeters'];
const OPEN_STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'];
const COMPETITORS = ['Cacao Nova', 'Valdor Ingredients', 'Nordbake Supply'];
const PRODUCTS = ['Cocoa replacer', 'Fillings', 'Coatings', 'Inclusions'];

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/**
 * `new Date(ms).toISOString()` for the years 1000 to 9999, three times as fast (about 9 per
 * account: a tenth of the generator's time): the civil date of a day number (H. Hinnant's
 * days_from_civil, inverted) and the time of day, from tables of padded numbers.
 */
export function isoTime(ms: number): string {
  const days = Math.floor(ms / DAY);
  let rest = ms - days * DAY;
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999) return new Date(ms).toISOString();
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[millis]}Z`;
}

/** Makes the chunks of a plan in order: chunk(0), chunk(1), ... (the random sequence runs on). */
export class PopulationRows {
  private readonly rnd: () => number;
  private next = 0;
  readonly chunks: number;

  constructor(private readonly plan: PopulationPlan) {
    this.rnd = random(plan.seed);
    this.chunks = Math.ceil(plan.total / plan.chunk);
  }

  /** Chunk `index`'s rows, pushed into `out` (arrays by default, returned). */
  chunk<Out extends ChunkSinks = PopulationChunk>(
    index: number,
    out: Out = { accounts: [], contacts: [], opportunities: [], signals: [] } as ChunkSinks as Out,
  ): Out {
    if (index !== this.next) throw new Error(`population rows: chunk ${index} asked for, chunk ${this.next} is next`);
    this.next++;
    const { plan, rnd } = this;
    const { now, admin, owners } = plan;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
    const iso = isoTime;
    const date = (ms: number) => iso(ms).slice(0, 10);
    const between = (from: number, to: number) => from + Math.floor(rnd() * (to - from));
    const owner = () => {
      let draw = rnd();
      for (const [id, weight] of owners) if ((draw -= weight) < 0) return id;
      return owners[0]![0];
    };
    const from = index * plan.chunk;
    const to = Math.min(plan.total, from + plan.chunk);
    for (let account = from; account < to; account++) {
      const accountId = makeId('001', plan.firstAccount + account);
      const created = now - Math.floor(rnd() * 6 * YEAR) - DAY;
      const modified = iso(between(created, now));
      const ownerId = owner();
      const type = pick(TYPES);
      const override = rnd() < 0.02;
      out.accounts.push(
        accountId,
        0,
        iso(created),
        admin,
        modified,
        ownerId,
        modified,
        `${pick(NAME_PARTS)} ${pick(NAME_KINDS)} ${account + 1}`,
        type,
        pick(INDUSTRIES),
        pick(COUNTRIES),
        // Revenue on a log scale from 1M to 1B: a tenth or so above the strategy's large-account line.
        Math.round(10 ** (6 + rnd() * 3)),
        between(5, 20_000),
        ownerId,
        rnd() < 0.05 ? 1 : 0,
        override ? pick(plan.stances) : null,
        override ? 'Set by the sales manager after the quarterly review.' : null,
        override ? date(now + between(-30, 120) * DAY) : null,
      );
      for (let n = 0; n < 3; n++) {
        const first = pick(FIRST_NAMES);
        const last = pick(LAST_NAMES);
        const contactCreated = iso(between(created, now));
        const number = plan.firstContact + account * 3 + n;
        out.contacts.push(
          makeId('003', number),
          0,
          contactCreated,
          ownerId,
          contactCreated,
          ownerId,
          contactCreated,
          accountId,
          first,
          last,
          `${first} ${last}`,
          pick(TITLES),
          ownerId,
        );
      }
      for (let n = 0; n < 2; n++) {
        const closeDay = now + between(-3 * 365, 365) * DAY;
        const closeDate = date(closeDay);
        const past = closeDay < now;
        const stage = past && rnd() < 0.9 ? (rnd() < 0.5 ? 'Closed Won' : 'Closed Lost') : pick(OPEN_STAGES);
        const opportunityCreated = Math.min(between(created, now), closeDay);
        const stamp = iso(between(opportunityCreated, now));
        const number = plan.firstOpportunity + account * 2 + n;
        out.opportunities.push(
          makeId('006', number),
          0,
          iso(opportunityCreated),
          ownerId,
          stamp,
          ownerId,
          stamp,
          accountId,
          `${pick(PRODUCTS)} ${closeDate.slice(0, 4)}`,
          stage,
          between(5, 500) * 1000,
          closeDate,
          stage.startsWith('Closed') ? 1 : 0,
          stage === 'Closed Won' ? 1 : 0,
          stage === 'Closed Lost' && rnd() < 0.5 ? pick(COMPETITORS) : null,
          ownerId,
        );
      }
      const draw = rnd();
      const signalCount = draw < 0.5 ? 0 : draw < 0.8 ? 1 : 2;
      for (let n = 0; n < signalCount; n++) {
        const source = pick(SIGNAL_SOURCES);
        const status = pick(SIGNAL_STATUSES);
        const signalCreated = now - between(0, 180) * DAY - between(0, DAY);
        const settled = status === 'New' ? null : iso(Math.min(now, signalCreated + between(0, 7) * DAY));
        const by = source === 'Sales' ? ownerId : source === 'Detected' ? plan.integration : plan.reporters[source]!;
        out.signals.push(
          iso(signalCreated),
          by,
          settled ?? iso(signalCreated),
          accountId,
          pick(plan.triggers),
          status,
          source,
          'Mentioned during the quarterly review that delivery times slipped twice.',
          status === 'Acknowledged' || status === 'Confirmed' ? settled : null,
          status === 'Dismissed' ? settled : null,
          status === 'Dismissed' ? 'Already handled by the account team.' : null,
          source === 'Detected' ? 1 : 0,
        );
      }
    }
    return out;
  }
}

/** The worker's side: every chunk of the plan, in order, never more than AHEAD in front. */
function produce(plan: PopulationPlan, port: MessagePort, shared: Int32Array): void {
  try {
    const rows = new PopulationRows(plan);
    for (let index = 0; index < rows.chunks; index++) {
      for (let consumed = Atomics.load(shared, CONSUMED); index - consumed >= AHEAD;) {
        // A second at most: a worker told to stop (terminate) while it waits stops then at the latest.
        Atomics.wait(shared, CONSUMED, consumed, 1_000);
        consumed = Atomics.load(shared, CONSUMED);
      }
      port.postMessage(rows.chunk(index));
      Atomics.add(shared, PRODUCED, 1);
      Atomics.notify(shared, PRODUCED);
    }
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    Atomics.add(shared, PRODUCED, 1);
    Atomics.notify(shared, PRODUCED);
  } finally {
    port.close();
  }
}

const data = workerData as { populationPlan?: PopulationPlan; port: MessagePort; shared: Int32Array } | null;
if (!isMainThread && data?.populationPlan) produce(data.populationPlan, data.port, data.shared);
