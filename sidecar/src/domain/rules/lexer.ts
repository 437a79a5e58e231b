/**
 * A small tokenizer for rule conditions. The SOQL parser decides what a condition means;
 * this only knows where each token stands, so problems can name a line and column.
 */

export type TokenKind = 'word' | 'string' | 'number' | 'operator' | 'open' | 'close' | 'comma';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Offset of the first character in the condition. */
  readonly start: number;
  readonly end: number;
}

export interface LexFailure {
  readonly offset: number;
  readonly message: string;
}

const COMPARISON_WORDS = new Set(['IN', 'NOT', 'LIKE', 'INCLUDES', 'EXCLUDES']);

export function tokenize(text: string): { tokens: Token[]; failure?: LexFailure } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "'") {
      i++;
      while (i < text.length && text[i] !== "'") i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length)
        return { tokens, failure: { offset: start, message: 'this text value has no closing quote' } };
      i++;
      tokens.push({ kind: 'string', text: text.slice(start, i), start, end: i });
    } else if (ch === '(' || ch === ')' || ch === ',') {
      i++;
      tokens.push({ kind: ch === '(' ? 'open' : ch === ')' ? 'close' : 'comma', text: ch, start, end: i });
    } else if ('=!<>'.includes(ch)) {
      while (i < text.length && '=!<>'.includes(text[i]!)) i++;
      tokens.push({ kind: 'operator', text: text.slice(start, i), start, end: i });
    } else if (/[0-9+-]/.test(ch)) {
      i++;
      while (i < text.length && /[0-9.:TZ+-]/i.test(text[i]!)) i++;
      tokens.push({ kind: 'number', text: text.slice(start, i), start, end: i });
    } else if (/[A-Za-z_]/.test(ch)) {
      while (i < text.length && /[A-Za-z0-9_.:]/.test(text[i]!)) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), start, end: i });
    } else {
      return { tokens, failure: { offset: start, message: `unexpected character ${JSON.stringify(ch)}` } };
    }
  }
  return { tokens };
}

/**
 * The tokens that name the fact of each comparison, in source order: a word followed by
 * an operator or by IN / NOT IN / LIKE. The SOQL parser lists comparisons in the same order.
 */
export function comparisonSubjects(tokens: readonly Token[]): Token[] {
  const subjects: Token[] = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1]!;
    if (token.kind !== 'word' && !(token.kind === 'close' && isFunctionEnd(tokens, i))) continue;
    const nextWord = next.kind === 'word' ? next.text.toUpperCase() : '';
    if (next.kind === 'operator' || (COMPARISON_WORDS.has(nextWord) && nextWord !== 'NOT') || isNotIn(tokens, i + 1)) {
      subjects.push(token.kind === 'close' ? functionStart(tokens, i) : token);
    }
  }
  return subjects;
}

function isNotIn(tokens: readonly Token[], at: number): boolean {
  return tokens[at]?.text.toUpperCase() === 'NOT' && tokens[at + 1]?.text.toUpperCase() === 'IN';
}

/** `CALENDAR_YEAR(X) = 2020`: the comparison's subject is the function call. */
function isFunctionEnd(tokens: readonly Token[], closeAt: number): boolean {
  const open = matchingOpen(tokens, closeAt);
  return open > 0 && tokens[open - 1]!.kind === 'word';
}

function functionStart(tokens: readonly Token[], closeAt: number): Token {
  return tokens[matchingOpen(tokens, closeAt) - 1]!;
}

function matchingOpen(tokens: readonly Token[], closeAt: number): number {
  let depth = 0;
  for (let i = closeAt; i >= 0; i--) {
    if (tokens[i]!.kind === 'close') depth++;
    if (tokens[i]!.kind === 'open' && --depth === 0) return i;
  }
  return -1;
}

/** 1-based line and column of an offset, and the line with a caret under it. */
export function locate(text: string, offset: number): { line: number; column: number; excerpt: string } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', offset);
  const lineText = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
  const column = offset - lineStart + 1;
  return { line, column, excerpt: `${lineText}\n${' '.repeat(column - 1)}^` };
}

/** The first value token after a comparison's operator (IN, NOT IN, LIKE or a symbol). */
export function valueToken(tokens: readonly Token[], subject: Token): Token {
  let i = tokens.indexOf(subject) + 1;
  while (
    tokens[i] &&
    (tokens[i]!.kind === 'operator' || tokens[i]!.kind === 'open' || /^(NOT|IN|LIKE)$/i.test(tokens[i]!.text))
  )
    i++;
  return tokens[i] ?? subject;
}
