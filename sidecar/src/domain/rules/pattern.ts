/**
 * Regular expressions admins write (the strategy's key-title pattern) run on re2js, a
 * linear-time engine: no pattern can make a match take longer than a pass over the text. What
 * such an engine cannot run (backreferences, lookaround) is refused with what to write instead.
 */
import { RE2JS } from 're2js';

/** A compiled admin pattern: `test` answers whether it matches anywhere in the text. */
export interface TextPattern {
  readonly source: string;
  test(text: string): boolean;
}

export interface PatternRefusal {
  /** What is wrong, naming the construct. */
  readonly message: string;
  /** What to write instead. */
  readonly hint?: string;
}

interface Construct {
  readonly test: RegExp;
  readonly what: (found: string) => string;
  readonly hint: string;
}

/** Constructs a backtracking engine runs and a linear-time one cannot, or writes differently. */
const CONSTRUCTS: readonly Construct[] = [
  {
    test: /\\[1-9]|\\k</,
    what: (found) => `a backreference (${found}) repeats what a group matched, which no linear-time engine can do`,
    hint: 'write the alternatives out, e.g. (chief|head) instead of (chief|head).*\\1',
  },
  {
    test: /\(\?<?[=!]/,
    what: (found) =>
      `${found.includes('<') ? 'a lookbehind' : 'a lookahead'} (${found}...) is not supported: patterns run on a linear-time engine`,
    hint: 'match the words themselves, e.g. \\b(chief|head)\\b; to keep a word out, list only the titles that count',
  },
  {
    test: /\(\?>|[*+?}]\+/,
    what: (found) => `an atomic group or possessive quantifier (${found}) is not supported`,
    hint: 'drop it: every pattern already runs in linear time',
  },
  {
    test: /\\u\{?[0-9a-fA-F]/,
    what: (found) => `the escape ${found} is JavaScript's`,
    hint: 'write a code point as \\x{00E9}',
  },
];

/** Why re2js refused a pattern, in the admin's terms. */
function explain(source: string, error: Error): PatternRefusal {
  for (const construct of CONSTRUCTS) {
    const found = construct.test.exec(source);
    if (found) return { message: construct.what(found[0]), hint: construct.hint };
  }
  // re2js states the flag it was given inside the pattern it quotes: quote the admin's text.
  const { error: what, input } = error as Error & { error?: string; input?: string | null };
  const quoted = input ? `: \`${input.replace(/^\(\?i\)/, '')}\`` : '';
  return { message: `not a valid regular expression: ${what ?? error.message}${quoted}` };
}

/** Texts up to this long have their answer remembered, at most CACHED_TEXTS of them. */
const CACHED_TEXT_MAX_CHARS = 200;
const CACHED_TEXTS = 10_000;

/**
 * Compiles a case-insensitive pattern that matches anywhere in a text, or says why it cannot
 * run. The syntax is RE2's (as in Go and Google Sheets): JavaScript's, less backreferences and
 * lookaround.
 */
export function compileTextPattern(source: string): { pattern: TextPattern } | { refusal: PatternRefusal } {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    return { refusal: explain(source, error as Error) };
  }
  // Titles repeat across an org (a few hundred distinct ones for a million contacts): each
  // distinct short text is matched once. The cache is bounded, and forgotten whole when full.
  const answers = new Map<string, boolean>();
  const test = (text: string): boolean => {
    if (text.length > CACHED_TEXT_MAX_CHARS) return compiled.test(text);
    let answer = answers.get(text);
    if (answer === undefined) {
      answer = compiled.test(text);
      if (answers.size >= CACHED_TEXTS) answers.clear();
      answers.set(text, answer);
    }
    return answer;
  };
  return { pattern: { source, test } };
}
