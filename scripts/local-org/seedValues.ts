/**
 * Value lists shared by the generated populations: the local org's `--seed population` and the
 * bench's in-memory snapshots (scripts/bench/population.ts). Both draw from the same spreads, so a
 * figure measured on one is about the same kind of data as the other. In the demo strategy's
 * markets: the first four industries and the countries but Brazil and Japan; the first titles
 * match its key-title pattern (head, buyer, chief), the last three do not.
 */

/** mulberry32: small, fast, seedable. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const INDUSTRIES = ['Confectionery', 'Chocolate', 'Bakery', 'Food & Beverage', 'Mining', 'Retail', 'Chemicals'];
export const COUNTRIES = ['Germany', 'France', 'Belgium', 'United States', 'Brazil', 'Japan', 'Italy'];
/** Prospect twice: about as many prospects as customers. */
export const TYPES = ['Customer - Direct', 'Customer - Channel', 'Prospect', 'Prospect', 'Other'];
export const TITLES = [
  'Head of Purchasing',
  'Buyer',
  'Lab Technician',
  'Chief Operating Officer',
  'Plant Manager',
  'Assistant',
];
export const SIGNAL_STATUSES = ['New', 'Acknowledged', 'Confirmed', 'Dismissed', 'Resolved', 'Done'];
export const SIGNAL_SOURCES = ['Sales', 'Customer Support', 'Logistics', 'Technical', 'Detected'];
