/**
 * SOQL's LIKE without a regular expression: `%` is any run of characters, `_` any one
 * character, `\%` and `\_` a percent sign and an underscore. The pattern is split at `%` into
 * pieces; the first must start the text, the last must end it, and each one between is taken at
 * its leftmost place after the one before (the leftmost place never loses a match the later
 * pieces could use). No piece is ever tried again, so a test costs at most (text length x
 * longest piece) character comparisons, whatever the pattern: `%a%a%a%a%a%a%a%a%b` over a long
 * text is one pass, where a backtracking regular expression takes minutes.
 */

/** Counts character comparisons, for tests that prove the bound. */
export interface LikeMeter {
  steps: number;
}

/** A run between two `%`: characters to match, null for `_`. */
type Piece = ReadonlyArray<string | null>;

const ESCAPED: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r' };

/** The pieces of a LIKE pattern as written between the quotes, escapes included; lower case. */
function piecesOf(pattern: string): Piece[] {
  const pieces: Array<Array<string | null>> = [[]];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    const current = pieces[pieces.length - 1]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      current.push(ESCAPED[next] ?? next.toLowerCase());
    } else if (ch === '%') pieces.push([]);
    else current.push(ch === '_' ? null : ch.toLowerCase());
  }
  return pieces;
}

/** Does `piece` match `text` at `at`? */
function pieceAt(text: string, piece: Piece, at: number, meter?: LikeMeter): boolean {
  for (let i = 0; i < piece.length; i++) {
    if (meter) meter.steps++;
    const wanted = piece[i];
    if (wanted !== null && wanted !== text[at + i]) return false;
  }
  return true;
}

/**
 * A matcher for a LIKE pattern as written between the quotes (`\%` a percent sign); case is
 * ignored, as in SOQL.
 */
export function likeMatcher(pattern: string): (value: string, meter?: LikeMeter) => boolean {
  const pieces = piecesOf(pattern);
  const first = pieces[0]!;
  if (pieces.length === 1) {
    return (value, meter) => {
      const text = value.toLowerCase();
      return text.length === first.length && pieceAt(text, first, 0, meter);
    };
  }
  const last = pieces[pieces.length - 1]!;
  const middle = pieces.slice(1, -1).filter((piece) => piece.length > 0);
  return (value, meter) => {
    const text = value.toLowerCase();
    const end = text.length - last.length;
    if (end < first.length) return false;
    if (!pieceAt(text, first, 0, meter) || !pieceAt(text, last, end, meter)) return false;
    let at = first.length;
    for (const piece of middle) {
      let found = -1;
      for (let start = at; start + piece.length <= end; start++) {
        if (pieceAt(text, piece, start, meter)) {
          found = start;
          break;
        }
      }
      if (found < 0) return false;
      at = found + piece.length;
    }
    return true;
  };
}
