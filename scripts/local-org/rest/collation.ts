/**
 * The order /composite runs its subrequests in. With `collateSubrequests` true (Salesforce's
 * default since API 49) Salesforce bulkifies unrelated subrequests and says only that their order
 * of execution is not guaranteed. The local org therefore reorders, from a seeded sequence (the
 * same seed gives the same orders), every subrequest that may be collated: one without headers of
 * its own that neither names another through @{reference} nor is named by one. Those of one
 * method (and API version) run together as one batch, in a shuffled order, and each batch runs at
 * a shuffled place among the others; whenever another order exists the given one is never kept,
 * so a client that assumes it fails here. Subrequests that may not be collated keep their order.
 */

export interface Collatable {
  readonly method: string;
  readonly url: string;
  readonly referenceId: string;
  readonly body?: unknown;
  readonly httpHeaders?: unknown;
}

/** A deterministic sequence of numbers in [0, 1) (Park–Miller), one per org. */
export class SeededSequence {
  private state: number;

  constructor(seed: number) {
    this.state = (Math.abs(Math.trunc(seed)) % 2147483646) + 1;
  }

  next(): number {
    this.state = (this.state * 16807) % 2147483647;
    return (this.state - 1) / 2147483646;
  }

  below(count: number): number {
    return Math.floor(this.next() * count);
  }
}

const REFERENCE = /@\{(\w+)/g;

/** The referenceIds a subrequest names in its URL or body. */
export function referencesOf(sub: Collatable): Set<string> {
  const text = `${sub.url} ${sub.body === undefined ? '' : JSON.stringify(sub.body)}`;
  return new Set([...text.matchAll(REFERENCE)].map((match) => match[1]!));
}

/** The indexes of `subrequests` in the order they run. */
export function executionOrder(
  subrequests: readonly Collatable[],
  collate: boolean,
  sequence: SeededSequence,
): number[] {
  const given = subrequests.map((_sub, index) => index);
  if (!collate) return given;
  const named = new Set(subrequests.flatMap((sub) => [...referencesOf(sub)]));
  const mayCollate = (sub: Collatable) =>
    !hasHeaders(sub.httpHeaders) && referencesOf(sub).size === 0 && !named.has(sub.referenceId);
  // Steps: a subrequest that may not be collated alone, in the given order; a batch per method.
  const steps: number[][] = [];
  const batches = new Map<string, number[]>();
  for (const index of given) {
    const sub = subrequests[index]!;
    if (!mayCollate(sub)) {
      steps.push([index]);
      continue;
    }
    const key = `${sub.method.toUpperCase()} ${/\/v(\d+\.\d+)\//.exec(sub.url)?.[1] ?? ''}`;
    const batch = batches.get(key);
    if (batch) batch.push(index);
    else batches.set(key, [index]);
  }
  for (const batch of batches.values()) {
    shuffle(batch, sequence);
    steps.splice(sequence.below(steps.length + 1), 0, batch);
  }
  let order = steps.flat();
  if (order.every((index, position) => index === position)) order = anotherOrder(steps, batches);
  return order;
}

/** When the shuffle happened to keep the given order: the first batch turned round, or moved. */
function anotherOrder(steps: number[][], batches: ReadonlyMap<string, number[]>): number[] {
  const longBatch = [...batches.values()].find((batch) => batch.length > 1);
  if (longBatch) {
    longBatch.push(longBatch.shift()!);
    return steps.flat();
  }
  const [first] = batches.values();
  if (!first || steps.length < 2) return steps.flat();
  const place = steps.indexOf(first);
  steps.splice(place, 1);
  steps.splice(place === steps.length ? 0 : steps.length, 0, first);
  return steps.flat();
}

function hasHeaders(headers: unknown): boolean {
  return typeof headers === 'object' && headers !== null && Object.keys(headers).length > 0;
}

function shuffle(values: number[], sequence: SeededSequence): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = sequence.below(i + 1);
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
}
