/** Salesforce record ids: 15 case-sensitive characters plus a 3-character suffix that encodes their case. */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character suffix that makes a 15-character id safe to compare without regard to case. */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charCodeAt(chunk * 5 + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return suffix;
}

/** The n-th id for a key prefix, e.g. makeId('001', 1) = 001000000000001AAA. */
export function makeId(keyPrefix: string, n: number): string {
  let body = '';
  for (let rest = n; rest > 0; rest = Math.floor(rest / 62)) body = BASE62[rest % 62] + body;
  const id15 = keyPrefix + body.padStart(12, '0');
  return id15 + idSuffix(id15);
}

/** An 18-character id from a 15- or 18-character one, or null when it is not an id. */
export function normaliseId(id: string): string | null {
  if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id)) return null;
  const id15 = id.slice(0, 15);
  return id15 + idSuffix(id15);
}
